/**
 * The radio between a real SMSC and simulated handsets: reads every submit_sm the Perl SMSC
 * (smsc_logger.pl) logged, puts concatenated segments back together by their UDH
 * reference (TS 23.040 9.2.3.24.1, IEI 00 / 08), and hands each complete message to the
 * handset holding that MSISDN, as its modem would.
 */
import type { SimulatedHandset } from '../../libs/device-sim/src/index';
import type { PerlSmsc } from '../../services/dm-gateway/src/wake-up/perl-smsc.fixture';
import { handOverSms } from './radio.wake-up';

interface Concat {
  ref: number;
  total: number;
  seq: number;
}

function concatOf(userData: Uint8Array): Concat | undefined {
  const udhl = userData[0] ?? 0;
  for (let i = 1; i < 1 + udhl; ) {
    const iei = userData[i]!;
    const len = userData[i + 1]!;
    if (iei === 0x00 && len === 3) return { ref: userData[i + 2]!, total: userData[i + 3]!, seq: userData[i + 4]! };
    if (iei === 0x08 && len === 4) return { ref: (userData[i + 2]! << 8) | userData[i + 3]!, total: userData[i + 4]!, seq: userData[i + 5]! };
    i += 2 + len;
  }
  return undefined;
}

export class SmscRadio {
  private readonly handsets = new Map<string, SimulatedHandset>();
  private readonly partial = new Map<string, Uint8Array[]>();
  private seen = 0;
  private timer: NodeJS.Timeout | undefined;
  readonly outcomes: { msisdn: string; accepted: boolean; reason?: string }[] = [];

  constructor(private readonly smsc: PerlSmsc) {}

  attach(msisdn: string, handset: SimulatedHandset): void {
    this.handsets.set(msisdn, handset);
  }

  start(): void {
    this.timer = setInterval(() => this.poll(), 100);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private poll(): void {
    const submits = this.smsc.submits();
    for (const sm of submits.slice(this.seen)) {
      const info = concatOf(sm.shortMessage);
      const key = `${sm.destination}:${info?.ref ?? 'single'}`;
      const parts = this.partial.get(key) ?? [];
      parts[(info?.seq ?? 1) - 1] = sm.shortMessage;
      if (parts.filter(Boolean).length < (info?.total ?? 1)) {
        this.partial.set(key, parts);
        continue;
      }
      this.partial.delete(key);
      void this.deliver(sm.destination, parts);
    }
    this.seen = submits.length;
  }

  private async deliver(msisdn: string, segments: Uint8Array[]): Promise<void> {
    const handset = this.handsets.get(msisdn);
    if (handset === undefined) return;
    const outcome = await handOverSms(handset, segments);
    this.outcomes.push({ msisdn, accepted: outcome.accepted, ...(outcome.accepted ? {} : { reason: outcome.reason }) });
  }
}
