export declare const VPCD_FAST_HOST: '127.0.0.2';
export interface VpcdRouteResult { ok: boolean; changed: boolean; host: string; reason?: string }
export declare function ensureVpcdQuickAckRoute(): VpcdRouteResult;
