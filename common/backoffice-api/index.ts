// The one vocabulary the kiosk and the back office speak (see README.md): zod schemas and the
// types inferred from them. Both sides import these; neither redeclares them.
export * from './limits';
export * from './primitives';
export * from './refusals';
export * from './certificates';
export * from './printer';
export * from './sync-events';
export * from './hospital';
export * from './desk';
export * from './billing';
export * from './desk-payments';
