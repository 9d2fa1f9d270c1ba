import { compareVersions } from './natural-version';

describe('natural version order', () => {
  it.each([
    ['1.0.9', '1.0.10', -1],
    ['X200_FW_2.9', 'X200_FW_2.10', -1],
    ['2.1', '2.1', 0],
    ['2.1', '2.1.1', -1],
    ['10', '9', 1],
    ['v1.2', 'V1.2', 0],
    ['1.0.0', '1.0.0a', -1],
    ['123456789012345678901', '123456789012345678902', -1],
  ])('%s vs %s is %i', (a, b, order) => {
    expect(compareVersions(a, b)).toBe(order);
    expect(compareVersions(b, a)).toBe(-order || 0);
  });
});
