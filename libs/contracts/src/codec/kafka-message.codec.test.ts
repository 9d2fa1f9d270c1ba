import { createEnvelope } from './create-envelope';
import { InvalidEventError } from './invalid-event.error';
import { decodeKafkaMessage, encodeKafkaMessage, externalEventId } from './kafka-message.codec';

const observation = {
  msisdn: '491701234567',
  imsi: '262011234567890',
  imei: '490154203237518',
  observedAt: '2026-11-28T01:00:00.000Z',
  source: 'hlr-fe-01',
};

describe('kafka message codec', () => {
  it('round-trips an envelope through CloudEvents headers and a JSON value', () => {
    const envelope = createEnvelope('hlr.imei-observations.v1', observation, { source: '/services/test', correlationId: 'c-1' });
    const encoded = encodeKafkaMessage('hlr.imei-observations.v1', envelope);

    expect(encoded.key).toBe('491701234567');
    expect(encoded.headers).toMatchObject({
      ce_id: envelope.id,
      ce_type: 'org.dms.hlr.imei-observation.v1',
      ce_source: '/services/test',
      ce_subject: '491701234567',
      ce_specversion: '1.0',
      'content-type': 'application/json',
      dms_correlation_id: 'c-1',
    });
    const wireHeaders = Object.fromEntries(Object.entries(encoded.headers).map(([k, v]) => [k, Buffer.from(v)]));
    const decoded = decodeKafkaMessage('hlr.imei-observations.v1', { key: Buffer.from(encoded.key), value: encoded.value, headers: wireHeaders });
    expect(decoded).toEqual(envelope);
  });

  it('uses an explicit key over the subject', () => {
    const envelope = createEnvelope('hlr.imei-observations.v1', observation, { source: '/s' });
    expect(encodeKafkaMessage('hlr.imei-observations.v1', envelope, 'imsi-key').key).toBe('imsi-key');
  });

  it('accepts a header-less external record with a content-derived id, external source and observedAt time', () => {
    const value = Buffer.from(JSON.stringify(observation));
    const first = decodeKafkaMessage('hlr.imei-observations.v1', { key: '491701234567', value });
    const duplicate = decodeKafkaMessage('hlr.imei-observations.v1', { key: Buffer.from('491701234567'), value: Buffer.from(value) });

    expect(first.id).toBe(duplicate.id);
    expect(first.id).toBe(externalEventId('hlr.imei-observations.v1', '491701234567', value));
    expect(first.source).toBe('/external');
    expect(first.time).toBe(observation.observedAt);
    expect(first.subject).toBe('491701234567');
  });

  it('gives different external ids to different bytes', () => {
    const a = decodeKafkaMessage('hlr.imei-observations.v1', { key: null, value: JSON.stringify(observation) });
    const b = decodeKafkaMessage('hlr.imei-observations.v1', { key: null, value: JSON.stringify({ ...observation, source: 'x' }) });
    expect(a.id).not.toBe(b.id);
  });

  it('rejects a bad Luhn digit with the path and message on one line', () => {
    const value = JSON.stringify({ ...observation, imei: '490154203237519', observedAt: 'yesterday' });
    const error = captureError(() => decodeKafkaMessage('hlr.imei-observations.v1', { key: null, value }));
    expect(error).toBeInstanceOf(InvalidEventError);
    expect(error.code).toBe('EVENT_INVALID');
    expect(error.retriable).toBe(false);
    expect(error.reason).toContain('imei: imei check digit (Luhn) is wrong');
    expect(error.reason).toContain('observedAt:');
    expect(error.reason).not.toContain('\n');
  });

  it('rejects a value that is not JSON', () => {
    const error = captureError(() => decodeKafkaMessage('hlr.imei-observations.v1', { key: null, value: Buffer.from('{oops') }));
    expect(error.reason).toMatch(/^value is not JSON/);
  });

  it('rejects an empty value and an event type that belongs to another topic', () => {
    expect(captureError(() => decodeKafkaMessage('hlr.imei-observations.v1', { value: null })).reason).toBe('empty value');
    const wrongType = { ce_id: 'x', ce_type: 'org.dms.config.applied.v1' };
    const error = captureError(() => decodeKafkaMessage('hlr.imei-observations.v1', { value: JSON.stringify(observation), headers: wrongType }));
    expect(error.reason).toContain('does not belong on this topic');
  });

  it('refuses to create an envelope for an invalid payload', () => {
    const error = captureError(() => createEnvelope('hlr.imei-observations.v1', { ...observation, msisdn: '12' }, { source: '/s' }));
    expect(error.reason).toMatch(/^msisdn: /);
  });
});

function captureError(fn: () => unknown): InvalidEventError {
  try {
    fn();
  } catch (error) {
    if (error instanceof InvalidEventError) return error;
    throw error;
  }
  throw new InvalidEventError('test', 'expected an InvalidEventError, nothing was thrown');
}
