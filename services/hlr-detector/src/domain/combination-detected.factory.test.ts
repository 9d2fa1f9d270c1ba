import { CombinationDetected } from '@dms/contracts';
import { combinationDetected, detectionEventId } from './combination-detected.factory';
import type { Observation } from './subscriber-state';

const observation: Observation = {
  msisdn: '491700000001',
  imsi: '262011234567890',
  imei: '490154203237518',
  imeisv: '4901542032375101',
  observedAt: '2026-11-28T10:00:00Z',
  source: 'hlr-fe-01',
};

describe('detection event', () => {
  it('has the same id for the same fact, whichever IMEI spelling the record used', () => {
    expect(detectionEventId(observation, 'new-combination')).toBe(
      detectionEventId({ ...observation, imei: '49015420323751', source: 'other' }, 'new-combination'),
    );
  });

  it('has a different id for another time, handset, version or kind', () => {
    const ids = new Set([
      detectionEventId(observation, 'new-combination'),
      detectionEventId(observation, 'imeisv-changed'),
      detectionEventId({ ...observation, observedAt: '2026-11-28T10:00:01Z' }, 'new-combination'),
      detectionEventId({ ...observation, imei: '352099001761481' }, 'new-combination'),
      detectionEventId({ ...observation, imeisv: '4901542032375102' }, 'new-combination'),
      detectionEventId({ ...observation, msisdn: '491700000002' }, 'new-combination'),
    ]);
    expect(ids.size).toBe(6);
  });

  it('builds a payload the contract accepts, with the TAC of the IMEI', () => {
    const payload = combinationDetected(
      observation,
      { kind: 'new-combination', newSubscriber: false, previousImei: '352099001761481' },
      true,
      new Date('2026-11-28T10:00:02Z'),
    );
    expect(CombinationDetected.parse(payload)).toEqual(payload);
    expect(payload).toMatchObject({
      tac: '49015420',
      previousImei: '352099001761481',
      newTerminal: true,
      detectedAt: '2026-11-28T10:00:02.000Z',
    });
  });
});
