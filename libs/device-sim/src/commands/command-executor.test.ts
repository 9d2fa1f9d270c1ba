import type { Command, ItemCommand, StatusCommand } from '@dms/syncml';
import { deviceFamilies } from '../tree/device-family';
import { seedHandsetTree } from '../tree/handset-tree.seed';
import { CommandExecutor, type CommandExecutorOptions } from './command-executor';

const account = {
  name: 'dms',
  serverId: 'srv',
  serverUrl: 'http://x/dm',
  authPref: 'DIGEST' as const,
  clientName: 'c',
  clientSecret: 'cs',
  serverSecret: 'ss',
};

function setup(
  overrides: Partial<CommandExecutorOptions> = {},
  family: 'oma-standard' | 'vendor-x' = 'oma-standard',
) {
  const tree = seedHandsetTree({ deviceId: 'IMEI:356938035643809', family, account });
  const executor = new CommandExecutor({
    tree,
    family: deviceFamilies[family],
    binaryFormat: 'b64',
    ...overrides,
  });
  return { tree, executor };
}

let id = 0;
const cmd = (
  kind: ItemCommand['kind'],
  target: string,
  data?: string,
  extra: Partial<ItemCommand> = {},
): ItemCommand => ({
  kind,
  cmdId: String(++id),
  items: [{ target: { locURI: target }, ...(data === undefined ? {} : { data }) }],
  ...extra,
});
const codes = (responses: readonly Command[]) =>
  responses.filter((r): r is StatusCommand => r.kind === 'Status').map((r) => r.data);

describe('Get', () => {
  it('answers a leaf with Status 200 then Results carrying the value and Meta Format', () => {
    const { executor } = setup();
    const get = cmd('Get', './DevDetail/FwV');
    const { responses } = executor.execute(get, '2');
    expect(responses[0]).toMatchObject({
      kind: 'Status',
      msgRef: '2',
      cmdRef: get.cmdId,
      cmd: 'Get',
      data: 200,
      targetRefs: ['./DevDetail/FwV'],
    });
    expect(responses[1]).toMatchObject({
      kind: 'Results',
      cmdRef: get.cmdId,
      items: [{ source: { locURI: './DevDetail/FwV' }, meta: { format: 'chr' }, data: '1.0.0' }],
    });
  });

  it('answers an interior node with its child names and Format node', () => {
    const { executor } = setup();
    const { responses } = executor.execute(cmd('Get', './DevInfo'), '1');
    expect(responses[1]).toMatchObject({
      items: [{ meta: { format: 'node' }, data: 'DevId/Man/Mod/DmV/Lang' }],
    });
  });

  it('answers 404 without Results for a missing node and 405 for a secret', () => {
    const { executor } = setup();
    expect(executor.execute(cmd('Get', './Nope'), '1').responses).toEqual([
      expect.objectContaining({ data: 404 }),
    ]);
    expect(
      codes(executor.execute(cmd('Get', './DMAcc/dms/AppAuth/CLCRED/AAuthSecret'), '1').responses),
    ).toEqual([405]);
  });

  it('sends binary leaves as base64 with Format b64 on XML and raw with bin on WBXML', () => {
    const xml = setup();
    xml.tree.set('./Blob', { format: 'bin', value: Uint8Array.of(0xff, 0) });
    expect(xml.executor.execute(cmd('Get', './Blob'), '1').responses[1]).toMatchObject({
      items: [{ meta: { format: 'b64' }, data: '/wA=' }],
    });
    const wbxml = setup({ binaryFormat: 'bin' });
    wbxml.tree.set('./Blob', { format: 'bin', value: Uint8Array.of(0xff, 0) });
    expect(wbxml.executor.execute(cmd('Get', './Blob'), '1').responses[1]).toMatchObject({
      items: [{ meta: { format: 'bin' }, data: Uint8Array.of(0xff, 0) }],
    });
  });

  it('answers ?prop=Type with the MO identifier and ?list=Struct with every node URI', () => {
    const { executor } = setup();
    expect(executor.execute(cmd('Get', './FUMO/FwPkg1?prop=Type'), '1').responses[1]).toMatchObject({
      items: [{ data: 'urn:oma:mo:oma-fumo:1.0' }],
    });
    const list = executor.execute(cmd('Get', './DevDetail/URI?list=Struct'), '1').responses[1];
    expect(list).toMatchObject({
      items: [
        { source: { locURI: './DevDetail/URI' } },
        { source: { locURI: './DevDetail/URI/MaxDepth' } },
        {},
        {},
      ],
    });
    expect(codes(executor.execute(cmd('Get', './DevInfo?prop=VerNo'), '1').responses)).toEqual([406]);
  });
});

describe('Add, Replace, Delete, Copy', () => {
  it('Replace on an existing leaf is 200 and changes it; on a missing one 404; on an interior node 405', () => {
    const { executor, tree } = setup();
    expect(codes(executor.execute(cmd('Replace', './Browser/HomePage', 'http://h'), '1').responses)).toEqual([
      200,
    ]);
    expect(tree.text('./Browser/HomePage')).toBe('http://h');
    expect(codes(executor.execute(cmd('Replace', './Browser/Nope', 'x'), '1').responses)).toEqual([404]);
    expect(codes(executor.execute(cmd('Replace', './Browser', 'x'), '1').responses)).toEqual([405]);
    expect(codes(executor.execute(cmd('Replace', './DevInfo/Mod', 'x'), '1').responses)).toEqual([405]);
  });

  it('Add creates a NAP instance (200) and answers 418 the second time', () => {
    const { executor, tree } = setup();
    const add = (): ItemCommand =>
      cmd('Add', './ConnMO/NAP/Internet/Addr', 'internet.op', { meta: { format: 'chr' } });
    expect(codes(executor.execute(add(), '1').responses)).toEqual([200]);
    expect(codes(executor.execute(add(), '1').responses)).toEqual([418]);
    expect(tree.text('./ConnMO/NAP/Internet/Addr')).toBe('internet.op');
  });

  it('Add with Format node creates an interior node', () => {
    const { executor, tree } = setup();
    executor.execute(cmd('Add', './Browser/Bookmarks/News', undefined, { meta: { format: 'node' } }), '1');
    expect(tree.find('./Browser/Bookmarks/News')?.format).toBe('node');
  });

  it('Replace of a bin node with b64 data stores the decoded octets (new AAuthData nonce)', () => {
    const { executor, tree } = setup();
    executor.execute(
      cmd('Replace', './DMAcc/dms/AppAuth/CLCRED/AAuthData', 'AQID', { meta: { format: 'b64' } }),
      '1',
    );
    expect(tree.find('./DMAcc/dms/AppAuth/CLCRED/AAuthData')).toMatchObject({
      format: 'bin',
      value: Uint8Array.of(1, 2, 3),
    });
  });

  it('answers one Status per item with its TargetRef', () => {
    const { executor } = setup();
    const replace: ItemCommand = {
      kind: 'Replace',
      cmdId: '9',
      items: [
        { target: { locURI: './Browser/HomePage' }, data: 'a' },
        { target: { locURI: './Browser/Missing' }, data: 'b' },
      ],
    };
    expect(executor.execute(replace, '1').responses).toEqual([
      expect.objectContaining({ data: 200, targetRefs: ['./Browser/HomePage'] }),
      expect.objectContaining({ data: 404, targetRefs: ['./Browser/Missing'] }),
    ]);
  });

  it('Delete is 200 then 404; Copy copies a leaf', () => {
    const { executor, tree } = setup({}, 'oma-standard');
    expect(
      codes(executor.execute(cmd('Delete', './SCOMO/Inventory/Deployed/com.example.mail'), '1').responses),
    ).toEqual([200]);
    expect(
      codes(executor.execute(cmd('Delete', './SCOMO/Inventory/Deployed/com.example.mail'), '1').responses),
    ).toEqual([404]);
    const copy: ItemCommand = {
      kind: 'Copy',
      cmdId: '5',
      items: [{ target: { locURI: './Browser/Start' }, source: { locURI: './DevInfo/Mod' } }],
    };
    expect(codes(executor.execute(copy, '1').responses)).toEqual([200]);
    expect(tree.text('./Browser/Start')).toBe('AcmePhone 1');
  });
});
