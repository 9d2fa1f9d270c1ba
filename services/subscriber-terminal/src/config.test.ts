import { shutdownTimeoutMsOf } from './config';

describe('subscriber-terminal config', () => {
  it('hands runService the configured shutdown bound, the default when unset or invalid', () => {
    expect(shutdownTimeoutMsOf({ DMS_SHUTDOWN_TIMEOUT_MS: '25000' })).toBe(25_000);
    expect(shutdownTimeoutMsOf({})).toBe(10_000);
    expect(shutdownTimeoutMsOf({ DMS_SHUTDOWN_TIMEOUT_MS: 'soon' })).toBe(10_000);
  });
});
