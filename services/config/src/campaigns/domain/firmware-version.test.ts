import { compareVersions, firmwareBelow } from './firmware-version';

describe('firmware version compare', () => {
  it.each([
    ['1.9', '1.10', -1],
    ['1.10', '1.9', 1],
    ['2.0', '2.0', 0],
    ['1.2', '1.2.1', -1],
    ['V2.3a', 'V2.3b', -1],
    ['12.5.1', '12.4.9', 1],
    ['A515FXXU4CUG1', 'A515FXXU5DVA1', -1],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });

  it('targets only handsets known to run an older firmware', () => {
    expect(firmwareBelow('1.9', '1.10')).toBe(true);
    expect(firmwareBelow('1.10', '1.10')).toBe(false);
    expect(firmwareBelow(undefined, '1.10')).toBe(false);
  });
});
