/**
 * A code page: element names <-> tag tokens within one namespace. Tables are written
 * once as `{ Name: token } as const`; the reverse (token -> name) is built here.
 */
export interface CodePage {
  readonly page: number;
  readonly ns: string;
  tokenOf(name: string): number | undefined;
  nameOf(token: number): string | undefined;
}

export function codePage(page: number, ns: string, table: Readonly<Record<string, number>>): CodePage {
  const tokens = new Map<string, number>(Object.entries(table));
  const names: (string | undefined)[] = new Array<string | undefined>(64).fill(undefined);
  for (const [name, token] of tokens) names[token] = name;
  return {
    page,
    ns,
    tokenOf: (name) => tokens.get(name),
    nameOf: (token) => names[token],
  };
}
