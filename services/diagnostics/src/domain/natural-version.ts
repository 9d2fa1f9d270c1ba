/**
 * Compares firmware version strings the way people read them: runs of digits as numbers,
 * everything else as text (`X200_FW_2.10` is newer than `X200_FW_2.9`, `1.0.10` than
 * `1.0.9`). Handsets write FwV in vendor formats, so no semver parsing is assumed.
 * Negative when `a` is older than `b`, 0 when they read the same, positive when newer.
 */
export function compareVersions(a: string, b: string): number {
  const left = chunks(a);
  const right = chunks(b);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = compareChunk(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

function chunks(version: string): string[] {
  return version.trim().match(/\d+|[^\d]+/g) ?? [];
}

function compareChunk(x: string, y: string): number {
  const xDigits = /^\d/.test(x);
  const yDigits = /^\d/.test(y);
  if (xDigits && yDigits) {
    const diff = BigInt(x) - BigInt(y);
    return diff === 0n ? 0 : diff < 0n ? -1 : 1;
  }
  // A number sorts before text at the same position (`2.1` < `2.1-beta` is not decidable; keep it stable).
  if (xDigits !== yDigits) return xDigits ? -1 : 1;
  const lower = x.toLowerCase().localeCompare(y.toLowerCase());
  return Math.sign(lower);
}
