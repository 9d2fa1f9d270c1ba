import { decodeKafkaMessage } from '../codec/kafka-message.codec';
import { InvalidEventError } from '../codec/invalid-event.error';

describe('HLR observation upcasting', () => {
  it('reads a stream mixing the first feed shape and the current shape into current events', () => {
    const stream = [
      { msisdn: '491701234567', imsi: '262011234567890', imei: '490154203237518', observedAt: '2026-11-28T01:00:00Z', source: 'hlr-fe-01' },
      { msisdn: '491701234568', imsi: '262011234567891', imei: '490154203237518', timestamp: '2026-11-28T01:00:01Z', hlrId: 'hlr-legacy' },
      { msisdn: '491701234569', imsi: '262011234567892', imei: '35209900176148', timestamp: Date.parse('2026-11-28T01:00:02Z'), hlrId: 'hlr-legacy' },
    ];

    const events = stream.map((record) => decodeKafkaMessage('hlr.imei-observations.v1', { key: null, value: JSON.stringify(record) }));

    expect(events.map((e) => [e.data.msisdn, e.data.observedAt, e.data.source])).toEqual([
      ['491701234567', '2026-11-28T01:00:00Z', 'hlr-fe-01'],
      ['491701234568', '2026-11-28T01:00:01Z', 'hlr-legacy'],
      ['491701234569', '2026-11-28T01:00:02.000Z', 'hlr-legacy'],
    ]);
    expect(events[1]?.data).not.toHaveProperty('timestamp');
    expect(events[1]?.time).toBe('2026-11-28T01:00:01Z');
  });

  it('still validates an upcast record', () => {
    const old = { msisdn: '491701234568', imsi: '262011234567891', imei: '490154203237519', timestamp: '2026-11-28T01:00:01Z', hlrId: 'h' };
    expect(() => decodeKafkaMessage('hlr.imei-observations.v1', { key: null, value: JSON.stringify(old) })).toThrow(InvalidEventError);
  });
});
