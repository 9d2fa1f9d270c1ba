/**
 * dm-gateway over HTTPS: the server main.ts listens with (listenDmHttp) given a self-signed
 * certificate made by openssl for 127.0.0.1; a device-sim handset whose transport trusts
 * exactly that certificate completes a session over https, and plain HTTP on the TLS port
 * gets no HTTP answer.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulatedHandset } from '../../libs/device-sim/src/index';
import { nextDeviceId } from '../../services/dm-gateway/src/test-support/gateway.harness';
import {
  startHttpsGateway,
  type HttpsGateway,
} from '../../services/dm-gateway/src/test-support/https-gateway.harness';

jest.setTimeout(60_000);

const ADMIN = 'tls-admin-token';

/** A fetch over node:https that trusts only `ca` (the handset's trust store). */
function fetchTrusting(ca: Buffer): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const body =
        init?.body === undefined || init.body === null
          ? undefined
          : Buffer.from(init.body as Uint8Array | string);
      const req = httpsRequest(
        String(input),
        { method: init?.method ?? 'GET', headers: init?.headers as Record<string, string>, ca },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(res.headers))
              if (typeof value === 'string') headers.set(name, value);
            resolve(new Response(Buffer.concat(chunks), { status: res.statusCode ?? 0, headers }));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}

describe('dm-gateway over HTTPS (DMS_DM_TLS_CERT_FILE / DMS_DM_TLS_KEY_FILE)', () => {
  let dir: string;
  let ca: Buffer;
  let gw: HttpsGateway;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dmgw-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-days',
        '1',
        '-keyout',
        key,
        '-out',
        cert,
      ],
      { stdio: 'ignore' },
    );
    ca = readFileSync(cert);
    gw = await startHttpsGateway({ adminToken: ADMIN, serverId: 'dms-tls', certFile: cert, keyFile: key });
    base = gw.url;
  });
  afterAll(async () => {
    await gw?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a handset trusting the certificate completes an md5 session in wbxml over https', async () => {
    const tlsFetch = fetchTrusting(ca);
    const deviceId = nextDeviceId();
    const account = {
      deviceId,
      username: 'tls-user',
      password: 'client-pw',
      authType: 'md5',
      serverId: 'dms-tls',
      serverPassword: 'server-pw',
    };
    const created = await tlsFetch(`${base}/api/v1/dm-accounts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify(account),
    });
    expect(created.status).toBe(201);
    const handset = new SimulatedHandset({
      deviceId,
      family: 'oma-standard',
      encoding: 'wbxml',
      serverUrl: `${base}/dm`,
      fetch: tlsFetch,
      auth: {
        scheme: 'md5',
        username: account.username,
        password: account.password,
        serverId: 'dms-tls',
        serverPassword: account.serverPassword,
        verifyServer: true,
      },
    });

    const report = await handset.startSession();

    expect(report.outcome).toBe('completed');
    const done = await gw.events.waitFor('device.session-completed.v1', (e) => e.data.deviceId === deviceId);
    expect(done.data).toMatchObject({ outcome: 'completed', encoding: 'wbxml', sessionId: report.sessionId });
  });

  it('a client that does not trust the certificate is refused by its own TLS check', async () => {
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('plain HTTP to the TLS port gets no HTTP response', async () => {
    const { port } = gw;
    const outcome = await new Promise<string>((resolve) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port,
          path: '/dm',
          method: 'POST',
          headers: { 'content-type': 'application/vnd.syncml.dm+xml' },
        },
        (res) => resolve(`http ${res.statusCode ?? 0}`),
      );
      req.on('error', (err: NodeJS.ErrnoException) => resolve(`error ${err.code ?? err.message}`));
      req.setTimeout(5_000, () => req.destroy(new Error('timeout')));
      req.end('<SyncML/>');
    });

    expect(outcome).toMatch(/^error /);
  });
});
