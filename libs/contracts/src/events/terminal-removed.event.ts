import { z } from 'zod';
import { Timestamp } from '../identifiers';

/**
 * subscriber-terminal removed a terminal (handset) record: not seen for the retention
 * period. Keyed by the 14-digit IMEI (TAC + serial number, the terminal's identity).
 */
export const TerminalRemoved = z.object({
  imei: z.string().regex(/^\d{14}$/),
  tac: z.string().regex(/^\d{8}$/),
  /** Last sighting of the handset (HLR or DM inventory) before the removal. */
  lastSeenAt: Timestamp,
  reason: z.enum(['not-seen']),
  removedAt: Timestamp,
});
export type TerminalRemoved = z.infer<typeof TerminalRemoved>;
