import type { DestinationStream } from 'pino';
import { UserError } from '../errors/dms.error';
import { createLogger } from './logger.factory';

function capture(): {
  destination: DestinationStream;
  lines: () => Record<string, unknown>[];
  raw: () => string;
} {
  const chunks: string[] = [];
  return {
    destination: { write: (chunk: string) => void chunks.push(chunk) },
    raw: () => chunks.join(''),
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes one JSON object per line with service, level word and message', () => {
    const out = capture();
    const logger = createLogger({ service: 'hlr-detector', destination: out.destination });

    logger.info({ msisdn: '491700000001' }, 'combination detected');
    logger.warn('second');

    const [first, second] = out.lines();
    expect(first).toMatchObject({
      service: 'hlr-detector',
      level: 'info',
      msg: 'combination detected',
      msisdn: '491700000001',
    });
    expect(typeof first?.time).toBe('string');
    expect(second).toMatchObject({ level: 'warn', msg: 'second' });
  });

  it('does not write events below the configured level', () => {
    const out = capture();
    const logger = createLogger({ service: 's', level: 'warn', destination: out.destination });

    logger.info('hidden');
    logger.error('shown');

    expect(out.lines().map((line) => line.msg)).toEqual(['shown']);
  });

  it('carries session, device and correlation ids on child loggers', () => {
    const out = capture();
    const session = createLogger({ service: 'dm-gateway', destination: out.destination }).child({
      sessionId: 's-1',
      deviceId: 'IMEI:490154203237518',
      correlationId: 'c-9',
    });

    session.info('package 1 received');

    expect(out.lines()[0]).toMatchObject({
      service: 'dm-gateway',
      sessionId: 's-1',
      deviceId: 'IMEI:490154203237518',
      correlationId: 'c-9',
    });
  });

  it('redacts a password nested two levels down without the caller doing anything', () => {
    const out = capture();
    const logger = createLogger({ service: 's', destination: out.destination });

    logger.info(
      { account: { dmAcc: { serverPassword: 'pw-depth-2', password: 'pw-depth-2b', name: 'operator' } } },
      'account',
    );

    expect(out.raw()).not.toContain('pw-depth-2');
    expect(out.lines()[0]).toMatchObject({
      account: { dmAcc: { password: '[Redacted]', serverPassword: '[Redacted]', name: 'operator' } },
    });
  });

  it('redacts credentials in headers, arrays and deep error details but keeps nonces', () => {
    const out = capture();
    const logger = createLogger({ service: 's', destination: out.destination });

    logger.info({
      req: {
        headers: { authorization: 'Basic dXNlcjpwYXNz', cookie: 'sid=abc123', 'x-api-key': 'key-1234' },
      },
      accounts: [{ token: 'tok-in-array' }],
      a: { b: { c: { d: { e: { apiKey: 'deep-key-5' } } } } },
      auth: { nonce: 'bm9uY2UtdmFsdWU=' },
    });

    const raw = out.raw();
    for (const secretText of ['dXNlcjpwYXNz', 'sid=abc123', 'key-1234', 'tok-in-array', 'deep-key-5'])
      expect(raw).not.toContain(secretText);
    expect(raw).toContain('bm9uY2UtdmFsdWU=');
  });

  it('scrubs the values of secret config fields from messages and any key', () => {
    const out = capture();
    const logger = createLogger({
      service: 's',
      destination: out.destination,
      secrets: ['Adm1n-T0ken"x', '42'],
    });

    logger.info({ url: 'https://ops?t=Adm1n-T0ken"x', count: 42 }, 'connecting with Adm1n-T0ken"x');

    const [line] = out.lines();
    expect(out.raw()).not.toContain('Adm1n-T0ken');
    expect(line).toMatchObject({
      url: 'https://ops?t=[Redacted]',
      msg: 'connecting with [Redacted]',
      count: 42,
    });
  });

  it('redacts service-specific secret keys given in the options', () => {
    const out = capture();
    const logger = createLogger({ service: 's', destination: out.destination, secretKeys: ['imsiKi'] });

    logger.info({ sim: { imsiKi: '465B5CE8B199B49FAA5F0A2EE238A6BC' } });

    expect(out.raw()).not.toContain('465B5CE8');
  });

  it('logs errors with type, message and stack', () => {
    const out = capture();
    const logger = createLogger({ service: 's', destination: out.destination });

    logger.error({ err: new RangeError('boom') }, 'failed');

    expect(out.lines()[0]).toMatchObject({
      err: { type: 'RangeError', message: 'boom', stack: expect.stringContaining('RangeError: boom') },
    });
  });

  it('applies both redactions to child loggers and to serialized error details', () => {
    const out = capture();
    const logger = createLogger({ service: 's', destination: out.destination, secrets: ['hlr-api-key-1'] });
    const error = new UserError('DM_ACCOUNT_INVALID', 'bad account', {
      details: { serverPassword: 'srv-pw-77' },
    });

    logger.child({ deviceId: 'IMEI:1' }).error({ err: error, call: 'hlr-api-key-1' }, 'refused');

    expect(out.raw()).not.toMatch(/srv-pw-77|hlr-api-key-1/);
    expect(out.lines()[0]).toMatchObject({
      deviceId: 'IMEI:1',
      err: { code: 'DM_ACCOUNT_INVALID', details: { serverPassword: '[Redacted]' } },
    });
  });
});
