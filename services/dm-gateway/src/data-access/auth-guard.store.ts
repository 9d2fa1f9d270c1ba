import { nonceFromB64, type Nonce } from '@dms/syncml';
import type { KeyValueStore } from '@dms/store';

const DAY_MS = 86_400_000;

/**
 * Per-device authentication state in the KeyValueStore: the nonce the gateway issued for
 * the client's next digest (`nc:`), the nonce the handset issued for ours (`ns:`), and the
 * failure counter with its lock-out window (`af:`, `al:`).
 */
export class AuthGuardStore {
  constructor(
    private readonly kv: KeyValueStore,
    private readonly failuresBeforeLock: number,
    private readonly lockBaseMs: number,
  ) {}

  async clientNonce(deviceId: string): Promise<Nonce | undefined> {
    const b64 = await this.kv.get(`nc:${deviceId}`);
    return b64 === null ? undefined : nonceFromB64(b64);
  }

  async setClientNonce(deviceId: string, nonce: Nonce): Promise<void> {
    await this.kv.set(`nc:${deviceId}`, nonce.b64, 30 * DAY_MS);
  }

  async serverNonce(deviceId: string): Promise<Nonce> {
    const b64 = await this.kv.get(`ns:${deviceId}`);
    return nonceFromB64(b64 ?? '');
  }

  async setServerNonce(deviceId: string, b64: string): Promise<void> {
    await this.kv.set(`ns:${deviceId}`, b64, 30 * DAY_MS);
  }

  async isLocked(deviceId: string): Promise<boolean> {
    return (await this.kv.get(`al:${deviceId}`)) !== null;
  }

  /** Counts a failure; from the threshold on, locks for base * 2^(failures - threshold), at most a day. */
  async recordFailure(deviceId: string): Promise<{ failures: number; lockedForMs: number }> {
    const failures = await this.kv.increment(`af:${deviceId}`, 1, DAY_MS);
    if (failures < this.failuresBeforeLock) return { failures, lockedForMs: 0 };
    const lockedForMs = Math.min(DAY_MS, this.lockBaseMs * 2 ** (failures - this.failuresBeforeLock));
    await this.kv.set(`al:${deviceId}`, '1', lockedForMs);
    return { failures, lockedForMs };
  }

  async recordSuccess(deviceId: string): Promise<void> {
    await this.kv.delete(`af:${deviceId}`);
  }
}
