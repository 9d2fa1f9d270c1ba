import { luhnValid, type EventInput } from '@dms/contracts';

/** A 15-digit IMEI (with its Luhn digit) from 14 digits. */
export function withLuhn(imei14: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${imei14}${d}`)) return `${imei14}${d}`;
  return imei14;
}

export function detection(
  msisdn: string,
  imei: string,
  observedAt: string,
  extra: Partial<EventInput<'terminal.combination-detected.v1'>> = {},
): EventInput<'terminal.combination-detected.v1'> {
  return {
    kind: 'new-combination',
    msisdn,
    imsi: `26201${msisdn.slice(-10)}`,
    imei,
    tac: imei.slice(0, 8),
    newSubscriber: false,
    newTerminal: false,
    observedAt,
    detectedAt: observedAt,
    source: 'test',
    ...extra,
  };
}

export function inventory(
  imei15: string,
  man: string,
  mod: string,
  reportedAt: string,
  fwV = '1.0',
): EventInput<'device.inventory-reported.v1'> {
  return {
    deviceId: `IMEI:${imei15}`,
    devInfo: { devId: `IMEI:${imei15}`, man, mod, dmV: '1.2' },
    devDetail: { fwV, swV: 'sw-1', hwV: 'hw-1', devTyp: 'phone', lrgObj: true },
    reportedAt,
  };
}

/** Polls until `check` passes (its last failure is thrown after `timeoutMs`). */
export async function eventually(check: () => Promise<void> | void, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}
