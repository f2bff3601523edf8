// `aptic-gateway-client/operations`: the operation table, one export per operationId (method, path
// template, parameters, paging, success status), generated from the spec. Pass an entry to
// `aptic.call(entry, init)`; import only the ones you use and the rest is not bundled.
export * from "../../generated/operations.js";
