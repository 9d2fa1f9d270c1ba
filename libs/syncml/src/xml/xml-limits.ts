/**
 * Bounds on what the XML decoder accepts from a handset. A SyncML message is at most
 * MaxMsgSize bytes (DS clients announce 150000, DM clients a few KiB), so the defaults
 * leave room for big DevInf documents while refusing memory bombs.
 */
export interface XmlLimits {
  /** Largest input in bytes (UTF-8). */
  readonly maxBytes: number;
  /** Deepest element nesting; the root is depth 1. */
  readonly maxDepth: number;
  /** Most elements in one document. */
  readonly maxElements: number;
}

export const defaultXmlLimits: XmlLimits = {
  maxBytes: 1024 * 1024,
  maxDepth: 64,
  maxElements: 100_000,
};

export function resolveXmlLimits(limits: Partial<XmlLimits> = {}): XmlLimits {
  return { ...defaultXmlLimits, ...limits };
}
