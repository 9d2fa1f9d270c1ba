import type { Command } from '@dms/syncml';
import { newSessionState, type SessionState } from '../session-state';
import { dispatchCommand } from './command-dispatcher';
import { MessageContext, type ChunkBuffer } from './message-context';

class MemoryChunks implements ChunkBuffer {
  private parts: Buffer[] = [];
  async append(chunk: Buffer): Promise<number> {
    this.parts.push(chunk);
    return Buffer.concat(this.parts).byteLength;
  }
  async take(): Promise<Buffer> {
    const all = Buffer.concat(this.parts);
    this.parts = [];
    return all;
  }
}

function context(state: SessionState = newSessionState('IMEI:1', '7', 'x', 0), msgId = '2', chunks = new MemoryChunks()): MessageContext {
  return new MessageContext(state, msgId, chunks, 100_000);
}

const codes = (ctx: MessageContext) => ctx.statuses.map((s) => (s.kind === 'Status' ? `${s.cmd}:${s.cmdRef}:${s.data}` : s.kind));

describe('command handlers', () => {
  it('Alert 1201 is acknowledged 200 and marks the session client-initiated; 1200 server-initiated', async () => {
    const ctx = context();
    await dispatchCommand({ kind: 'Alert', cmdId: '1', data: 1200, items: [] }, ctx);
    expect(codes(ctx)).toEqual(['Alert:1:200']);
    expect(ctx.state.ini).toBe('s');
  });

  it('a Generic Alert 1226 is acknowledged and raised with type, format, source, data, mark and correlator', async () => {
    const ctx = context();
    await dispatchCommand({ kind: 'Alert', cmdId: '3', data: 1226, correlator: 'job:3', items: [{ source: { locURI: './FUMO/FwPkg1' }, meta: { type: ' org.openmobilealliance.dm.firmwareupdate.update ', format: 'int', mark: 'critical' }, data: '200' }] }, ctx);
    expect(codes(ctx)).toEqual(['Alert:3:200']);
    expect(ctx.alerts).toEqual([{ code: 1226, type: 'org.openmobilealliance.dm.firmwareupdate.update', format: 'int', source: './FUMO/FwPkg1', data: '200', mark: 'critical', correlator: 'job:3' }]);
  });

  it('Alert 1222 asks for our next message and 1223 aborts', async () => {
    const ctx = context();
    await dispatchCommand({ kind: 'Alert', cmdId: '1', data: 1222, items: [] }, ctx);
    await dispatchCommand({ kind: 'Alert', cmdId: '2', data: 1223, items: [] }, ctx);
    expect(ctx.nextMessageRequested).toBe(true);
    expect(ctx.abort).toBe(true);
  });

  it('a UI alert from the handset is not allowed (405); an unknown alert code is 406', async () => {
    const ctx = context();
    await dispatchCommand({ kind: 'Alert', cmdId: '1', data: 1101, items: [] }, ctx);
    await dispatchCommand({ kind: 'Alert', cmdId: '2', data: 9999, items: [] }, ctx);
    expect(codes(ctx)).toEqual(['Alert:1:405', 'Alert:2:406']);
  });

  it('Replace of ./DevInfo is accepted and remembered; other targets 405', async () => {
    const ctx = context();
    await dispatchCommand({ kind: 'Replace', cmdId: '2', items: [{ source: { locURI: './DevInfo/Man' }, data: 'Acme' }, { source: { locURI: './DevInfo/Mod' }, data: 'X1' }, { source: { locURI: './DevInfo/DmV' }, data: '1.2' }] }, ctx);
    await dispatchCommand({ kind: 'Replace', cmdId: '3', items: [{ target: { locURI: './DMAcc/x' }, data: 'x' }] }, ctx);
    expect(codes(ctx)).toEqual(['Replace:2:200', 'Replace:3:405']);
    expect(ctx.state.di).toEqual(['Acme', 'X1', '1.2', '']);
  });

  it.each(['Add', 'Get', 'Exec', 'Delete', 'Copy'] as const)('%s from a handset is answered 405 (management verbs go server to client)', async (kind) => {
    const ctx = context();
    await dispatchCommand({ kind, cmdId: '4', items: [{ target: { locURI: './x' } }] } as Command, ctx);
    expect(codes(ctx)).toEqual([`${kind}:4:405`]);
  });

  it('a Status for our command becomes the job answer and 213 only acknowledges a chunk', async () => {
    const state = newSessionState('IMEI:1', '7', 'x', 0);
    state.out = [['3:4', '0'], ['3:5', '1']];
    const ctx = context(state);
    await dispatchCommand({ kind: 'Status', cmdId: '1', msgRef: '3', cmdRef: '4', cmd: 'Get', targetRefs: [], sourceRefs: [], data: 404, items: [] }, ctx);
    await dispatchCommand({ kind: 'Status', cmdId: '2', msgRef: '3', cmdRef: '5', cmd: 'Replace', targetRefs: [], sourceRefs: [], data: 213, items: [] }, ctx);
    expect(ctx.statuses).toEqual([]);
    expect([...ctx.answers]).toEqual([['0', { status: 404 }]]);
    expect(state.out).toEqual([]);
  });

  it('Results after their Get Status in the same message land on the same command', async () => {
    const state = newSessionState('IMEI:1', '7', 'x', 0);
    state.out = [['3:4', '2']];
    const ctx = context(state);
    await dispatchCommand({ kind: 'Status', cmdId: '1', msgRef: '3', cmdRef: '4', cmd: 'Get', targetRefs: [], sourceRefs: [], data: 200, items: [] }, ctx);
    await dispatchCommand({ kind: 'Results', cmdId: '2', msgRef: '3', cmdRef: '4', targetRefs: [], sourceRefs: [], items: [{ source: { locURI: './DevDetail/FwV' }, data: '1.0' }] }, ctx);
    expect(ctx.answers.get('2')).toEqual({ status: 200, items: [{ source: './DevDetail/FwV', data: '1.0' }] });
    expect(ctx.statuses).toEqual([]);
  });

  it('a chunked Results is buffered with 213 per chunk and checked against Meta Size: 424 on mismatch', async () => {
    const state = newSessionState('IMEI:1', '7', 'x', 0);
    state.out = [['3:4', '0']];
    const chunks = new MemoryChunks();
    const first = context(state, '4', chunks);
    await dispatchCommand({ kind: 'Results', cmdId: '1', msgRef: '3', cmdRef: '4', targetRefs: [], sourceRefs: [], items: [{ source: { locURI: './a' }, meta: { size: 10 }, data: 'abcd', moreData: true }] }, first);
    expect(codes(first)).toEqual(['Results:1:213']);
    const last = context(state, '5', chunks);
    await dispatchCommand({ kind: 'Results', cmdId: '1', msgRef: '3', cmdRef: '4', targetRefs: [], sourceRefs: [], items: [{ source: { locURI: './a' }, data: 'efg' }] }, last);
    expect(codes(last)).toEqual(['Results:1:424']);
    expect(last.answers.get('0')).toEqual({ status: 424 });
    expect(state.lo).toBeUndefined();
  });

  it('a chunked Results whose size matches is reassembled into one item', async () => {
    const state = newSessionState('IMEI:1', '7', 'x', 0);
    state.out = [['3:4', '0']];
    const chunks = new MemoryChunks();
    await dispatchCommand({ kind: 'Results', cmdId: '1', msgRef: '3', cmdRef: '4', targetRefs: [], sourceRefs: [], items: [{ source: { locURI: './a' }, meta: { size: 7 }, data: 'abcd', moreData: true }] }, context(state, '4', chunks));
    const last = context(state, '5', chunks);
    await dispatchCommand({ kind: 'Results', cmdId: '1', msgRef: '3', cmdRef: '4', targetRefs: [], sourceRefs: [], items: [{ source: { locURI: './a' }, data: 'efg' }] }, last);
    expect(last.answers.get('0')).toEqual({ items: [{ source: './a', data: 'abcdefg' }] });
  });

  it('DS-only commands get 406 and an unknown element with a CmdID gets 406', async () => {
    const ctx = context();
    await dispatchCommand({ kind: 'Sync', cmdId: '1', commands: [] }, ctx);
    await dispatchCommand({ kind: 'Unknown', cmdId: '2', element: { kind: 'element', name: 'Frobnicate', children: [] } }, ctx);
    expect(codes(ctx)).toEqual(['Sync:1:406', 'Frobnicate:2:406']);
  });
});
