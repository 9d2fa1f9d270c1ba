/** Timeout of a call that sets none: long enough for a store lookup behind the responder, short enough for a console click. */
export const DEFAULT_RPC_TIMEOUT_MS = 5_000;
