import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Download tokens: base64url HMAC-SHA256(secret, `<packageId>|<deviceId>|<expiry>`), the
 * expiry in epoch seconds. They ride in the URL the handset gets as FUMO PkgURL, so they are
 * bearer secrets: never logged, and compared in constant time.
 */
export interface DownloadGrant {
  packageId: string;
  deviceId: string;
  expiresEpochSeconds: number;
}

export class DownloadTokens {
  constructor(
    private readonly secret: string,
    private readonly ttlMs: number,
  ) {}

  sign(packageId: string, deviceId: string, now: number): DownloadGrant & { token: string } {
    const expiresEpochSeconds = Math.floor((now + this.ttlMs) / 1000);
    return { packageId, deviceId, expiresEpochSeconds, token: this.mac(packageId, deviceId, expiresEpochSeconds).toString('base64url') };
  }

  /** `valid`, or why not (for the log only; the handset gets one answer for all). */
  check(packageId: string, deviceId: unknown, expires: unknown, token: unknown, now: number): 'valid' | 'malformed' | 'expired' | 'mismatch' {
    if (typeof deviceId !== 'string' || typeof expires !== 'string' || typeof token !== 'string') return 'malformed';
    if (deviceId.length === 0 || !/^\d{1,12}$/.test(expires) || !/^[A-Za-z0-9_-]{43}$/.test(token)) return 'malformed';
    const expected = this.mac(packageId, deviceId, Number(expires));
    const given = Buffer.from(token, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'mismatch';
    // Checked after the MAC so an expired token is only told apart from a forged one by its signer.
    return Number(expires) * 1000 < now ? 'expired' : 'valid';
  }

  private mac(packageId: string, deviceId: string, expiresEpochSeconds: number): Buffer {
    return createHmac('sha256', this.secret).update(`${packageId}|${deviceId}|${expiresEpochSeconds}`).digest();
  }
}

export function downloadUrl(publicBaseUrl: string, grant: DownloadGrant & { token: string }): string {
  const base = publicBaseUrl.replace(/\/+$/, '');
  return `${base}/fw/v1/packages/${grant.packageId}?d=${encodeURIComponent(grant.deviceId)}&e=${grant.expiresEpochSeconds}&t=${grant.token}`;
}
