// Gives every schema of components.schemas a named type, so hovers, signatures and errors say
// `Debtor` instead of spelling out a 30-field object. openapi-typescript's `rootTypes` only adds
// `export type Debtor = components["schemas"]["Debtor"]`, an alias of an anonymous type: the
// compiler shows the anonymous type wherever it was reached through `components` (every
// operation's body and response). Here the declaration moves out: `export type Debtor = { … }`,
// and `components["schemas"]["Debtor"]` becomes a reference to it, so both routes reach a named type.

import openapiTS, { astToString } from "aptic-ts6-tools/openapi-typescript"; // TS 6 inside: see tools/ts6/README.md
import ts from "aptic-ts6-tools/typescript";

/**
 * The generated types of an OpenAPI document (a URL or a parsed object), exactly as
 * `npm run generate` writes them to generated/aptic.ts (without the banner).
 *
 * @param {URL | object} source
 * @returns {Promise<string>}
 */
export async function generateTypes(source) {
  return astToString(nameSchemaTypes(ts, await openapiTS(source, { rootTypes: true, rootTypesNoSchemaPrefix: true })));
}

/** The string of a property name or literal index (`Debtor` of `components["schemas"]["Debtor"]`). */
function textOf(ts, node) {
  if (ts.isIdentifier(node) || ts.isStringLiteral(node)) return node.text;
  if (ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal)) return node.literal.text;
  return undefined;
}

/**
 * The schema key of a `rootTypes` alias `X = components['schemas']['Key']`, or undefined.
 * openapi-typescript writes that reference as one identifier whose text is the whole expression.
 */
function schemaRootKey(ts, node) {
  if (!ts.isTypeAliasDeclaration(node) || !ts.isTypeReferenceNode(node.type) || !ts.isIdentifier(node.type.typeName)) return undefined;
  const match = /^components\['schemas'\]\['((?:[^'\\]|\\.)+)'\]$/.exec(node.type.typeName.text);
  return match?.[1]?.replace(/\\(.)/g, "$1");
}

/** The schema key of a reference `components["schemas"]["Key"]` inside a schema (indexed access nodes), or undefined. */
function schemaRefKey(ts, node) {
  if (!ts.isIndexedAccessTypeNode(node) || !ts.isIndexedAccessTypeNode(node.objectType)) return undefined;
  const { objectType: root, indexType: area } = node.objectType;
  if (!ts.isTypeReferenceNode(root) || textOf(ts, root.typeName) !== "components" || textOf(ts, area) !== "schemas") return undefined;
  return textOf(ts, node.indexType);
}

/**
 * The declaration of one schema's named type. An `allOf` of named object schemas and inline
 * objects (the list envelopes: `PagedList & { value?: Debtor[] }`) becomes an interface extending
 * them, so the narrowed member replaces the base's (`value` is `Debtor[]`, not
 * `unknown[] & Debtor[]`, whose `map` would hand out `unknown`); anything else a type alias.
 */
function declarationFor(ts, name, type, names) {
  const f = ts.factory;
  const exported = [f.createModifier(ts.SyntaxKind.ExportKeyword)];
  if (ts.isIntersectionTypeNode(type)) {
    const bases = type.types.filter((part) => !ts.isTypeLiteralNode(part)).map((part) => names.get(schemaRefKey(ts, part)));
    const literals = type.types.filter((part) => ts.isTypeLiteralNode(part));
    if (bases.length > 0 && bases.every((base) => base !== undefined)) {
      const heritage = f.createHeritageClause(
        ts.SyntaxKind.ExtendsKeyword,
        bases.map((base) => f.createExpressionWithTypeArguments(f.createIdentifier(base), undefined)),
      );
      return f.createInterfaceDeclaration(
        exported,
        name,
        undefined,
        [heritage],
        literals.flatMap((literal) => literal.members),
      );
    }
  }
  return f.createTypeAliasDeclaration(exported, name, undefined, type);
}

/**
 * Rewrites openapi-typescript's AST (generated with `rootTypes: true`): each schema root alias
 * becomes the declaration itself (with the schema's doc comment), and the schema's entry in
 * `components` refers to it. Other root types (`ResponseNotFound`…) and the rest stay as they are.
 *
 * @param {typeof import("typescript")} ts TypeScript's JS API (the one openapi-typescript uses)
 * @param {readonly import("typescript").Node[]} ast
 * @returns {import("typescript").Node[]}
 */
export function nameSchemaTypes(ts, ast) {
  const f = ts.factory;
  const names = new Map();
  for (const node of ast) {
    const key = schemaRootKey(ts, node);
    if (key !== undefined) names.set(key, node.name.text);
  }
  const hoisted = new Map();
  const rewrite = (node) => {
    if (!ts.isInterfaceDeclaration(node) || node.name.text !== "components") return node;
    const members = node.members.map((member) => {
      if (!ts.isPropertySignature(member) || textOf(ts, member.name) !== "schemas" || !member.type || !ts.isTypeLiteralNode(member.type)) return member;
      const schemas = member.type.members.map((schema) => {
        const key = ts.isPropertySignature(schema) ? textOf(ts, schema.name) : undefined;
        const name = key === undefined ? undefined : names.get(key);
        if (name === undefined || !schema.type) return schema;
        const declaration = declarationFor(ts, name, schema.type, names);
        ts.setSyntheticLeadingComments(declaration, ts.getSyntheticLeadingComments(schema));
        hoisted.set(key, declaration);
        const reference = f.updatePropertySignature(schema, schema.modifiers, schema.name, schema.questionToken, f.createTypeReferenceNode(name));
        ts.setSyntheticLeadingComments(reference, ts.getSyntheticLeadingComments(schema));
        return reference;
      });
      return f.updatePropertySignature(member, member.modifiers, member.name, member.questionToken, f.createTypeLiteralNode(schemas));
    });
    return f.updateInterfaceDeclaration(node, node.modifiers, node.name, node.typeParameters, node.heritageClauses, members);
  };
  return ast.map(rewrite).map((node) => {
    const key = schemaRootKey(ts, node);
    return key !== undefined && hoisted.has(key) ? hoisted.get(key) : node;
  });
}
