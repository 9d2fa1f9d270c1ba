import { subjectMatches } from './subject-match';

describe('subjectMatches', () => {
  it.each([
    ['feed.device.42', 'feed.device.42', true],
    ['feed.device.42', 'feed.device.43', false],
    ['feed.*.42', 'feed.device.42', true],
    ['feed.*', 'feed.device.42', false],
    ['feed.>', 'feed.device.42', true],
    ['feed.>', 'feed', false],
    ['feed.device.42.>', 'feed.device.42', false],
    ['feed.device', 'feed.device.42', false],
    ['*', 'feed', true],
  ])('pattern %s against %s gives %s', (pattern, subject, expected) => {
    expect(subjectMatches(pattern, subject)).toBe(expected);
  });
});
