// `aptic-gateway-client/services`: custom service definitions and callbacks (free-form JSON).
export {
  invokeService,
  invokeDebtorService,
  invokeDebtorAreaService,
  invokeCustomerService,
  invokeCustomerAreaService,
  invokeCallback,
} from "./invoke.js";
export type { InvokeOptions, ServiceMethod } from "./invoke.js";
