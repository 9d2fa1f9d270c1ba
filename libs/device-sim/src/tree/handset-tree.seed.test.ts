import { deviceFamilies } from './device-family';
import { seedHandsetTree } from './handset-tree.seed';
import { MoIds } from './management-object.codes';

const account = {
  name: 'dms',
  serverId: 'com.example.dms',
  serverUrl: 'http://127.0.0.1:1/dm',
  authPref: 'DIGEST' as const,
  clientName: 'dmclient01',
  clientSecret: 'clientSecret',
  clientNonce: 'AQIDBAUGBwgJCgsMDQ4PEA==',
  serverSecret: 'serverSecret',
  serverNonce: 'Dx4tPEtaaXiHlqW0w9Lh8A==',
};

describe('seeded handset trees', () => {
  it.each(['oma-standard', 'vendor-x'] as const)(
    '%s has DevInfo, DevDetail with LrgObj, and a DM 1.2 DMAcc',
    (family) => {
      const tree = seedHandsetTree({ deviceId: 'IMEI:356938035643809', family, account });
      expect(tree.text('./DevInfo/DevId')).toBe('IMEI:356938035643809');
      expect(tree.text('./DevInfo/DmV')).toBe(deviceFamilies[family].identity.dmV);
      expect(tree.find('./DevDetail/LrgObj')).toMatchObject({ format: 'bool', value: 'true' });
      expect(tree.text('./DevDetail/URI/MaxDepth')).toBe('0');
      expect(tree.text('./DMAcc/dms/AppID')).toBe('w7');
      expect(tree.text('./DMAcc/dms/AppAddr/1/Addr')).toBe(account.serverUrl);
      expect(tree.text('./DMAcc/dms/AppAuth/CLCRED/AAuthLevel')).toBe('CLCRED');
      expect(tree.text('./DMAcc/dms/AppAuth/SRVCRED/AAuthName')).toBe('com.example.dms');
      expect(tree.find('./DMAcc/dms/AppAuth/SRVCRED/AAuthData')).toMatchObject({
        format: 'bin',
        value: new Uint8Array(Buffer.from(account.serverNonce, 'base64')),
      });
      expect(tree.find('./DMAcc/dms')?.type).toBe(MoIds.dmAcc);
    },
  );

  it('puts FUMO and SCOMO where each family keeps them, typed by MO id', () => {
    const std = seedHandsetTree({ deviceId: 'IMEI:1', family: 'oma-standard', account });
    const x = seedHandsetTree({ deviceId: 'IMEI:1', family: 'vendor-x', account });
    expect(std.find('./FUMO/FwPkg1')?.type).toBe(MoIds.fumo);
    expect(std.text('./FUMO/FwPkg1/State')).toBe('10');
    expect(x.find('./Vendor/X/FwUpdate/FwPkg1/DownloadAndUpdate/PkgURL')).toBeDefined();
    expect(std.find('./SCOMO')?.type).toBe(MoIds.scomo);
    expect(x.childNames('./Vendor/X/SwMgmt/Inventory/Deployed')).toEqual([
      'com.operator.selfcare',
      'com.example.mail',
    ]);
    expect(std.text('./SCOMO/Inventory/Deployed/com.operator.selfcare/Version')).toBe('2.3.1');
  });

  it('starts a new handset without MMS/Internet settings and a factory one with them', () => {
    const bare = seedHandsetTree({ deviceId: 'IMEI:1', family: 'oma-standard', account });
    expect(bare.childNames('./ConnMO/NAP')).toEqual([]);
    expect(bare.childNames('./MMS')).toEqual([]);
    const preset = seedHandsetTree({
      deviceId: 'IMEI:1',
      family: 'oma-standard',
      account,
      settings: 'factory',
    });
    expect(preset.text('./ConnMO/NAP/Internet/Addr')).toBe('internet.operator.example');
    const xBare = seedHandsetTree({ deviceId: 'IMEI:1', family: 'vendor-x', account });
    expect(xBare.text('./Vendor/X/Settings/MMS/MMSC')).toBe('');
    expect(xBare.add('./Vendor/X/Settings/MMS/Extra', { value: 'x' })).toBe(405);
    expect(xBare.replace('./Vendor/X/Settings/MMS/MMSC', { value: 'http://mmsc' })).toBe(200);
  });

  it('refuses an unknown family with a typed error', () => {
    expect(() => seedHandsetTree({ deviceId: 'IMEI:1', family: 'nokia' as never, account })).toThrow(
      expect.objectContaining({ code: 'DEVICE_SIM_INVALID_OPTIONS' }),
    );
  });
});
