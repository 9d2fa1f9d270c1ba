import { createHash } from 'node:crypto';
import { decodeKafkaMessage } from './kafka-message.codec';
import { ExternalEnvelope, externalEventId } from './external-envelope';

const topic = 'hlr.imei-observations.v1';
const observation = { msisdn: '491701234567', imsi: '262011234567890', imei: '490154203237518', observedAt: '2026-11-28T01:00:00.000Z', source: 'hlr-fe-01' };

/** The id as first specified: ext- and 40 hex digits of sha-256 over topic, NUL, key, NUL, value. */
function specifiedId(key: string, value: Buffer | string): string {
  return `ext-${createHash('sha256').update(topic).update('\0').update(key).update('\0').update(value).digest('hex').slice(0, 40)}`;
}

describe('external envelope', () => {
  it('keeps the id of the first algorithm for the same bytes, also for non-ASCII and non-UTF-8 values', () => {
    const ascii = Buffer.from(JSON.stringify(observation));
    const unicode = Buffer.from(JSON.stringify({ ...observation, source: 'hlr-ü€𝄞' }));
    const invalid = Buffer.concat([Buffer.from(JSON.stringify({ ...observation, source: 'x' }).slice(0, -2)), Buffer.from([0xff, 0x22, 0x7d])]);
    for (const value of [ascii, unicode, invalid]) {
      expect(externalEventId(topic, '4917ü', value)).toBe(specifiedId('4917ü', value));
      expect(externalEventId(topic, '4917ü', value.toString('latin1'))).toBe(specifiedId('4917ü', value.toString('latin1')));
    }
    expect(externalEventId(topic, 'k', 'x'.repeat(100_000))).toBe(specifiedId('k', 'x'.repeat(100_000)));
    expect(decodeKafkaMessage(topic, { key: Buffer.from('491701234567'), value: unicode }).id).toBe(specifiedId('491701234567', unicode));
    expect(decodeKafkaMessage(topic, { key: null, value: invalid }).id).toBe(specifiedId('', invalid));
  });

  it('looks like a plain envelope to spread, JSON, keys and deep equality', () => {
    const value = Buffer.from(JSON.stringify(observation));
    const decoded = decodeKafkaMessage(topic, { key: '491701234567', value });
    const plain = { id: specifiedId('491701234567', value), type: 'org.dms.hlr.imei-observation.v1', source: '/external', time: observation.observedAt, subject: '491701234567', datacontenttype: 'application/json', topic, data: observation };

    expect(decoded).toBeInstanceOf(ExternalEnvelope);
    expect(decoded).toEqual(plain);
    expect({ ...decoded }).toEqual(plain);
    expect(Object.keys(decoded)).toEqual(Object.keys(plain));
    expect(JSON.parse(JSON.stringify(decoded))).toEqual(plain);
  });

  it('takes an id that is set, as a plain object would', () => {
    const decoded = decodeKafkaMessage(topic, { key: null, value: JSON.stringify(observation) }) as { id: string };
    decoded.id = 'replaced';
    expect(decoded.id).toBe('replaced');
  });
});
