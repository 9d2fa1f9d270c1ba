/**
 * Natural order of firmware versions: digit runs compare as numbers, other runs as text, so
 * `1.10` > `1.9` and `V2.3b` > `V2.3a`. A shorter version that is a prefix of a longer one
 * comes first (`1.2` < `1.2.1`).
 */
export function compareVersions(a: string, b: string): number {
  const split = (v: string): string[] => v.match(/\d+|[^\d.\-_ ]+/g) ?? [];
  const left = split(a);
  const right = split(b);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    const x = left[i]!;
    const y = right[i]!;
    const numeric = /^\d/.test(x) && /^\d/.test(y);
    const order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
    if (order !== 0) return Math.sign(order);
  }
  return Math.sign(left.length - right.length);
}

/** The `fwVBelow` target filter: a handset of unknown firmware is not targeted. */
export function firmwareBelow(fwV: string | undefined, bound: string): boolean {
  return fwV !== undefined && compareVersions(fwV, bound) < 0;
}
