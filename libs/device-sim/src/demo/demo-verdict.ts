import type { DemoHandsetResult } from './demo.runner';

/** What the scenario expects of each handset, as config and diagnostics report it. */
export function verdictOf(r: DemoHandsetResult): { ok: boolean; expected: string; seen: string } {
  const s = r.status;
  const seen = r.plan.behaviour === 'unreachable'
    ? (s.diagnosed ? 'diagnosed' : 'waiting for the handset')
    : `${s.detected ? 'detected' : 'not detected'}, ${s.diagnosed ? 'diagnosed' : 'not diagnosed'}, config ${s.configState ?? 'none'}${s.configReason ? ` (${s.configReason})` : ''}`;
  switch (r.plan.behaviour) {
    case 'accepts':
    case 'swaps':
      return { ok: s.configState === 'applied' && s.detected, expected: 'configured', seen };
    case 'refuses':
      return { ok: s.configReason === 'user-rejected', expected: 'user said no, not changed', seen };
    case 'revoked':
      return { ok: s.configReason === 'consent-revoked', expected: 'consent revoked, not changed', seen };
    case 'unreachable':
      return { ok: !s.diagnosed, expected: 'waiting for the handset', seen };
  }
}

export function summaryTable(results: readonly DemoHandsetResult[]): { text: string; failures: number } {
  const lines = ['', 'msisdn          handset                 family        behaviour    result'];
  let failures = 0;
  for (const r of results) {
    const v = verdictOf(r);
    if (!v.ok) failures += 1;
    lines.push(`${r.plan.msisdn.padEnd(15)} ${r.handset.deviceId.padEnd(23)} ${r.handset.family.padEnd(13)} ${r.plan.behaviour.padEnd(12)} ${v.ok ? 'ok' : 'UNEXPECTED'}: ${v.seen}${v.ok ? '' : ` (expected ${v.expected})`}`);
  }
  return { text: `${lines.join('\n')}\n`, failures };
}
