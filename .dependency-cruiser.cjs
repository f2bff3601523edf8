// Import rules for src/ (run by `npm run check:imports`, part of `npm test`). The folders form
// layers; a folder imports only from layers below its own, never from another folder of its own
// layer, and no files or folders import each other in a circle (type-only imports count).
/** Bottom first. Folders above the last layer (webhooks, node, testing…) may use every layer. */
const LAYERS = [
  ["errors", "version.ts"],
  ["secrets", "validate"],
  ["retry", "body", "events"],
  ["attempt"],
  ["auth"],
  ["schema"],
  ["routes", "validation"],
  ["client"],
];

const at = (names) => `^src/(${names.map((n) => n.replace(".", "\\.")).join("|")})(/|$)`;

const layerRules = LAYERS.flatMap((layer, index) => {
  const below = LAYERS.slice(0, index).flat();
  return layer.map((name) => ({
    name: `layer-${name}`,
    comment: `src/${name} imports only itself and the layers below it (${below.join(", ") || "nothing of ours"})`,
    severity: "error",
    from: { path: at([name]) },
    to: { path: "^src/", pathNot: at([name, ...below]) },
  }));
});

module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: "no-circular",
      comment: "No import cycle between files (type-only imports included).",
      severity: "error",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "no-circular-folders",
      comment: "No import cycle between folders.",
      severity: "error",
      scope: "folder",
      from: { path: "^src/" },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(generated|node_modules)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".mjs"] },
  },
};
