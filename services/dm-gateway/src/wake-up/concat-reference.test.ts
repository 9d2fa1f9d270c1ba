import { ConcatReference } from './concat-reference';

describe('ConcatReference', () => {
  it('gives consecutive wake-ups different 8-bit references and wraps after 255', () => {
    const refs = new ConcatReference(254);
    expect([refs.next(), refs.next(), refs.next()]).toEqual([254, 255, 0]);
  });

  it('starts at a random point so that a restarted gateway does not repeat its last references', () => {
    const starts = new Set(Array.from({ length: 20 }, () => new ConcatReference().next()));
    expect(starts.size).toBeGreaterThan(1);
  });
});
