import { OperationalError, UserError } from './dms.error';
import { ConfigError, isConfigError } from './config.error';

describe('ConfigError', () => {
  it('is a UserError with code CONFIG_INVALID whose message joins every issue on one line', () => {
    const error = new ConfigError([
      { env: 'PORT', problem: 'expected a TCP port 0..65535, got "x"' },
      { env: 'DMS_MONGO_URL', problem: 'expected a value, but it is not set' },
    ]);

    expect(error).toBeInstanceOf(UserError);
    expect([error.code, error.retriable, error.name]).toEqual(['CONFIG_INVALID', false, 'ConfigError']);
    expect(error.message).toBe(
      'PORT: expected a TCP port 0..65535, got "x"; DMS_MONGO_URL: expected a value, but it is not set',
    );
  });

  it('is recognised by code when the class comes from another copy of the module', () => {
    const foreign = Object.assign(new RangeError('PORT: bad'), { code: 'CONFIG_INVALID', kind: 'user' });

    expect(isConfigError(new ConfigError([]))).toBe(true);
    expect(isConfigError(foreign)).toBe(true);
    expect(isConfigError(new OperationalError('CONFIG_INVALID', 'not a user error'))).toBe(false);
    expect(isConfigError('CONFIG_INVALID')).toBe(false);
  });
});
