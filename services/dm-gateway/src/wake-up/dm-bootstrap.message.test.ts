import { CommandExecutor, SimulatedHandset, deviceFamilies } from '@dms/device-sim';
import { decodeMessage } from '@dms/syncml';
import { createDmBootstrap } from './dm-bootstrap';
import { dmBootstrapMessage } from './dm-bootstrap.message';
import { wbxml2xml } from './prov-wbxml.peer';

const server = { serverId: 'com.example.dms', name: 'Example DM', url: 'http://127.0.0.1:9/dm' };
const deviceId = 'IMEI:490154203237518';

describe('DM-profile bootstrap message', () => {
  const bootstrap = createDmBootstrap({ server, key: { sec: 'USERPIN', pin: '1234' }, reference: 1 });
  const bytes = dmBootstrapMessage(bootstrap.dmAcc, { deviceId, serverId: server.serverId });

  it('is a WBXML DM 1.2 message that libwbxml reads as the list of Adds', async () => {
    expect(bytes[0]).toBe(0x02); // WBXML 1.2, as real DM clients and servers send it
    const xml = await wbxml2xml(bytes);
    expect(xml).toContain('<VerProto>DM/1.2</VerProto>');
    expect(xml.match(/<Add>/g)).toHaveLength(bootstrap.dmAcc.length);
    expect(xml).toContain('./DMAcc/comexampledms/AppAuth/SRVCRED/AAuthName');
    expect(xml).toContain('<Final/>');
  });

  it('executed by a handset, creates the DMAcc account with the new credentials', () => {
    const handset = new SimulatedHandset({
      deviceId,
      family: 'oma-standard',
      encoding: 'wbxml',
      serverUrl: 'http://127.0.0.1:9/other',
      auth: {
        scheme: 'md5',
        username: 'u',
        password: 'p',
        serverId: 'factory-server',
        serverPassword: 'factory-pw',
      },
    });
    const executor = new CommandExecutor({
      tree: handset.tree,
      family: deviceFamilies['oma-standard'],
      binaryFormat: 'bin',
    });
    const { message } = decodeMessage(bytes);
    const statuses = message.body.commands.flatMap((command) =>
      executor.execute(command, '1').executed.map((e) => e.status),
    );
    expect(statuses).toEqual(bootstrap.dmAcc.map(() => 200));

    const x = './DMAcc/comexampledms';
    const { credentials: c } = bootstrap;
    expect(handset.tree.text(`${x}/ServerID`)).toBe(server.serverId);
    expect(handset.tree.text(`${x}/AppAddr/1/Addr`)).toBe(server.url);
    expect(handset.tree.text(`${x}/AppAuth/CLCRED/AAuthName`)).toBe(c.clientUsername);
    expect(handset.tree.text(`${x}/AppAuth/CLCRED/AAuthSecret`)).toBe(c.clientPassword);
    expect(handset.tree.text(`${x}/AppAuth/SRVCRED/AAuthSecret`)).toBe(c.serverPassword);
    // device-sim keeps an Added b64 leaf as base64 text (it decodes b64 only into an existing bin leaf);
    // a handset that knows the DMAcc DDF stores AAuthData as the decoded octets.
    expect(handset.tree.text(`${x}/AppAuth/SRVCRED/AAuthData`)).toBe(c.serverNonce);
  });
});
