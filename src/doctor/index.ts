// `aptic-gateway-client/doctor` (Node only): the `npx aptic-gateway-client doctor` command and
// its programmatic form, which check a real gateway's routes against the inferred ones.
export { doctorMain, type DoctorIo } from "./cli.js";
export { runDoctor, type BodyMismatchReport, type DoctorOptions, type DoctorReport, type OperationReport } from "./run.js";
export { routesFromOpenApi, type AmbiguousOperation, type MovedOperation, type OpenApiRoutesReport } from "./from-openapi.js";
export { bodyKey, classify, type ControlAnswer, type ProbeAnswer, type Verdict } from "./classify.js";
