import { encodeMessage, type SyncHdr } from '@dms/syncml';
import type { Job } from './job.model';
import { planNextMessage } from './outgoing-message';
import { newSessionState } from './session-state';
import { headerStatus } from './status.builder';

const hdr: SyncHdr = { verDTD: '1.2', verProto: 'DM/1.2', sessionId: '1', msgId: '2', target: { locURI: 'IMEI:1' }, source: { locURI: 'http://dm' }, respURI: 'http://dm?s=abc' };
const client: SyncHdr = { ...hdr, msgId: '1', target: { locURI: 'http://dm' }, source: { locURI: 'IMEI:1' } };
const job = (commands: Job['commands'], extra: Partial<Job> = {}): Job => ({ _id: 'j1', deviceId: 'IMEI:1', state: 'running', commands, priority: 'normal', rank: 1, notify: false, correlationId: 'c', requestedBy: 't', requestedAt: '2026-01-01T00:00:00Z', ...extra });

describe('Package 2+ planning', () => {
  it('puts the SyncHdr Status first, then the job commands, with Final when all fit', () => {
    const state = newSessionState('IMEI:1', '1', 'x', 0);
    const plan = planNextMessage(hdr, [headerStatus(client, 212)], job([{ verb: 'Get', target: './DevDetail/FwV' }, { verb: 'Atomic', children: [{ verb: 'Replace', target: './a', data: '1' }] }]), state, 'xml');
    expect(plan.message.body.commands.map((c) => c.kind)).toEqual(['Status', 'Get', 'Atomic']);
    expect(plan.message.body.final).toBe(true);
    expect(plan.sent).toEqual([['2:2', '0'], ['2:3', '1'], ['2:4', '1.0']]);
    expect(state.q).toBe(2);
  });

  it('splits a package over messages within MaxMsgSize, Final only on the last', () => {
    const state = newSessionState('IMEI:1', '1', 'x', 0);
    state.mms = 1200;
    const commands = Array.from({ length: 12 }, (_, i) => ({ verb: 'Get' as const, target: `./Vendor/Node/${i}/With/A/Long/Path` }));
    const first = planNextMessage(hdr, [headerStatus(client, 212)], job(commands), state, 'xml');
    expect(first.message.body.final).toBe(false);
    expect(encodeMessage(first.message, 'xml').byteLength).toBeLessThanOrEqual(1200);
    expect(state.mp).toBe(1);
    let final = false;
    for (let i = 0; i < 20 && !final; i += 1) final = planNextMessage({ ...hdr, msgId: String(3 + i) }, [headerStatus(client, 200)], job(commands), state, 'xml').message.body.final;
    expect(final).toBe(true);
    expect(state.q).toBe(12);
  });

  it('chunks a large Replace with MoreData and Meta Size on the first chunk only, Final on the last', () => {
    const state = newSessionState('IMEI:1', '1', 'x', 0);
    state.mms = 2000;
    const data = 'z'.repeat(5000);
    const j = job([{ verb: 'Replace', target: './big', data }]);
    const pieces: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      const plan = planNextMessage({ ...hdr, msgId: String(2 + i) }, [headerStatus(client, 200)], j, state, 'xml');
      const cmd = plan.message.body.commands[1];
      if (cmd?.kind !== 'Replace') throw new TypeError('expected a Replace');
      const item = cmd.items[0];
      pieces.push(String(item?.data));
      expect(encodeMessage(plan.message, 'xml').byteLength).toBeLessThanOrEqual(2000);
      expect(item?.meta?.size).toBe(i === 0 ? 5000 : undefined);
      expect(item?.moreData === true).toBe(!plan.message.body.final);
      if (plan.message.body.final) break;
    }
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe(data);
  });

  it('does not send an object larger than the handset MaxObjSize: 413 for it locally', () => {
    const state = newSessionState('IMEI:1', '1', 'x', 0);
    state.mos = 100;
    const plan = planNextMessage(hdr, [headerStatus(client, 212)], job([{ verb: 'Replace', target: './big', data: 'x'.repeat(101) }, { verb: 'Get', target: './small' }]), state, 'xml');
    expect(plan.local).toEqual([['0', 413]]);
    expect(plan.message.body.commands.map((c) => c.kind)).toEqual(['Status', 'Get']);
  });

  it('sends the user-interaction alert alone before the commands', () => {
    const state = newSessionState('IMEI:1', '1', 'x', 0);
    state.q = -1;
    const plan = planNextMessage(hdr, [headerStatus(client, 212)], job([{ verb: 'Get', target: './a' }], { userInteraction: { code: 1101, text: 'Go?', maxDisplaySeconds: 30 } }), state, 'wbxml');
    const alert = plan.message.body.commands[1];
    expect(alert).toMatchObject({ kind: 'Alert', data: 1101, items: [{ data: 'MAXDT=30' }, { data: 'Go?' }] });
    expect(plan.sent).toEqual([['2:2', 'ui']]);
  });

  it('a session without a job gets the closing message: statuses and Final only', () => {
    const plan = planNextMessage(hdr, [headerStatus(client, 200)], undefined, newSessionState('IMEI:1', '1', 'x', 0), 'xml');
    expect(plan.message.body.commands.map((c) => c.kind)).toEqual(['Status']);
    expect(plan.message.body.final).toBe(true);
  });
});
