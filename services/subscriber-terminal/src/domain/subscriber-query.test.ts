import { decodeCursor, encodeCursor, parseSubscriberQuery, subscriberFilter } from './subscriber-query';
import { InvalidRequestError } from './subscriber-terminal.errors';

describe('subscriber query', () => {
  it('turns targeting parameters into one store filter', () => {
    const query = parseSubscriberQuery({
      model: 'Pixel 7',
      tac: '35693803',
      'attr.segment': 'gold',
      tenant: 'acme',
      lastSeenAfter: '2026-01-01T00:00:00Z',
    });
    expect(subscriberFilter(query)).toEqual({
      'terminal.model': 'Pixel 7',
      'terminal.tac': '35693803',
      tenantId: 'acme',
      'attributes.segment': 'gold',
      lastSeenAt: { $gt: '2026-01-01T00:00:00.000Z' },
    });
  });
  it('continues after the cursor of the previous page', () => {
    const query = parseSubscriberQuery({ cursor: encodeCursor('4917000') });
    expect(subscriberFilter(query)).toEqual({ _id: { $gt: '4917000' } });
  });
  it('refuses a forged cursor, an unknown parameter, a bad limit and a bad time', () => {
    expect(() => decodeCursor('not-a-cursor')).toThrow(InvalidRequestError);
    expect(() => parseSubscriberQuery({ colour: 'red' })).toThrow(InvalidRequestError);
    expect(() => parseSubscriberQuery({ limit: '0' })).toThrow(InvalidRequestError);
    expect(() => parseSubscriberQuery({ limit: '5000' })).toThrow(InvalidRequestError);
    expect(() => parseSubscriberQuery({ lastSeenBefore: 'yesterday' })).toThrow(InvalidRequestError);
    expect(() => parseSubscriberQuery({ 'attr.bad-name': 'x' })).toThrow(InvalidRequestError);
  });
});
