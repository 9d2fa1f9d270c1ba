import { createInProcessRpc, InProcessRpcHub, type Rpc } from '@dms/bus';
import type { RpcResponse } from '@dms/contracts';
import { createLogger } from '@dms/service-kit';
import { RpcTerminalDirectory } from '../data-access/rpc-terminal.directory';
import { MsisdnResolver } from './msisdn.resolver';

const IMEI = '490154203237518';
const logger = createLogger({ service: 'dm-gateway', level: 'silent' });

const terminal = (currentMsisdn?: string): RpcResponse<'subscriber-terminal.get-terminal.v1'> => ({
  terminal: {
    imei: IMEI,
    givenImei: IMEI,
    ...(currentMsisdn === undefined ? {} : { currentMsisdn }),
    tac: IMEI.slice(0, 8),
    lastSeenAt: '2026-11-28T01:00:00Z',
    catalog: null,
  },
});

describe('MSISDN of a wake-up: the job, else subscriber-terminal over RPC, else none', () => {
  const hub = new InProcessRpcHub();
  let caller: Rpc;
  let responder: Rpc;
  const asked: string[] = [];
  let answer: () => Promise<RpcResponse<'subscriber-terminal.get-terminal.v1'>> = async () => terminal('491701234567');

  beforeAll(async () => {
    caller = createInProcessRpc({ hub });
    responder = createInProcessRpc({ hub });
    await responder.serve({
      subject: 'subscriber-terminal.get-terminal.v1',
      handler: async ({ imei }) => {
        asked.push(imei);
        return answer();
      },
    });
  });
  afterAll(async () => {
    await caller.close();
    await responder.close();
  });
  beforeEach(() => {
    asked.length = 0;
    answer = async () => terminal('491701234567');
  });

  const resolver = (timeoutMs = 200) => new MsisdnResolver(new RpcTerminalDirectory(caller, timeoutMs), logger);

  it('takes the MSISDN the job names without asking subscriber-terminal', async () => {
    expect(await resolver().resolve({ deviceId: `IMEI:${IMEI}`, msisdn: '491709999999' })).toEqual({ msisdn: '491709999999', source: 'job' });
    expect(asked).toEqual([]);
  });

  it('asks subscriber-terminal for the current MSISDN of an IMEI device id', async () => {
    expect(await resolver().resolve({ deviceId: `IMEI:${IMEI}` })).toEqual({ msisdn: '491701234567', source: 'subscriber-terminal' });
    expect(asked).toEqual([IMEI]);
  });

  it('gives none with a reason when the terminal has no current MSISDN or is unknown', async () => {
    answer = async () => terminal();
    expect(await resolver().resolve({ deviceId: `IMEI:${IMEI}` })).toEqual({ reason: 'subscriber-terminal knows no current MSISDN for the IMEI' });
    answer = async () => ({ terminal: null });
    expect((await resolver().resolve({ deviceId: `IMEI:${IMEI}` })).msisdn).toBeUndefined();
  });

  it('gives none for a device id that is not IMEI:<imei>, without asking', async () => {
    expect(await resolver().resolve({ deviceId: 'MEID:A0000000000001' })).toEqual({ reason: 'no MSISDN in the job and the device id is not IMEI:<imei>' });
    expect(asked).toEqual([]);
  });

  it('degrades to none when subscriber-terminal does not answer within the timeout', async () => {
    answer = () => new Promise((resolve) => setTimeout(() => resolve(terminal('491701234567')), 500));
    const started = Date.now();
    expect(await resolver(50).resolve({ deviceId: `IMEI:${IMEI}` })).toEqual({ reason: 'subscriber-terminal lookup failed (RPC_TIMEOUT)' });
    expect(Date.now() - started).toBeLessThan(400);
  });

  it('degrades to none when nobody serves subscriber-terminal, and to none without an Rpc at all', async () => {
    const lonely = createInProcessRpc();
    const withoutResponder = new MsisdnResolver(new RpcTerminalDirectory(lonely, 100), logger);
    expect(await withoutResponder.resolve({ deviceId: `IMEI:${IMEI}` })).toEqual({ reason: 'subscriber-terminal lookup failed (RPC_NO_RESPONDERS)' });
    await lonely.close();
    expect(await new MsisdnResolver(undefined, logger).resolve({ deviceId: `IMEI:${IMEI}` })).toEqual({ reason: 'no MSISDN in the job and no subscriber-terminal lookup configured' });
  });
});
