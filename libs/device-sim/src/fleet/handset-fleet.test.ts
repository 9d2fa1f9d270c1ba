import { testAuth, TinyDmServer } from '../client/tiny-dm-server.fixture';
import { createHandsetFleet, runFleetSessions } from './handset-fleet';
import { imeiCheckDigit, imeiFor } from './imei';

describe('IMEIs', () => {
  it('computes the Luhn check digit of the example IMEI 356938035643809', () => {
    expect(imeiCheckDigit('35693803564380')).toBe(9);
    expect(imeiFor('35693803', 564380)).toBe('IMEI:356938035643809');
  });

  it('refuses a TAC that is not 8 digits', () => {
    expect(() => imeiFor('3569', 1)).toThrow(expect.objectContaining({ code: 'DEVICE_SIM_INVALID_OPTIONS' }));
  });
});

describe('handset fleet', () => {
  it('gives each handset its own IMEI and credentials and runs their sessions with bounded concurrency', async () => {
    let running = 0;
    let peak = 0;
    const server = await TinyDmServer.start((req, srv) => ({ message: srv.reply(req.message!, []) }));
    const fleet = createHandsetFleet({
      count: 6,
      family: 'vendor-x',
      encoding: 'wbxml',
      serverUrl: server.url,
      auth: (_deviceId, index) => ({ ...testAuth, username: `client${index}` }),
      fetch: async (input, init) => {
        running += 1;
        peak = Math.max(peak, running);
        try {
          return await fetch(input, init);
        } finally {
          running -= 1;
        }
      },
    });
    const reports = await runFleetSessions(fleet, { reason: 'client' }, 2);
    await server.close();
    expect(new Set(fleet.map((h) => h.deviceId)).size).toBe(6);
    expect(reports.every((r) => r.outcome === 'completed')).toBe(true);
    expect(peak).toBeLessThanOrEqual(2);
    expect(server.requests.map((r) => r.message?.hdr.source.locURI).sort()).toEqual(
      fleet.map((h) => h.deviceId).sort(),
    );
  });
});
