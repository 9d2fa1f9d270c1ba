import { hexBytes } from './codec-case';
import { decodePackage0 } from './package0.decoder';
import { encodePackage0 } from './package0.encoder';
import { verifyPackage0Digest } from './package0-digest';

const serverNonce = hexBytes('0f1e2d3c4b5a69788796a5b4c3d2e1f0');
const fields = {
  uiMode: 'background',
  initiator: 'server',
  sessionId: 0x1a2b,
  serverId: 'com.example.dms',
} as const;

describe('verifyPackage0Digest', () => {
  it('accepts a digest over the ServerID with the stored nonce', () => {
    const pkg = decodePackage0(encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce }));
    expect(verifyPackage0Digest(pkg, { password: 'serverSecret', nonces: [serverNonce] })).toEqual({
      valid: true,
      digestName: 'server-id',
      nonce: serverNonce,
      nonceForm: 'decoded',
    });
  });

  it('accepts a digest over the SRVCRED user name when that name is a candidate', () => {
    const bytes = encodePackage0(fields, {
      serverPassword: 'serverSecret',
      serverNonce,
      digestName: 'username',
      username: 'dms-srv-user',
    });
    const pkg = decodePackage0(bytes);
    expect(verifyPackage0Digest(pkg, { password: 'serverSecret', nonces: [serverNonce] })).toEqual({
      valid: false,
      reason: 'digest',
    });
    expect(
      verifyPackage0Digest(pkg, {
        password: 'serverSecret',
        username: 'dms-srv-user',
        nonces: [serverNonce],
      }),
    ).toMatchObject({
      valid: true,
      digestName: 'username',
    });
  });

  it('accepts version fields 11 and 12 by default and refuses others unless listed', () => {
    for (const versionField of [11, 12] as const) {
      const pkg = decodePackage0(
        encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce, versionField }),
      );
      expect(pkg.version).toBe(versionField);
      expect(verifyPackage0Digest(pkg, { password: 'serverSecret', nonces: [serverNonce] }).valid).toBe(true);
      expect(
        verifyPackage0Digest(pkg, { password: 'serverSecret', nonces: [serverNonce], acceptVersions: [10] }),
      ).toEqual({ valid: false, reason: 'version' });
    }
  });

  it('matches the resync nonce (four zero octets) when offered after the stored one', () => {
    const zero = new Uint8Array(4);
    const pkg = decodePackage0(encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce: zero }));
    expect(pkg.digest).toEqual(hexBytes('5bf125c696a82feed1b0a34391f37607')); // fact sheet 6.2 resync vector
    expect(
      verifyPackage0Digest(pkg, { password: 'serverSecret', nonces: [serverNonce, zero] }),
    ).toMatchObject({ valid: true, nonce: zero });
  });

  it('accepts a digest over the base64 nonce text only with that nonce form enabled', () => {
    const b64Text = new TextEncoder().encode('Dx4tPEtaaXiHlqW0w9Lh8A==');
    const pkg = decodePackage0(
      encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce: b64Text }),
    );
    expect(verifyPackage0Digest(pkg, { password: 'serverSecret', nonces: [serverNonce] }).valid).toBe(false);
    expect(
      verifyPackage0Digest(pkg, {
        password: 'serverSecret',
        nonces: [serverNonce],
        nonceForms: ['decoded', 'b64-text'],
      }),
    ).toMatchObject({
      valid: true,
      nonceForm: 'b64-text',
    });
  });

  it('refuses a digest whose trigger was altered after signing', () => {
    const bytes = encodePackage0(fields, { serverPassword: 'serverSecret', serverNonce });
    bytes[22] = (bytes[22] as number) ^ 0x01; // flip a session id bit
    expect(
      verifyPackage0Digest(decodePackage0(bytes), { password: 'serverSecret', nonces: [serverNonce] }),
    ).toEqual({ valid: false, reason: 'digest' });
  });
});
