// `aptic-gateway-client/odata`: the OData $filter / $orderby builders. FilterExpression and Guid are exported as types only:
// instances come from filterFor() and guid(), which validate what they wrap.
export { filterFor, type FilterBuilder } from "./filter-builder.js";
export type { FilterExpression } from "./expression.js";
export { guid, type Guid } from "./guid.js";
export { orderBy, type OrderByInput, type OrderByTerm, type SortDirection } from "./order-by.js";
export type { ODataLiteral } from "./literal.js";
export type { ComparisonOperator, StringFunction } from "./comparison.js";
export type { ComparableValue, FieldPath, FieldValue, StringFieldPath } from "./field-types.js";
