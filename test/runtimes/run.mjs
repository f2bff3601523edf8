// Entry for Node, Bun and Deno: `<runtime> run.mjs <baseUrl>` prints the consumer's report as JSON.
import { runChecks } from "./out/consumer.mjs";

const { Bun, Deno, process } = globalThis;
const runtime = Bun ? `Bun ${Bun.version}` : Deno ? `Deno ${Deno.version.deno}` : `Node ${process.versions.node}`;
const baseUrl = Deno ? Deno.args[0] : process.argv[2];
console.log(JSON.stringify(await runChecks(baseUrl, runtime)));
