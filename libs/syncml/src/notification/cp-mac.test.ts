import { createHmac } from 'node:crypto';
import { hexBytes, toHex } from './codec-case';
import { cpMac, imsiSemiOctets, userPinMac, verifyCpMac } from './cp-mac';
import { wrapCpPush } from './cp-push.encoder';
import { unwrapWapPush } from './wap-push.decoder';

const doc = new TextEncoder().encode('<wap-provisioningdoc/> stand-in bytes');

describe('OMA CP bootstrap MAC (OMA-WAP-ProvBoot 5.3)', () => {
  it('packs an odd-length IMSI behind nibble 9, low nibble first', () => {
    expect(toHex(imsiSemiOctets('001010123456789'))).toBe('0910101032547698');
  });

  it('packs an even-length IMSI behind nibble 1 and pads with F', () => {
    expect(toHex(imsiSemiOctets('00101012345678'))).toBe('01101010325476f8');
  });

  it('refuses an IMSI with non-digits', () => {
    expect(() => imsiSemiOctets('00101a')).toThrow(expect.objectContaining({ code: 'SYNCML_CANNOT_ENCODE' }));
  });

  it('USERNETWPIN key is the IMSI octets followed by the PIN text', () => {
    const key = Buffer.concat([hexBytes('0910101032547698'), Buffer.from('1234')]);
    const byHand = createHmac('sha1', key).update(doc).digest('hex').toUpperCase();
    expect(cpMac(doc, { sec: 'USERNETWPIN', imsi: '001010123456789', pin: '1234' })).toBe(byHand);
  });

  it('verifies a MAC case-insensitively and refuses another document', () => {
    const mac = cpMac(doc, { sec: 'USERPIN', pin: '1234' });
    expect(mac).toMatch(/^[0-9A-F]{40}$/);
    expect(verifyCpMac(doc, { sec: 'USERPIN', pin: '1234' }, mac.toLowerCase())).toBe(true);
    expect(verifyCpMac(hexBytes('00'), { sec: 'USERPIN', pin: '1234' }, mac)).toBe(false);
  });

  it('USERPINMAC appends one check digit per key digit', () => {
    const pin = userPinMac(doc, '12345');
    expect(pin).toMatch(/^12345\d{5}$/);
  });

  it('wraps the document in a push whose SEC/MAC parameters decode back', () => {
    const push = unwrapWapPush(wrapCpPush(doc, { sec: 'NETWPIN', imsi: '001010123456789' }));
    expect(push).toMatchObject({
      contentType: 'application/vnd.wap.connectivity-wbxml',
      parameters: { sec: 0, mac: cpMac(doc, { sec: 'NETWPIN', imsi: '001010123456789' }) },
      body: doc,
    });
    expect(push.applicationId).toBeUndefined();
  });
});
