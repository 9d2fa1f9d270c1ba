/**
 * Bounds on what the decoder accepts from a handset: every allocation the decoder makes
 * is bounded by these and by the bytes actually present.
 */
export interface WbxmlLimits {
  /** Largest input accepted, in bytes. */
  readonly maxInputBytes: number;
  /** Deepest element nesting, counting embedded documents' elements. */
  readonly maxDepth: number;
  /** Longest single string, string table or opaque run, in bytes. */
  readonly maxStringBytes: number;
  /** Most elements in the document, embedded documents included. */
  readonly maxElements: number;
  /** Most levels of WBXML documents embedded in OPAQUE data (DevInf in a SyncML message is 1). */
  readonly maxEmbeddingDepth: number;
}

export const DefaultWbxmlLimits: WbxmlLimits = {
  maxInputBytes: 16 * 1024 * 1024,
  maxDepth: 64,
  maxStringBytes: 8 * 1024 * 1024,
  maxElements: 200_000,
  maxEmbeddingDepth: 2,
};

export function resolveLimits(limits: Partial<WbxmlLimits> | undefined): WbxmlLimits {
  return limits === undefined ? DefaultWbxmlLimits : { ...DefaultWbxmlLimits, ...limits };
}
