import capture from '../../test-vectors/perl-esme-pkg0.capture.json';
import { ByteReader } from './byte-reader';
import { hexBytes, toHex } from './codec-case';
import { decodePackage0 } from './package0.decoder';
import { encodePackage0 } from './package0.encoder';
import { verifyPackage0Digest } from './package0-digest';
import { parseSmsSegments } from './sms-segment.decoder';
import { segmentForSms } from './sms-segment.encoder';
import { unwrapWapPush } from './wap-push.decoder';
import { wrapWapPush } from './wap-push.encoder';

/** SMPP 3.4 4.4.1 submit_sm body, only the fields this comparison needs. */
function submitSm(hex: string): { esmClass: number; dataCoding: number; shortMessage: Uint8Array } {
  const r = new ByteReader(hexBytes(hex), 'submit_sm');
  r.bytes(16, 'PDU header');
  r.cstring('service_type');
  r.bytes(2, 'source ton/npi');
  r.cstring('source_addr');
  r.bytes(2, 'dest ton/npi');
  r.cstring('destination_addr');
  const esmClass = r.u8('esm_class');
  r.bytes(2, 'protocol_id, priority_flag');
  r.cstring('schedule_delivery_time');
  r.cstring('validity_period');
  r.bytes(2, 'registered_delivery, replace_if_present_flag');
  const dataCoding = r.u8('data_coding');
  r.u8('sm_default_msg_id');
  return { esmClass, dataCoding, shortMessage: r.bytes(r.u8('sm_length'), 'short_message') };
}

// The Perl ESME's fixed choices, written as our per-family profile would express them.
const perlProfile = { versionField: 12, sourcePort: 9200, dataCoding: 0x04 } as const;

describe('cross-check with the independent Perl ESME (esme_send_pkg0.pl via smsc_logger.pl)', () => {
  it.each(capture.captures)('$label: our encoder reproduces its short_message byte for byte', (c) => {
    const sm = submitSm(c.submitSmHex);
    expect(toHex(sm.shortMessage)).toBe(c.shortMessageHex);
    expect(sm.esmClass).toBe(0x40); // UDHI
    expect(sm.dataCoding).toBe(perlProfile.dataCoding);

    // The Perl sender hashes its nonce argument as text: for us that is nonce octets = the text's octets.
    const pkg0 = encodePackage0(
      { uiMode: 'not-specified', initiator: 'server', sessionId: 0x1234, serverId: c.serverId },
      {
        serverPassword: c.password,
        serverNonce: new TextEncoder().encode(c.nonceText),
        versionField: perlProfile.versionField,
      },
    );
    const [ours] = segmentForSms(wrapWapPush(pkg0, 'application/vnd.syncml.notification'), {
      reference: 0,
      sourcePort: perlProfile.sourcePort,
    });
    expect(toHex(ours!.userData)).toBe(c.shortMessageHex);
  });

  it('decodes its message: version field 12, the value our default profile (11) does not send', () => {
    const c = capture.captures.find((x) => x.label === 'b64-nonce-as-text')!;
    const push = unwrapWapPush(parseSmsSegments([hexBytes(c.shortMessageHex)]).wsp);
    expect(push).toMatchObject({
      transactionId: 1,
      contentType: 'application/vnd.syncml.notification',
      applicationId: 'x-wap-application:syncml.dm',
    });
    const pkg = decodePackage0(push.body);
    expect(pkg).toMatchObject({
      version: 12,
      uiMode: 'not-specified',
      initiator: 'server',
      sessionId: 0x1234,
      serverId: 'com.example.dms',
    });
    // Its digest uses the base64 AAuthData text, not the decoded nonce octets the spec asks for:
    const nonce = Buffer.from(c.nonceText, 'base64');
    expect(verifyPackage0Digest(pkg, { password: c.password, nonces: [nonce] }).valid).toBe(false);
    expect(
      verifyPackage0Digest(pkg, {
        password: c.password,
        nonces: [nonce],
        nonceForms: ['decoded', 'b64-text'],
      }),
    ).toMatchObject({
      valid: true,
      nonceForm: 'b64-text',
    });
  });
});
