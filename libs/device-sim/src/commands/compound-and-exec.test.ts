import type { AlertCommand, Command, ItemCommand, StatusCommand } from '@dms/syncml';
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
  return {
    tree,
    executor: new CommandExecutor({
      tree,
      family: deviceFamilies[family],
      binaryFormat: 'b64',
      ...overrides,
    }),
  };
}

const cmd = (
  kind: ItemCommand['kind'],
  cmdId: string,
  target: string,
  data?: string,
  extra: Partial<ItemCommand> = {},
): ItemCommand => ({
  kind,
  cmdId,
  items: [{ target: { locURI: target }, ...(data === undefined ? {} : { data }) }],
  ...extra,
});
const ui = (code: number, cmdId: string, ...items: string[]): AlertCommand => ({
  kind: 'Alert',
  cmdId,
  data: code,
  items: items.map((data) => ({ data })),
});
const statuses = (responses: readonly Command[]) =>
  responses.filter((r): r is StatusCommand => r.kind === 'Status').map((r) => [r.cmd, r.cmdRef, r.data]);

describe('Atomic', () => {
  it('commits every member when all succeed', () => {
    const { executor, tree } = setup();
    const atomic: Command = {
      kind: 'Atomic',
      cmdId: '1',
      commands: [
        cmd('Add', '2', './MMS/Op/MMSC', 'http://mmsc'),
        cmd('Replace', '3', './Browser/HomePage', 'http://h'),
      ],
    };
    expect(statuses(executor.execute(atomic, '1').responses)).toEqual([
      ['Atomic', '1', 200],
      ['Add', '2', 200],
      ['Replace', '3', 200],
    ]);
    expect(tree.text('./MMS/Op/MMSC')).toBe('http://mmsc');
  });

  it('rolls everything back on a failure: 507 for the Atomic, 216 for the others, the failed one keeps its code', () => {
    const { executor, tree } = setup();
    const atomic: Command = {
      kind: 'Atomic',
      cmdId: '1',
      commands: [
        cmd('Add', '2', './MMS/Op/MMSC', 'http://mmsc'),
        cmd('Replace', '3', './Browser/Missing', 'x'),
        cmd('Replace', '4', './Browser/HomePage', 'http://h'),
      ],
    };
    expect(statuses(executor.execute(atomic, '1').responses)).toEqual([
      ['Atomic', '1', 507],
      ['Add', '2', 216],
      ['Replace', '3', 404],
      ['Replace', '4', 216],
    ]);
    expect(tree.find('./MMS/Op')).toBeUndefined();
    expect(tree.text('./Browser/HomePage')).toBe('');
  });

  it('refuses a Get inside an Atomic with 500 and rolls back', () => {
    const { executor } = setup();
    const atomic: Command = {
      kind: 'Atomic',
      cmdId: '1',
      commands: [cmd('Replace', '2', './Browser/HomePage', 'x'), cmd('Get', '3', './DevInfo/Mod')],
    };
    const { responses } = executor.execute(atomic, '1');
    expect(statuses(responses)).toEqual([
      ['Atomic', '1', 507],
      ['Replace', '2', 216],
      ['Get', '3', 500],
    ]);
    expect(responses.some((r) => r.kind === 'Results')).toBe(false);
  });

  it('rolls back when the user rejects a confirm alert inside it', () => {
    const { executor, tree } = setup({ uiAnswers: { confirm: 'no' } });
    const atomic: Command = {
      kind: 'Atomic',
      cmdId: '1',
      commands: [cmd('Replace', '2', './Browser/HomePage', 'x'), ui(1101, '3', '', 'Apply settings?')],
    };
    expect(statuses(executor.execute(atomic, '1').responses)).toEqual([
      ['Atomic', '1', 507],
      ['Replace', '2', 216],
      ['Alert', '3', 304],
    ]);
    expect(tree.text('./Browser/HomePage')).toBe('');
  });
});

describe('Sequence', () => {
  it('executes in order and skips the rest with 215 after the user says No', () => {
    const { executor, tree } = setup({ uiAnswers: { confirm: 'no' } });
    const seq: Command = {
      kind: 'Sequence',
      cmdId: '1',
      commands: [
        cmd('Replace', '2', './Browser/HomePage', 'a'),
        ui(1101, '3', '', 'Update?'),
        cmd('Replace', '4', './Browser/HomePage', 'b'),
      ],
    };
    expect(statuses(executor.execute(seq, '1').responses)).toEqual([
      ['Sequence', '1', 200],
      ['Replace', '2', 200],
      ['Alert', '3', 304],
      ['Replace', '4', 215],
    ]);
    expect(tree.text('./Browser/HomePage')).toBe('a');
  });
});

describe('user-interaction alerts', () => {
  it('confirms with 200 by default and records what the user saw', () => {
    const { executor } = setup();
    expect(statuses(executor.execute(ui(1101, '1', 'MAXDT=30', 'Install update?'), '1').responses)).toEqual([
      ['Alert', '1', 200],
    ]);
    expect(executor.interactions).toEqual([
      { alert: 1101, text: 'Install update?', choices: [], status: 200 },
    ]);
  });

  it('returns typed text for 1102 and chosen indices for 1103/1104 in the Status items', () => {
    const { executor } = setup({ uiAnswers: { textInput: 'hello', multipleChoice: [1, 3] } });
    expect(executor.execute(ui(1102, '1', 'MAXLEN=10', 'Name?'), '1').responses[0]).toMatchObject({
      data: 200,
      items: [{ data: 'hello' }],
    });
    expect(executor.execute(ui(1103, '2', 'DR=2', 'Pick', 'a', 'b'), '1').responses[0]).toMatchObject({
      data: 200,
      items: [{ data: '2' }],
    });
    expect(executor.execute(ui(1104, '3', '', 'Pick', 'a', 'b', 'c'), '1').responses[0]).toMatchObject({
      items: [{ data: '1' }, { data: '3' }],
    });
  });

  it('answers 406 when the handset has no UI, 412 without text, 214 when the user cancels', () => {
    expect(
      setup({ uiAnswers: { supported: false } }).executor.execute(ui(1100, '1', '', 'Hi'), '1').responses[0],
    ).toMatchObject({ data: 406 });
    expect(setup().executor.execute(ui(1101, '1', ''), '1').responses[0]).toMatchObject({ data: 412 });
    expect(
      setup({ uiAnswers: { cancelInput: true } }).executor.execute(ui(1102, '1', '', 'Name?'), '1')
        .responses[0],
    ).toMatchObject({ data: 214 });
  });
});

describe('Exec', () => {
  it('FUMO DownloadAndUpdate answers 202 and defers a Generic Alert with the result and Correlator', () => {
    const { executor, tree } = setup();
    executor.execute(cmd('Replace', '1', './FUMO/FwPkg1/DownloadAndUpdate/PkgURL', 'http://fw/x.dd'), '1');
    executor.execute(cmd('Replace', '2', './FUMO/FwPkg1/PkgVersion', '1.0.4'), '1');
    const exec = cmd('Exec', '3', './FUMO/FwPkg1/DownloadAndUpdate', undefined, { correlator: 'job-77' });
    expect(statuses(executor.execute(exec, '1').responses)).toEqual([['Exec', '3', 202]]);
    expect(executor.deferredAlerts).toEqual([
      {
        type: 'org.openmobilealliance.dm.firmwareupdate.downloadandupdate',
        format: 'int',
        source: './FUMO/FwPkg1/DownloadAndUpdate',
        data: '200',
        correlator: 'job-77',
      },
    ]);
    expect(tree.text('./FUMO/FwPkg1/State')).toBe('100');
    expect(tree.text('./DevDetail/FwV')).toBe('1.0.4');
  });

  it('FUMO without a PkgURL reports 411 with a critical mark and State 80', () => {
    const { executor, tree } = setup({}, 'vendor-x');
    executor.execute(cmd('Exec', '1', './Vendor/X/FwUpdate/FwPkg1/DownloadAndUpdate'), '1');
    expect(executor.deferredAlerts[0]).toMatchObject({
      data: '411',
      mark: 'critical',
      source: './Vendor/X/FwUpdate/FwPkg1/DownloadAndUpdate',
    });
    expect(tree.text('./Vendor/X/FwUpdate/FwPkg1/State')).toBe('80');
  });

  it('SCOMO Remove answers 202, deletes the component and defers an OperationComplete alert', () => {
    const { executor, tree } = setup();
    const target = './SCOMO/Inventory/Deployed/com.example.mail/Operations/Remove';
    expect(statuses(executor.execute(cmd('Exec', '1', target), '1').responses)).toEqual([['Exec', '1', 202]]);
    expect(tree.find('./SCOMO/Inventory/Deployed/com.example.mail')).toBeUndefined();
    expect(executor.deferredAlerts[0]).toMatchObject({
      type: 'urn:oma:at:scomo:1.0:OperationComplete',
      format: 'xml',
      data: '<ResultCode>1200</ResultCode><Identifier>com.example.mail</Identifier>',
    });
  });

  it('reboots on the family reboot node (200), 404 on a missing node, 405 on a node without Exec', () => {
    const { executor } = setup({}, 'vendor-x');
    expect(statuses(executor.execute(cmd('Exec', '1', './Vendor/X/Ops/Reboot'), '1').responses)).toEqual([
      ['Exec', '1', 200],
    ]);
    expect(executor.reboots).toBe(1);
    expect(statuses(executor.execute(cmd('Exec', '2', './Vendor/X/Nope'), '1').responses)).toEqual([
      ['Exec', '2', 404],
    ]);
    expect(statuses(executor.execute(cmd('Exec', '3', './DevInfo/Mod'), '1').responses)).toEqual([
      ['Exec', '3', 405],
    ]);
  });
});
