import { rpcSubjectPrefix } from './infrastructure.fields';

describe('rpcSubjectPrefix', () => {
  it('turns a topic prefix into one NATS subject token, none for the product', () => {
    expect(rpcSubjectPrefix('')).toBeUndefined();
    expect(rpcSubjectPrefix('e2e-1a2b.')).toBe('e2e-1a2b');
    expect(rpcSubjectPrefix('staging.eu.')).toBe('staging_eu');
    expect(rpcSubjectPrefix('a*b>')).toBe('a_b');
  });
});
