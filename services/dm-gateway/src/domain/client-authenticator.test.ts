import { basicCredential, hmacHeader, md5Credential, nonceFromB64, userHashB64, type SyncHdr } from '@dms/syncml';
import { createMemoryKeyValueStore } from '@dms/store';
import { AuthGuardStore } from '../data-access/auth-guard.store';
import { ClientAuthenticator } from './client-authenticator';
import type { DmAccount, DmAuthType } from './dm-account';

const account = (authType: DmAuthType): DmAccount => ({ deviceId: 'IMEI:1', username: 'alice', userHash: userHashB64('alice', 'pw'), authType, serverId: 'dms', serverPassword: 'spw', source: 'stored' });
const hdr = (cred?: SyncHdr['cred']): SyncHdr => ({ verDTD: '1.2', verProto: 'DM/1.2', sessionId: '1', msgId: '1', target: { locURI: 'http://dm' }, source: { locURI: 'IMEI:1', locName: 'alice' }, ...(cred === undefined ? {} : { cred }) });
const md5 = (nonceB64: string, password = 'pw') => ({ meta: { type: 'syncml:auth-md5', format: 'b64' }, data: md5Credential('alice', password, nonceFromB64(nonceB64)) });

function setup(failures = 3) {
  const guard = new AuthGuardStore(createMemoryKeyValueStore(), failures, 60_000);
  return { guard, auth: new ClientAuthenticator(guard) };
}

describe('handset authentication', () => {
  it('md5: the first attempt without an issued nonce is challenged, the answer to the challenge gets 212 and a new nonce', async () => {
    const { auth } = setup();
    const first = await auth.authenticate({ hdr: hdr(md5('')), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: account('md5') });
    expect(first).toMatchObject({ ok: false, code: 401, chal: { meta: { type: 'syncml:auth-md5', format: 'b64' } } });
    const nonce = first.chal?.meta.nextNonce ?? '';
    const second = await auth.authenticate({ hdr: hdr(md5(nonce)), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: account('md5') });
    expect(second).toMatchObject({ ok: true, code: 212 });
    expect(second.chal?.meta.nextNonce).not.toBe(nonce);
  });

  it('md5: a digest over a nonce already used is refused (replay)', async () => {
    const { auth, guard } = setup();
    const issued = (await auth.authenticate({ hdr: hdr(md5('')), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: account('md5') })).chal?.meta.nextNonce ?? '';
    await auth.authenticate({ hdr: hdr(md5(issued)), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: account('md5') });
    const replay = await auth.authenticate({ hdr: hdr(md5(issued)), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: account('md5') });
    expect(replay).toMatchObject({ ok: false, code: 401 });
    expect((await guard.clientNonce('IMEI:1'))?.b64).toBe(replay.chal?.meta.nextNonce);
  });

  it('a credential in another scheme than the account’s is refused (no downgrade to basic)', async () => {
    const { auth } = setup();
    const verdict = await auth.authenticate({ hdr: hdr({ meta: { type: 'syncml:auth-basic', format: 'b64' }, data: basicCredential('alice', 'pw') }), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: account('md5') });
    expect(verdict).toMatchObject({ ok: false, code: 401, chal: { meta: { type: 'syncml:auth-md5' } } });
  });

  it('no credential at all is 407 with a challenge in the account’s scheme', async () => {
    const { auth } = setup();
    expect(await auth.authenticate({ hdr: hdr(), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: account('hmac') })).toMatchObject({ ok: false, code: 407, chal: { meta: { type: 'syncml:auth-MAC' } } });
  });

  it('basic: after the configured number of failures the right password is refused too (lock-out)', async () => {
    const { auth } = setup(2);
    const basic = (password: string) => hdr({ meta: { type: 'syncml:auth-basic', format: 'b64' }, data: basicCredential('alice', password) });
    for (let i = 0; i < 2; i += 1) expect((await auth.authenticate({ hdr: basic('bad'), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: account('basic') })).ok).toBe(false);
    const locked = await auth.authenticate({ hdr: basic('pw'), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: account('basic') });
    expect(locked).toMatchObject({ ok: false, reason: 'locked out' });
  });

  it('hmac: every message is checked over its body and answered 200 with a fresh nonce', async () => {
    const { auth, guard } = setup();
    const nonce = (await auth.authenticate({ hdr: hdr(), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: account('hmac') })).chal?.meta.nextNonce ?? '';
    const body = new TextEncoder().encode('<SyncML/>');
    const ok = await auth.authenticate({ hdr: hdr(), hmacHeader: hmacHeader('alice', 'pw', nonceFromB64(nonce), body), body, state: undefined, account: account('hmac') });
    expect(ok).toMatchObject({ ok: true, code: 200 });
    const tampered = await auth.authenticate({ hdr: hdr(), hmacHeader: hmacHeader('alice', 'pw', (await guard.clientNonce('IMEI:1'))!, body), body: new TextEncoder().encode('<SyncML>x</SyncML>'), state: undefined, account: account('hmac') });
    expect(tampered).toMatchObject({ ok: false, code: 401 });
  });

  it('an unknown device is 401 with a challenge and nothing stored for it', async () => {
    const { auth, guard } = setup();
    expect(await auth.authenticate({ hdr: hdr(md5('')), hmacHeader: undefined, body: new Uint8Array(), state: undefined, account: undefined })).toMatchObject({ ok: false, code: 401 });
    expect(await guard.clientNonce('IMEI:1')).toBeUndefined();
  });
});
