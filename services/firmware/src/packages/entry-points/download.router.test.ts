import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { startPackages, type PackagesHarness } from '../test-support/packages.harness';

const DEVICE = 'IMEI:356938035643809';

describe('handset firmware download', () => {
  let h: PackagesHarness;
  let bytes: Buffer;
  let packageId: string;
  let sha256: string;
  beforeAll(async () => {
    h = await startPackages();
    const key = await h.registerKey('Acme', 'ed25519');
    bytes = randomBytes(600 * 1024); // three chunks, the last one partial
    const res = await h.upload({ manufacturer: 'Acme', model: 'One', version: '2.0', keyId: key.keyId, signature: key.sign(bytes) }, bytes);
    expect(res.status).toBe(201);
    ({ packageId, sha256 } = res.body);
  });
  afterAll(async () => h.close());

  const url = (device = DEVICE, now?: number): string => h.packages.catalog.downloadUrl(packageId, device, now);
  const get = (target: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Response> => fetch(target, { method, headers });

  it('gives a URL under publicBaseUrl with device, expiry and token', () => {
    const target = new URL(url());
    expect(`${target.origin}${target.pathname}`).toBe(`${h.http.url}/fw/v1/packages/${packageId}`);
    expect([...target.searchParams.keys()]).toEqual(['d', 'e', 't']);
    expect(target.searchParams.get('d')).toBe(DEVICE);
  });

  it('serves a multi-chunk package byte-identical with length, ETag and Accept-Ranges', async () => {
    const res = await get(url());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(res.headers.get('content-length')).toBe(String(bytes.length));
    expect(res.headers.get('etag')).toBe(`"${sha256}"`);
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await get(url(), {}, 'HEAD');
    expect([res.status, res.headers.get('content-length'), (await res.arrayBuffer()).byteLength]).toEqual([200, String(bytes.length), 0]);
  });

  it.each([
    ['a middle range across a chunk boundary', 'bytes=262000-263999', 262_000, 263_999],
    ['a suffix', 'bytes=-1000', 600 * 1024 - 1000, 600 * 1024 - 1],
    ['an open range', 'bytes=500000-', 500_000, 600 * 1024 - 1],
    ['a range past the end, clamped', 'bytes=614000-999999', 614_000, 600 * 1024 - 1],
  ])('answers %s with 206 and Content-Range', async (_name, range, start, end) => {
    const res = await get(url(), { range });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${bytes.length}`);
    expect(res.headers.get('content-length')).toBe(String(end - start + 1));
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes.subarray(start, end + 1))).toBe(true);
  });

  it('answers an unsatisfiable range with 416 and bytes */size', async () => {
    const res = await get(url(), { range: `bytes=${bytes.length}-` });
    expect([res.status, res.headers.get('content-range'), res.headers.get('content-type')]).toEqual([
      416,
      `bytes */${bytes.length}`,
      expect.stringContaining('application/problem+json'),
    ]);
  });

  it('answers several ranges, or a range with a stale If-Range, with the whole package', async () => {
    expect((await get(url(), { range: 'bytes=0-1,5-6' })).status).toBe(200);
    expect((await get(url(), { range: 'bytes=0-1', 'if-range': '"other"' })).status).toBe(200);
    expect((await get(url(), { range: 'bytes=0-1', 'if-range': `"${sha256}"` })).status).toBe(206);
  });

  it('refuses a tampered token, another device, an expired URL or missing parameters with the same 403', async () => {
    const valid = new URL(url());
    const token = valid.searchParams.get('t')!;
    const tampered = new URL(valid);
    tampered.searchParams.set('t', `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`);
    const otherDevice = new URL(valid);
    otherDevice.searchParams.set('d', 'IMEI:490154203237518');
    const expired = url(DEVICE, Date.now() - 3_600_000 - 2000);
    const bare = `${h.http.url}/fw/v1/packages/${packageId}`;
    const answers = await Promise.all([tampered.href, otherDevice.href, expired, bare].map(async (target) => {
      const res = await get(target);
      return { status: res.status, body: await res.json() };
    }));
    const body = answers[0]!.body;
    expect(body).toMatchObject({ status: 403, code: 'FIRMWARE_DOWNLOAD_FORBIDDEN', instance: `/fw/v1/packages/${packageId}` });
    for (const answer of answers) expect(answer).toEqual({ status: 403, body });
    expect((await get(url(), {}, 'HEAD')).status).toBe(200);
    expect((await get(tampered.href, {}, 'HEAD')).status).toBe(403);
  });

  it('answers 404 for a package that does not exist (with a valid token for it)', async () => {
    const target = h.packages.catalog.downloadUrl('fw-000000000000000000000000', DEVICE);
    const res = await get(target);
    expect([res.status, ((await res.json()) as { code: string }).code]).toEqual([404, 'FIRMWARE_PACKAGE_NOT_FOUND']);
  });

  it('never logs a token', async () => {
    const grant = new URL(url());
    await get(grant.href);
    const tampered = new URL(grant);
    tampered.searchParams.set('e', '1');
    await get(tampered.href);
    expect(h.logLines.join('')).toContain('firmware download refused');
    expect(h.logLines.join('')).not.toContain(grant.searchParams.get('t')!);
  });
});

describe('handset firmware download of a large package', () => {
  it('stops reading chunks when the handset disconnects', async () => {
    const h = await startPackages();
    try {
      const key = await h.registerKey('Acme', 'ed25519');
      const bytes = randomBytes(64 * 256 * 1024); // 64 chunks
      const res = await h.upload({ manufacturer: 'Acme', model: 'Big', version: '9', keyId: key.keyId, signature: key.sign(bytes) }, bytes);
      expect(res.status).toBe(201);
      // The embedded store hands out one collection object per name: the chunk store reads through this one.
      const chunks = h.store.collection('firmware_package_chunks');
      const get = jest.spyOn(chunks, 'get');
      // Read the first bytes, then drop the connection without reading on.
      await new Promise<void>((resolve, reject) => {
        const req = request(h.packages.catalog.downloadUrl(res.body.packageId, DEVICE), (response) => {
          response.once('data', () => {
            req.destroy();
            resolve();
          });
        });
        req.on('error', reject);
        req.end();
      });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(get.mock.calls.length).toBeGreaterThan(0);
      expect(get.mock.calls.length).toBeLessThan(64);
      expect(h.logLines.join('')).toContain('firmware download aborted by the client');
    } finally {
      await h.close();
    }
  });
});
