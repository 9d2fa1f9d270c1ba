import { DownloadTokens, downloadUrl } from './download-token';

const SECRET = 'a-download-secret-of-at-least-32-chars';
const NOW = Date.parse('2026-11-28T10:00:00Z');

describe('download tokens', () => {
  const tokens = new DownloadTokens(SECRET, 3_600_000);

  it('signs package, device and expiry into the URL the handset gets', () => {
    const grant = tokens.sign('fw-abc', 'IMEI:356938035643809', NOW);
    const url = new URL(downloadUrl('https://fw.example/', grant));
    expect(url.pathname).toBe('/fw/v1/packages/fw-abc');
    expect(url.searchParams.get('d')).toBe('IMEI:356938035643809');
    expect(Number(url.searchParams.get('e'))).toBe(NOW / 1000 + 3600);
    expect(tokens.check('fw-abc', url.searchParams.get('d'), url.searchParams.get('e'), url.searchParams.get('t'), NOW)).toBe('valid');
  });

  it('refuses another package, device, expiry, secret or a past expiry', () => {
    const { token, expiresEpochSeconds } = tokens.sign('fw-abc', 'dev-1', NOW);
    const e = String(expiresEpochSeconds);
    expect(tokens.check('fw-abd', 'dev-1', e, token, NOW)).toBe('mismatch');
    expect(tokens.check('fw-abc', 'dev-2', e, token, NOW)).toBe('mismatch');
    expect(tokens.check('fw-abc', 'dev-1', String(expiresEpochSeconds + 1), token, NOW)).toBe('mismatch');
    expect(new DownloadTokens(`${SECRET}x`, 3_600_000).check('fw-abc', 'dev-1', e, token, NOW)).toBe('mismatch');
    expect(tokens.check('fw-abc', 'dev-1', e, token, NOW + 3_601_000)).toBe('expired');
  });

  it('calls missing or malformed parameters malformed', () => {
    const { token } = tokens.sign('fw-abc', 'dev-1', NOW);
    expect(tokens.check('fw-abc', undefined, '1', token, NOW)).toBe('malformed');
    expect(tokens.check('fw-abc', 'dev-1', '1e9', token, NOW)).toBe('malformed');
    expect(tokens.check('fw-abc', 'dev-1', '1', `${token}A`, NOW)).toBe('malformed');
    expect(tokens.check('fw-abc', 'dev-1', '1', ['a', 'b'], NOW)).toBe('malformed');
  });
});
