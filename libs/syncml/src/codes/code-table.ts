/**
 * A code table is written once as `name: [code, meaning]`; the name -> code constants and
 * the code -> entry reverse map are built from it (STYLE.md 4: no table written twice).
 */
export type CodeTable = Readonly<Record<string, readonly [number, string]>>;

export type CodesOf<T extends CodeTable> = { readonly [K in keyof T]: T[K][0] };

export interface CodeEntry<N extends string = string> {
  readonly name: N;
  readonly code: number;
  readonly meaning: string;
}

export function codesOf<T extends CodeTable>(table: T): CodesOf<T> {
  return Object.freeze(
    Object.fromEntries(Object.entries(table).map(([name, [code]]) => [name, code])),
  ) as CodesOf<T>;
}

export function reverseOf<T extends CodeTable>(
  table: T,
): ReadonlyMap<number, CodeEntry<Extract<keyof T, string>>> {
  const reverse = new Map<number, CodeEntry<Extract<keyof T, string>>>();
  for (const [name, [code, meaning]] of Object.entries(table)) {
    if (reverse.has(code)) throw new TypeError(`code ${code} appears twice in a code table`);
    reverse.set(code, { name: name as Extract<keyof T, string>, code, meaning });
  }
  return reverse;
}
