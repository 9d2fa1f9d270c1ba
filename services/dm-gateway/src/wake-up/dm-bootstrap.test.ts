import { DmCommand } from '@dms/contracts';
import { parseSmsSegments, unwrapWapPush, verifyCpMac, type CpMacKey } from '@dms/syncml';
import { characteristicsOf, wbxml2xml } from './prov-wbxml.peer';
import { createDmBootstrap } from './dm-bootstrap';
import { generateBootstrapCredentials } from './dm-bootstrap.credentials';

const server = { serverId: 'com.example.dms', name: 'Example DM', url: 'https://dm.example.com/dm' };
const netwpin: CpMacKey = { sec: 'NETWPIN', imsi: '001010123456789' };

describe('DM bootstrap for a new handset', () => {
  it('generates fresh random credentials every time', () => {
    const a = generateBootstrapCredentials();
    const b = generateBootstrapCredentials();
    expect(a.clientPassword).not.toBe(b.clientPassword);
    expect(a.serverPassword).not.toBe(b.serverPassword);
    expect(a.serverPassword).not.toBe(a.clientPassword);
    expect(a.clientPassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(Buffer.from(a.serverNonce, 'base64')).toHaveLength(16);
    expect(a.clientUsername).toMatch(/^dm-[0-9a-f]{12}$/);
  });

  it('pushes a CP document that wbxml2xml decodes to the w7 APPLICATION with both credentials', async () => {
    const bootstrap = createDmBootstrap({ server, key: netwpin, reference: 9 });
    const { credentials: c } = bootstrap;
    const { characteristics } = characteristicsOf(await wbxml2xml(bootstrap.cp.document));
    expect(characteristics).toEqual([
      {
        type: 'APPLICATION',
        parms: [
          ['APPID', 'w7'],
          ['PROVIDER-ID', 'com.example.dms'],
          ['NAME', 'Example DM'],
        ],
        children: [
          {
            type: 'APPADDR',
            parms: [
              ['ADDR', 'https://dm.example.com/dm'],
              ['ADDRTYPE', 'URI'],
            ],
            children: [{ type: 'PORT', parms: [['PORTNBR', '443']], children: [] }],
          },
          {
            type: 'APPAUTH',
            parms: [
              ['AAUTHLEVEL', 'APPSRV'],
              ['AAUTHTYPE', 'DIGEST'],
              ['AAUTHNAME', c.clientUsername],
              ['AAUTHSECRET', c.clientPassword],
              ['AAUTHDATA', c.clientNonce],
            ],
            children: [],
          },
          {
            type: 'APPAUTH',
            parms: [
              ['AAUTHLEVEL', 'CLIENT'],
              ['AAUTHTYPE', 'DIGEST'],
              ['AAUTHNAME', 'com.example.dms'],
              ['AAUTHSECRET', c.serverPassword],
              ['AAUTHDATA', c.serverNonce],
            ],
            children: [],
          },
        ],
      },
    ]);
  });

  it.each<[string, CpMacKey, number]>([
    ['NETWPIN', netwpin, 0],
    ['USERPIN', { sec: 'USERPIN', pin: '1234' }, 1],
  ])(
    'the %s-signed push reassembles from its SMS and its MAC verifies over the document',
    (_name, key, sec) => {
      const bootstrap = createDmBootstrap({ server, key, reference: 200 });
      expect(bootstrap.cp.segments.length).toBeGreaterThan(1);
      const datagram = parseSmsSegments(bootstrap.cp.segments.map((s) => s.userData));
      expect(datagram).toMatchObject({ destinationPort: 2948, sourcePort: 9200, reference: 200 });
      const push = unwrapWapPush(datagram.wsp);
      expect(push.contentType).toBe('application/vnd.wap.connectivity-wbxml');
      expect(push.parameters.sec).toBe(sec);
      expect(Buffer.from(push.body)).toEqual(Buffer.from(bootstrap.cp.document));
      expect(verifyCpMac(push.body, key, String(push.parameters.mac))).toBe(true);
      const tampered = Uint8Array.from(push.body);
      tampered[tampered.length - 3] = tampered[tampered.length - 3]! ^ 1;
      expect(verifyCpMac(tampered, key, String(push.parameters.mac))).toBe(false);
    },
  );

  it('lists the DMAcc Adds: interior nodes first, credentials under AppAuth/CLCRED and SRVCRED, nonces as b64', () => {
    const bootstrap = createDmBootstrap({ server, key: netwpin, reference: 1 });
    const { credentials: c, dmAcc } = bootstrap;
    for (const command of dmAcc) expect(DmCommand.safeParse(command).success).toBe(true);
    const x = './DMAcc/comexampledms';
    expect(dmAcc[0]).toEqual({ verb: 'Add', target: x, format: 'node' });
    const byTarget = new Map(dmAcc.map((cmd) => [cmd.target, cmd]));
    expect(byTarget.get(`${x}/AppID`)?.data).toBe('w7');
    expect(byTarget.get(`${x}/ServerID`)?.data).toBe('com.example.dms');
    expect(byTarget.get(`${x}/AppAddr/1/Addr`)?.data).toBe('https://dm.example.com/dm');
    expect(byTarget.get(`${x}/AppAddr/1/Port/1/PortNbr`)?.data).toBe('443');
    expect(byTarget.get(`${x}/AppAuth/CLCRED/AAuthName`)?.data).toBe(c.clientUsername);
    expect(byTarget.get(`${x}/AppAuth/CLCRED/AAuthSecret`)?.data).toBe(c.clientPassword);
    expect(byTarget.get(`${x}/AppAuth/SRVCRED/AAuthName`)?.data).toBe('com.example.dms');
    expect(byTarget.get(`${x}/AppAuth/SRVCRED/AAuthSecret`)?.data).toBe(c.serverPassword);
    expect(byTarget.get(`${x}/AppAuth/SRVCRED/AAuthData`)).toMatchObject({
      format: 'b64',
      data: c.serverNonce,
    });
    // every parent is added before its children
    const seen = new Set<string>(['./DMAcc']);
    for (const cmd of dmAcc) {
      expect(seen.has(cmd.target!.slice(0, cmd.target!.lastIndexOf('/')))).toBe(true);
      seen.add(cmd.target!);
    }
  });

  it('places the account where the handset keeps it', () => {
    const { dmAcc } = createDmBootstrap({
      server,
      key: netwpin,
      reference: 1,
      placement: { dmAccRoot: './SyncML/DMAcc', accountName: 'op' },
    });
    expect(dmAcc.every((cmd) => cmd.target!.startsWith('./SyncML/DMAcc/op'))).toBe(true);
  });
});
