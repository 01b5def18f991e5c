// The copay engine: the patient's share of a bill as ORCA would compute it (README.md).
export { computeCopay, type AidPatientPays, type BillingItem, type CopayBill, type CopayPatient, type CopayResult, type PublicAid } from './compute';
export { ageBand, type AgeBand } from './age-band';
export { limitTableOn, limitYen } from './limits';
export { POINT_PARTS, ORCA_PART_ORDER, YEN_PER_POINT, isPointPart, type PointPart } from './parts';
export { roundCopay } from './rounding';
export { LIMIT_CATEGORIES, LIMIT_TABLES, RATE_TABLE, type LimitCategory } from './tables';
