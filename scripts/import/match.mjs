// The operation matcher is shared with `npx aptic-gateway-client doctor --from-openapi` and lives in
// the package (src/doctor/match.ts; scripts are not shipped). This is why `npm run specs:import`
// runs under tsx.
export { listOperations, matchOperations, pathPrefix, score } from "../../src/doctor/match.ts";
