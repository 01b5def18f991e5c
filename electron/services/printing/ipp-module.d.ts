// Types for the parts of the `ipp` package (pure-JS IPP/2.0 encoder/decoder) the kiosk uses.
// The package ships no types. Only serialize/parse are used: the HTTP transport is our own
// (ipp-transport.ts) because the package's has no timeout and logs to the console.
declare module 'ipp' {
  /** An IPP message as the package encodes/decodes it: attribute groups keyed by group name. */
  export interface IppMessage {
    version?: string;
    operation?: string;
    statusCode?: string;
    id?: number;
    'operation-attributes-tag'?: Record<string, unknown>;
    'job-attributes-tag'?: Record<string, unknown> | Record<string, unknown>[];
    'printer-attributes-tag'?: Record<string, unknown> | Record<string, unknown>[];
    'unsupported-attributes-tag'?: Record<string, unknown>;
    data?: Buffer;
  }
  export function serialize(msg: IppMessage): Buffer;
  export function parse(buf: Buffer): IppMessage;
  const ipp: { serialize: typeof serialize; parse: typeof parse };
  export default ipp;
}
