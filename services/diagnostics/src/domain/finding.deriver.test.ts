import type { Finding } from '@dms/contracts';
import { omaStandardExpected, vendorXExpected } from '../test-support/expected-settings.fixture';
import type { NodeReading } from './diagnostic-report.model';
import { deriveFindings } from './finding.deriver';

const ok = (uri: string, data: string, format = 'chr'): NodeReading => ({ uri, status: 200, data, format });
const absent = (uri: string): NodeReading => ({ uri, status: 404 });
const kinds = (findings: Finding[]) => findings.map((f) => f.kind);

describe('finding derivation', () => {
  describe('oma-standard (dynamic ConnMO instances)', () => {
    it('reports internet-apn and mms missing when their nodes are absent (404)', () => {
      const readings = omaStandardExpected.expected.map((e) => absent(e.nodeUri));
      expect(deriveFindings({ readings, expected: omaStandardExpected })).toEqual([
        { kind: 'setting-missing', setting: 'internet-apn' },
        { kind: 'setting-missing', setting: 'mms' },
      ]);
    });

    it('reports nothing for a handset holding the profile values', () => {
      const readings = omaStandardExpected.expected.map((e) => ok(e.nodeUri, e.value, e.nodeUri.endsWith('Port') ? 'int' : 'chr'));
      expect(deriveFindings({ readings, expected: omaStandardExpected })).toEqual([]);
    });

    it('names the node, observed and expected value of a setting that differs', () => {
      const readings = omaStandardExpected.expected.map((e) => ok(e.nodeUri, e.nodeUri.endsWith('/Internet/Addr') ? 'web.other.example' : e.value));
      expect(deriveFindings({ readings, expected: omaStandardExpected })).toEqual([
        { kind: 'setting-wrong', setting: 'internet-apn', nodeUri: './ConnMO/NAP/Internet/Addr', observed: 'web.other.example', expected: 'internet.operator.example' },
      ]);
    });

    it('never compares nor reveals a credential leaf, even when the handset answered it', () => {
      const readings = [...omaStandardExpected.expected.map((e) => ok(e.nodeUri, e.value)), ok('./ConnMO/NAP/Internet/Auth/AuthSecret', 'leaked')];
      const findings = deriveFindings({ readings, expected: omaStandardExpected });
      expect(JSON.stringify(findings)).not.toContain('not-to-be-read');
      expect(JSON.stringify(findings)).not.toContain('leaked');
    });
  });

  describe('vendor-x (fixed slots)', () => {
    it('reads empty slots and an int slot at 0 as a missing setting', () => {
      const readings = vendorXExpected.expected.map((e) => (e.nodeUri.endsWith('ProxyPort') ? ok(e.nodeUri, '0', 'int') : ok(e.nodeUri, '')));
      expect(deriveFindings({ readings, expected: vendorXExpected })).toEqual([
        { kind: 'setting-missing', setting: 'internet-apn' },
        { kind: 'setting-missing', setting: 'mms' },
      ]);
    });

    it('reports each differing or empty slot of a half-configured setting as wrong', () => {
      const readings = vendorXExpected.expected.map((e) => {
        if (e.nodeUri.endsWith('MMS/MMSC')) return ok(e.nodeUri, 'http://old-mmsc.example');
        if (e.nodeUri.endsWith('ProxyAddr')) return ok(e.nodeUri, '');
        return ok(e.nodeUri, e.value);
      });
      const findings = deriveFindings({ readings, expected: vendorXExpected });
      expect(findings).toEqual([
        { kind: 'setting-wrong', setting: 'mms', nodeUri: './Vendor/X/Settings/MMS/MMSC', observed: 'http://old-mmsc.example', expected: 'http://mmsc.operator.example' },
        { kind: 'setting-wrong', setting: 'mms', nodeUri: './Vendor/X/Settings/MMS/ProxyAddr', observed: '', expected: '10.0.0.10' },
      ]);
    });

    it('skips a setting none of whose nodes could be judged (405, not read)', () => {
      const readings: NodeReading[] = [{ uri: './Vendor/X/Settings/MMS/APN', status: 405 }];
      expect(deriveFindings({ readings, expected: vendorXExpected })).toEqual([]);
    });
  });

  it('reports 404/405/406 on nodes that are not expected settings as unsupported', () => {
    const readings: NodeReading[] = [absent('./DevDetail/OEM'), { uri: './SCOMO/Inventory/Deployed', status: 406 }, { uri: './Ext/Thing', status: 405 }, absent('./ConnMO/NAP/Internet/Addr')];
    const findings = deriveFindings({ readings, expected: omaStandardExpected }).filter((f) => f.kind === 'node-unsupported');
    expect(findings).toEqual([
      { kind: 'node-unsupported', nodeUri: './DevDetail/OEM', status: 404 },
      { kind: 'node-unsupported', nodeUri: './SCOMO/Inventory/Deployed', status: 406 },
      { kind: 'node-unsupported', nodeUri: './Ext/Thing', status: 405 },
    ]);
  });

  it.each([
    ['X200_FW_2.1', 'X200_FW_2.10', true],
    ['1.0.9', '1.0.10', true],
    ['1.0.10', '1.0.9', false],
    ['2.0', '2.0', false],
    ['', '2.0', false],
  ])('firmware %s against catalog %s: outdated %s', (current, latest, outdated) => {
    const findings = deriveFindings({ readings: [ok('./DevDetail/FwV', current)], latestFwV: latest });
    expect(kinds(findings).includes('firmware-outdated')).toBe(outdated);
    if (outdated) expect(findings).toContainEqual({ kind: 'firmware-outdated', current, latest });
  });

  it('makes no firmware finding without a catalog version or a FwV read', () => {
    expect(deriveFindings({ readings: [ok('./DevDetail/FwV', '1.0')] })).toEqual([]);
    expect(deriveFindings({ readings: [absent('./DevDetail/FwV')], latestFwV: '2.0' })).toEqual([{ kind: 'node-unsupported', nodeUri: './DevDetail/FwV', status: 404 }]);
  });
});
