import { omaStandardInstancesExpected as expected } from '../test-support/expected-settings.fixture';
import type { NodeReading } from './diagnostic-report.model';
import { deriveFindings } from './finding.deriver';
import { freePlace, instanceNodes, matchInstances, MAX_CHILDREN_READ, normalizeRef, sameValue } from './instance.matcher';

const ok = (uri: string, data: string, format = 'chr'): NodeReading => ({ uri, status: 200, data, format });
const list = (uri: string, ...children: string[]): NodeReading => ok(uri, children.join('/'), 'node');
const absent = (uri: string): NodeReading => ({ uri, status: 404 });

/** A handset's readings: the collections listed, the given leaves, 404 for every template leaf not given. */
function handset(collections: Record<string, string[]>, leaves: Record<string, string>): NodeReading[] {
  const readings = Object.entries(collections).map(([uri, children]) => list(uri, ...children));
  for (const [uri, value] of Object.entries(leaves)) readings.push(ok(uri, value, uri.endsWith('/Port') ? 'int' : 'chr'));
  for (const e of expected.expected) if (leaves[e.nodeUri] === undefined) readings.push(absent(e.nodeUri));
  return readings;
}
const settingFindings = (readings: NodeReading[]) => deriveFindings({ readings, expected }).filter((f) => f.kind === 'setting-missing' || f.kind === 'setting-wrong');
const EMPTY = { './ConnMO/NAP': [], './ConnMO/Proxy': [], './MMS': [], './Browser/Bookmarks': [] };

describe('finding the handset\'s own setting instances', () => {
  it('repairs config\'s own instance in place when its APN changed (a Dms* name is config\'s whatever it holds)', () => {
    const readings = handset({ ...EMPTY, './ConnMO/NAP': ['DmsInternet'] }, {
      './ConnMO/NAP/DmsInternet/Name': 'Operator Internet',
      './ConnMO/NAP/DmsInternet/Addr': 'old.operator.example',
      './ConnMO/NAP/DmsInternet/Auth/AuthType': 'PAP',
      './ConnMO/NAP/DmsInternet/Auth/AuthName': 'web',
      './Browser/HomePage': 'http://portal.operator.example/',
    });
    expect(settingFindings(readings)).toEqual([
      { kind: 'setting-missing', setting: 'mms' },
      { kind: 'setting-wrong', setting: 'internet-apn', nodeUri: './ConnMO/NAP/DmsInternet/Addr', observed: 'old.operator.example', expected: 'internet.operator.example' },
      { kind: 'setting-missing', setting: 'bookmarks' },
    ]);
  });

  it('an MMS instance whose NapRef points at a NAP the handset does not have: the NAP is missing and the reference must point at where it goes', () => {
    const readings = handset({ ...EMPTY, './MMS': ['Operator'], './ConnMO/Proxy': ['P'] }, {
      './MMS/Operator/MMSC': 'http://mmsc.operator.example',
      './MMS/Operator/ProxyRef': 'ConnMO/Proxy/P/',
      './MMS/Operator/NapRef': './ConnMO/NAP/Gone',
      './ConnMO/Proxy/P/Addr': '10.0.0.10',
      './ConnMO/Proxy/P/Port': '8080',
    });
    const places = matchInstances(expected, readings);
    expect(places.get('./MMS/DmsMMS')).toEqual({ state: 'found', uri: './MMS/Operator' });
    // A reference written without './' and with a trailing slash still leads to the proxy.
    expect(places.get('./ConnMO/Proxy/DmsMMSProxy')).toEqual({ state: 'found', uri: './ConnMO/Proxy/P' });
    expect(places.get('./ConnMO/NAP/DmsMMS')).toEqual({ state: 'absent' });
    expect(settingFindings(readings).filter((f) => f.setting === 'mms')).toEqual([
      { kind: 'setting-missing', setting: 'mms', instances: [{ template: './ConnMO/NAP/DmsMMS', at: './ConnMO/NAP/DmsMMS' }] },
      { kind: 'setting-wrong', setting: 'mms', nodeUri: './MMS/Operator/NapRef', observed: './ConnMO/NAP/Gone', expected: './ConnMO/NAP/DmsMMS' },
    ]);
  });

  it('config\'s own MMS set with its proxy gone: only the proxy is missing, at its own place, and the reference to it stands', () => {
    const readings = handset({ ...EMPTY, './MMS': ['DmsMMS'], './ConnMO/NAP': ['DmsMMS'] }, {
      './MMS/DmsMMS/MMSC': 'http://mmsc.operator.example',
      './MMS/DmsMMS/ProxyRef': './ConnMO/Proxy/DmsMMSProxy',
      './MMS/DmsMMS/NapRef': './ConnMO/NAP/DmsMMS',
      './ConnMO/NAP/DmsMMS/Name': 'Operator MMS APN',
      './ConnMO/NAP/DmsMMS/Addr': 'mms.operator.example',
    });
    expect(settingFindings(readings).filter((f) => f.setting === 'mms')).toEqual([
      { kind: 'setting-missing', setting: 'mms', instances: [{ template: './ConnMO/Proxy/DmsMMSProxy', at: './ConnMO/Proxy/DmsMMSProxy' }] },
    ]);
  });

  it('a handset that cannot list its collections (405) is compared at config\'s own places, as before', () => {
    const readings = handset({}, {}).concat(['./ConnMO/NAP', './ConnMO/Proxy', './MMS', './Browser/Bookmarks'].map((uri) => ({ uri, status: 405 })));
    expect(instanceNodes(expected, readings)).toEqual([]);
    expect(settingFindings(readings).map((f) => `${f.kind}:${f.setting}`)).toEqual(['setting-missing:mms', 'setting-missing:internet-apn', 'setting-missing:wap', 'setting-missing:bookmarks']);
  });

  it('a moved MMSC or APN: the collection\'s only instance nobody else took is the handset\'s, repaired in place', () => {
    const readings = handset({ ...EMPTY, './MMS': ['Operator'], './ConnMO/NAP': ['Internet', 'MMS'], './ConnMO/Proxy': ['MMSProxy'] }, {
      './MMS/Operator/MMSC': 'http://old-mmsc.operator.example',
      './MMS/Operator/ProxyRef': './ConnMO/Proxy/MMSProxy',
      './MMS/Operator/NapRef': './ConnMO/NAP/MMS',
      './ConnMO/NAP/MMS/Name': 'Operator MMS APN',
      './ConnMO/NAP/MMS/Addr': 'mms.operator.example',
      './ConnMO/Proxy/MMSProxy/Addr': '10.0.0.10',
      './ConnMO/Proxy/MMSProxy/Port': '8080',
      './ConnMO/NAP/Internet/Name': 'Operator Internet',
      './ConnMO/NAP/Internet/Addr': 'old-internet.operator.example',
      './ConnMO/NAP/Internet/Auth/AuthType': 'PAP',
      './ConnMO/NAP/Internet/Auth/AuthName': 'web',
    });
    expect(settingFindings(readings).filter((f) => f.setting !== 'bookmarks' && f.setting !== 'wap')).toEqual([
      { kind: 'setting-wrong', setting: 'mms', nodeUri: './MMS/Operator/MMSC', observed: 'http://old-mmsc.operator.example', expected: 'http://mmsc.operator.example' },
      { kind: 'setting-wrong', setting: 'internet-apn', nodeUri: './ConnMO/NAP/Internet/Addr', observed: 'old-internet.operator.example', expected: 'internet.operator.example' },
    ]);
    // The order config lists its instances in does not matter.
    const reversed = { ...expected, instances: [...expected.instances!].reverse() };
    expect(matchInstances(reversed, readings).get('./ConnMO/NAP/DmsInternet')).toEqual({ state: 'found', uri: './ConnMO/NAP/Internet' });
    // With a second instance nobody claims, which one is the Internet NAP cannot be told: config's own is added.
    const two = readings.map((r) => (r.uri === './ConnMO/NAP' ? list('./ConnMO/NAP', 'Internet', 'MMS', 'Work') : r));
    expect(matchInstances(expected, two).get('./ConnMO/NAP/DmsInternet')).toEqual({ state: 'absent' });
  });

  it('a leaf missing from the handset\'s own instance (404) is wrong and marked absent, an empty one is not', () => {
    const readings = handset({ ...EMPTY, './ConnMO/NAP': ['Internet'] }, {
      './ConnMO/NAP/Internet/Name': '',
      './ConnMO/NAP/Internet/Addr': 'internet.operator.example',
    }).concat([absent('./ConnMO/NAP/Internet/Auth/AuthType'), absent('./ConnMO/NAP/Internet/Auth/AuthName')]);
    expect(settingFindings(readings).filter((f) => f.setting === 'internet-apn')).toEqual([
      { kind: 'setting-wrong', setting: 'internet-apn', nodeUri: './ConnMO/NAP/Internet/Name', observed: '', expected: 'Operator Internet' },
      { kind: 'setting-wrong', setting: 'internet-apn', nodeUri: './ConnMO/NAP/Internet/Auth/AuthType', observed: '', expected: 'PAP', absent: true },
      { kind: 'setting-wrong', setting: 'internet-apn', nodeUri: './ConnMO/NAP/Internet/Auth/AuthName', observed: '', expected: 'web', absent: true },
    ]);
  });

  it('a NAP holding the MMS APN is never taken as the Internet NAP, even when no MMS instance points at it', () => {
    const readings = handset({ ...EMPTY, './ConnMO/NAP': ['MMS'] }, { './ConnMO/NAP/MMS/Name': 'MMS', './ConnMO/NAP/MMS/Addr': 'mms.operator.example' });
    expect(matchInstances(expected, readings).get('./ConnMO/NAP/DmsInternet')).toEqual({ state: 'absent' });
    expect(settingFindings(readings).filter((f) => f.setting === 'internet-apn')).toEqual([{ kind: 'setting-missing', setting: 'internet-apn' }]);
  });

  it('says nothing of a setting it could not read at all', () => {
    expect(settingFindings([])).toEqual([]);
  });

  it('one handset instance answers for one template instance only', () => {
    const readings = handset({ ...EMPTY, './Browser/Bookmarks': ['A'] }, { './Browser/Bookmarks/A/Name': 'Operator portal', './Browser/Bookmarks/A/URL': 'https://care.operator.example' });
    const places = matchInstances(expected, readings);
    expect(places.get('./Browser/Bookmarks/DmsBm1')).toEqual({ state: 'absent' });
    expect(places.get('./Browser/Bookmarks/DmsBm2')).toEqual({ state: 'found', uri: './Browser/Bookmarks/A' });
    expect(settingFindings(readings).filter((f) => f.setting === 'bookmarks')).toEqual([
      { kind: 'setting-missing', setting: 'bookmarks', instances: [{ template: './Browser/Bookmarks/DmsBm1', at: './Browser/Bookmarks/DmsBm1' }] },
      { kind: 'setting-wrong', setting: 'bookmarks', nodeUri: './Browser/Bookmarks/A/Name', observed: 'Operator portal', expected: 'Customer care' },
    ]);
  });

  it('reads the leaves of listed instances it has not read, at most MAX_CHILDREN_READ per collection', () => {
    const many = Array.from({ length: MAX_CHILDREN_READ + 10 }, (_, i) => `b${i}`);
    const nodes = instanceNodes(expected, [list('./Browser/Bookmarks', ...many)]);
    expect(nodes).toContain('./Browser/Bookmarks/b0/URL');
    expect(nodes).toContain('./Browser/Bookmarks/b0/Name');
    expect(nodes).not.toContain(`./Browser/Bookmarks/b${MAX_CHILDREN_READ}/URL`);
    expect(nodes).toHaveLength(MAX_CHILDREN_READ * 2);
    expect(instanceNodes(expected, [list('./ConnMO/NAP', 'Internet')]).some((u) => /Secret/i.test(u))).toBe(false);
  });

  it('compares URLs in their normal form and references whichever way they are written', () => {
    expect(sameValue(' http://Portal.operator.example ', 'http://portal.operator.example/')).toBe(true);
    expect(sameValue('http://portal.operator.example/a', 'http://portal.operator.example/b')).toBe(false);
    expect(sameValue('internet', 'Internet')).toBe(false);
    expect(normalizeRef('ConnMO/NAP/MMS/')).toBe('./ConnMO/NAP/MMS');
    expect(normalizeRef('/ConnMO/NAP/MMS')).toBe('./ConnMO/NAP/MMS');
    expect(normalizeRef('  ')).toBeUndefined();
  });

  it('finds a free place beside the handset\'s own instances', () => {
    expect(freePlace('./B/DmsBm2', ['Operator'], new Set())).toBe('./B/DmsBm2');
    expect(freePlace('./B/DmsBm2', ['DmsBm2', 'DmsBm22'], new Set())).toBe('./B/DmsBm23');
    expect(freePlace('./X/Bookmark/2', ['1', '2', '5'], new Set())).toBe('./X/Bookmark/6');
    expect(freePlace('./X/Bookmark/2', ['1', '2'], new Set(['./X/Bookmark/3']))).toBe('./X/Bookmark/4');
  });
});
