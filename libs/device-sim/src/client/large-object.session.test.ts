import type { Command, ItemCommand, ResultsCommand, StatusCommand } from '@dms/syncml';
import type { HandsetOptions } from './handset.options';
import { SimulatedHandset } from './simulated-handset';
import { commandsOf, testAuth, TinyDmServer, type TinyHandler } from './tiny-dm-server.fixture';

let server: TinyDmServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function session(handler: TinyHandler, options: Partial<HandsetOptions> = {}) {
  server = await TinyDmServer.start(handler);
  const phone = new SimulatedHandset({
    deviceId: 'IMEI:356938035643809',
    family: 'oma-standard',
    encoding: 'xml',
    serverUrl: server.url,
    auth: testAuth,
    ...options,
  });
  const report = await phone.startSession({ reason: 'client' });
  return { phone, report, requests: server.requests };
}

const firmware = Uint8Array.from({ length: 3000 }, (_, i) => (i * 7) % 256);
const b64 = Buffer.from(firmware).toString('base64');
const summary = (c: Command) =>
  c.kind === 'Alert' ? `Alert ${c.data}` : c.kind === 'Status' ? `Status ${c.cmd} ${c.data}` : c.kind;

describe('large objects from the server', () => {
  function chunkedReplace(chunks: string[], size: number): TinyHandler {
    return (req, srv) => {
      const n = srv.requests.length;
      const data = chunks[n - 1];
      if (data === undefined) return { message: srv.reply(req.message!, []) };
      const last = n === chunks.length;
      const replace: ItemCommand = {
        kind: 'Replace',
        cmdId: '0',
        meta: { format: 'b64', type: 'application/octet-stream' },
        items: [
          {
            target: { locURI: './FUMO/FwPkg1/Update/PkgData' },
            ...(n === 1 ? { meta: { size } } : {}),
            data,
            ...(last ? {} : { moreData: true }),
          },
        ],
      };
      return { message: srv.reply(req.message!, [replace], { final: last }) };
    };
  }

  it('buffers each chunk with 213 and Alert 1222 (no Final), then stores the reassembled object with 200', async () => {
    const chunks = [b64.slice(0, 1500), b64.slice(1500, 3000), b64.slice(3000)];
    const { phone, report, requests } = await session(chunkedReplace(chunks, b64.length));
    expect(report.outcome).toBe('completed');
    expect(commandsOf(requests[1]).map(summary)).toEqual([
      'Status SyncHdr 200',
      'Status Replace 213',
      'Alert 1222',
    ]);
    expect(requests[1]?.message?.body.final).toBe(false);
    expect(commandsOf(requests[2]).map(summary)).toEqual([
      'Status SyncHdr 200',
      'Status Replace 213',
      'Alert 1222',
    ]);
    expect(commandsOf(requests[3]).map(summary)).toEqual(['Status SyncHdr 200', 'Status Replace 200']);
    expect(requests[3]?.message?.body.final).toBe(true);
    expect(phone.tree.value('./FUMO/FwPkg1/Update/PkgData')).toEqual(firmware);
  });

  it('reassembles raw binary chunks (Format bin, WBXML opaque) into the bin node', async () => {
    const handler: TinyHandler = (req, srv) => {
      const n = srv.requests.length;
      const parts = [firmware.slice(0, 1000), firmware.slice(1000, 2000), firmware.slice(2000)];
      const data = parts[n - 1];
      if (data === undefined) return { message: srv.reply(req.message!, []) };
      const last = n === parts.length;
      const replace: ItemCommand = {
        kind: 'Replace',
        cmdId: '0',
        meta: { format: 'bin' },
        items: [
          {
            target: { locURI: './FUMO/FwPkg1/Update/PkgData' },
            ...(n === 1 ? { meta: { size: firmware.length } } : {}),
            data,
            ...(last ? {} : { moreData: true }),
          },
        ],
      };
      return { message: srv.reply(req.message!, [replace], { final: last }) };
    };
    const { phone, requests } = await session(handler, { encoding: 'wbxml' });
    expect(commandsOf(requests[3]).map(summary)).toEqual(['Status SyncHdr 200', 'Status Replace 200']);
    expect(phone.tree.value('./FUMO/FwPkg1/Update/PkgData')).toEqual(firmware);
  });

  it('sends Alert 1225 and drops the object when another command arrives before the last chunk', async () => {
    const handler: TinyHandler = (req, srv) => {
      const n = srv.requests.length;
      const chunk: ItemCommand = {
        kind: 'Replace',
        cmdId: '0',
        items: [
          {
            target: { locURI: './FUMO/FwPkg1/Update/PkgData' },
            meta: { format: 'b64', size: b64.length },
            data: b64.slice(0, 100),
            moreData: true,
          },
        ],
      };
      const other: ItemCommand = {
        kind: 'Replace',
        cmdId: '0',
        items: [{ target: { locURI: './Browser/HomePage' }, data: 'http://h' }],
      };
      if (n === 1) return { message: srv.reply(req.message!, [chunk], { final: false }) };
      if (n === 2) return { message: srv.reply(req.message!, [other]) };
      return { message: srv.reply(req.message!, []) };
    };
    const { phone, requests } = await session(handler);
    expect(commandsOf(requests[2]).map(summary)).toEqual([
      'Status SyncHdr 200',
      'Alert 1225',
      'Status Replace 200',
    ]);
    expect(commandsOf(requests[2], 'Alert')[0]).toMatchObject({
      items: [{ target: { locURI: './FUMO/FwPkg1/Update/PkgData' } }],
    });
    expect(phone.tree.value('./FUMO/FwPkg1/Update/PkgData')).toEqual(new Uint8Array());
    expect(phone.tree.text('./Browser/HomePage')).toBe('http://h');
  });

  it('answers 424 and writes nothing when the reassembled size differs from Meta Size', async () => {
    const chunks = [b64.slice(0, 2000), b64.slice(2000)];
    const { phone, requests } = await session(chunkedReplace(chunks, b64.length + 10));
    expect(commandsOf(requests[2]).map(summary)).toEqual(['Status SyncHdr 200', 'Status Replace 424']);
    expect(phone.tree.value('./FUMO/FwPkg1/Update/PkgData')).toEqual(new Uint8Array());
  });
});

describe('large objects to the server', () => {
  const big = 'x'.repeat(2500) + '<&>' + 'y'.repeat(2500);

  it("splits a large Results over messages within the server's MaxMsgSize, Size on the first chunk, MoreData on all but the last", async () => {
    const maxMsgSize = 2000;
    const handler: TinyHandler = (req, srv) => {
      const msg = req.message!;
      const get: ItemCommand = {
        kind: 'Get',
        cmdId: '0',
        items: [{ target: { locURI: './DevDetail/Ext/Blob' } }],
      };
      if (srv.requests.length === 1)
        return { message: srv.reply(msg, [get], { hdr: { meta: { maxMsgSize } } }) };
      if (!msg.body.final) {
        // "Next message" answer: Status 213 for the chunk, Alert 1222, no Final.
        const chunkStatus: StatusCommand[] = commandsOf(req, 'Results').map((r) => ({
          kind: 'Status',
          cmdId: '0',
          msgRef: msg.hdr.msgId,
          cmdRef: (r as ResultsCommand).cmdId,
          cmd: 'Results',
          targetRefs: [],
          sourceRefs: [],
          data: 213,
          items: [],
        }));
        return {
          message: srv.reply(msg, [...chunkStatus, { kind: 'Alert', cmdId: '0', data: 1222, items: [] }], {
            final: false,
          }),
        };
      }
      return { message: srv.reply(msg, []) };
    };
    server = await TinyDmServer.start(handler);
    const phone = new SimulatedHandset({
      deviceId: 'IMEI:356938035643809',
      family: 'vendor-x',
      encoding: 'xml',
      serverUrl: server.url,
      auth: testAuth,
    });
    phone.tree.set('./DevDetail/Ext/Blob', { value: big });
    const report = await phone.startSession({ reason: 'client' });
    expect(report.outcome).toBe('completed');
    const chunkRequests = server.requests.slice(1);
    for (const r of chunkRequests) expect(r.body.byteLength).toBeLessThanOrEqual(maxMsgSize);
    const items = chunkRequests.flatMap((r) =>
      commandsOf(r, 'Results').flatMap((c) => (c as ResultsCommand).items),
    );
    expect(items.length).toBeGreaterThan(3);
    expect(Math.max(...items.map((i) => String(i.data).length))).toBeGreaterThan(500);
    expect(items.map((i) => i.data).join('')).toBe(big);
    expect(items[0]?.meta?.size).toBe(big.length);
    expect(items.slice(1).every((i) => i.meta?.size === undefined)).toBe(true);
    expect(items.map((i) => i.moreData === true)).toEqual([...items.slice(1).map(() => true), false]);
    expect(chunkRequests.map((r) => r.message?.body.final)).toEqual([
      ...chunkRequests.slice(1).map(() => false),
      true,
    ]);
  });

  it("answers 413 instead of Results when the value exceeds the server's MaxObjSize", async () => {
    const { requests } = await session((req, srv) => {
      const get: ItemCommand = {
        kind: 'Get',
        cmdId: '0',
        items: [{ target: { locURI: './DevDetail/FwV' } }],
      };
      return {
        message:
          srv.requests.length === 1
            ? srv.reply(req.message!, [get], { hdr: { meta: { maxObjSize: 3 } } })
            : srv.reply(req.message!, []),
      };
    });
    expect(commandsOf(requests[1]).map(summary)).toEqual(['Status SyncHdr 200', 'Status Get 413']);
  });
});
