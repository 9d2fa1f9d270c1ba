import {
  booleanSchema,
  hostPortListSchema,
  logLevelSchema,
  millisecondsSchema,
  portSchema,
  urlSchema,
} from './config.schemas';

describe('config schemas', () => {
  it.each(['localhost:9092', 'k1:9092,k2:9093', '10.0.0.1:4222', '[::1]:6379'])(
    'accept host:port list %s',
    (value) => {
      expect(hostPortListSchema.safeParse(value).success).toBe(true);
    },
  );

  it.each(['foo', 'k1:9092,', ',', 'host:', 'host:port', 'a b:1'])('refuse host:port list %j', (value) => {
    const result = hostPortListSchema.safeParse(value);
    // 'k1:9092,' is one valid broker after dropping the empty tail.
    expect(result.success).toBe(value === 'k1:9092,');
  });

  it('reads "false" and "0" as false, unlike z.coerce.boolean', () => {
    expect(['false', '0', 'no', 'off'].map((v) => booleanSchema.parse(v))).toEqual([
      false,
      false,
      false,
      false,
    ]);
    expect(['true', '1', 'yes', 'on'].map((v) => booleanSchema.parse(v))).toEqual([true, true, true, true]);
    expect(booleanSchema.safeParse('maybe').success).toBe(false);
  });

  it('parses ports, milliseconds, URLs and log levels', () => {
    expect(portSchema.parse('0')).toBe(0);
    expect(portSchema.safeParse('1.5').success).toBe(false);
    expect(millisecondsSchema.parse('1500')).toBe(1500);
    expect(millisecondsSchema.safeParse('-1').success).toBe(false);
    expect(urlSchema.safeParse('mongodb://localhost:27017/dms').success).toBe(true);
    expect(urlSchema.safeParse('not a url').success).toBe(false);
    expect(logLevelSchema.safeParse('verbose').success).toBe(false);
  });
});
