import { DeviceSimErrorCodes, DeviceSimUserError } from '../errors/device-sim.error';

/** A problem+json or transport failure of the running system, worded for the demo's user. */
export class DemoApiError extends DeviceSimUserError {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(DeviceSimErrorCodes.invalidOptions, message);
  }
}

/**
 * The few REST calls the demo makes against a started system (embedded or distributed
 * behind one URL), with the admin token. Nothing here is demo policy; see demo.runner.ts.
 */
export class DemoApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
  ) {}

  async ready(): Promise<boolean> {
    try {
      const res = await this.fetchImpl(`${this.baseUrl}/readyz`);
      return res.status === 200;
    } catch {
      return false;
    }
  }

  async request<T>(method: string, path: string, body?: unknown, okStatuses: number[] = [200, 201, 202, 204]): Promise<T | undefined> {
    let res: Response;
    try {
      res = await this.fetchImpl(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new DemoApiError(`${method} ${path}: cannot reach ${this.baseUrl} (${(error as Error).message}); is the system started (pnpm start)?`);
    }
    if (res.status === 404 && method === 'GET') return undefined;
    if (!okStatuses.includes(res.status)) {
      const text = await res.text();
      const hint = res.status === 401 ? ' (wrong admin token: pass --token or DMS_ADMIN_TOKEN)' : '';
      throw new DemoApiError(`${method} ${path} answered ${res.status}${hint}: ${text.slice(0, 300)}`, res.status);
    }
    if (res.status === 204) return undefined;
    const text = await res.text();
    return text === '' ? undefined : (JSON.parse(text) as T);
  }
}
