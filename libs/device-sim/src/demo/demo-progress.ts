import type { DemoBehaviour } from './demo-scenario';
import type { HandsetStatus } from './demo-status';

export interface DemoTally {
  readonly subscribers: number;
  detected: number;
  diagnosed: number;
  configured: number;
  refused: number;
  consentRevoked: number;
  unreachable: number;
}

export function emptyTally(subscribers: number): DemoTally {
  return { subscribers, detected: 0, diagnosed: 0, configured: 0, refused: 0, consentRevoked: 0, unreachable: 0 };
}

export function tallyOf(rows: readonly { behaviour: DemoBehaviour; status: HandsetStatus }[], subscribers: number): DemoTally {
  const t = emptyTally(subscribers);
  for (const { behaviour, status } of rows) {
    if (status.detected) t.detected += 1;
    if (status.diagnosed) t.diagnosed += 1;
    if (status.configState === 'applied') t.configured += 1;
    if (status.configReason === 'user-rejected') t.refused += 1;
    if (status.configReason === 'consent-revoked') t.consentRevoked += 1;
    if (behaviour === 'unreachable' && !status.diagnosed) t.unreachable += 1;
  }
  return t;
}

/** One line, rewritten in place on a terminal (`\r`), appended otherwise. */
export function progressLine(t: DemoTally, handsets: number, elapsedMs: number): string {
  const s = Math.round(elapsedMs / 1000);
  return `demo ${String(s).padStart(3)} s | handsets detected ${t.detected}/${handsets} | diagnosed ${t.diagnosed} | configured ${t.configured} | said no ${t.refused} | consent revoked ${t.consentRevoked} | unreachable ${t.unreachable}`;
}
