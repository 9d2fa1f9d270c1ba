import { element, text, type ElementNode } from '../tree/element';

/** Builders that skip absent optional values, so writers read like the DTD content model. */

export type MaybeElement = ElementNode | undefined | false;

export function el(name: string, children: readonly MaybeElement[], ns?: string): ElementNode {
  return element(
    name,
    children.filter((child): child is ElementNode => child !== undefined && child !== false),
    ns,
  );
}

export function leaf(name: string, value: string | number, ns?: string): ElementNode {
  const content = String(value);
  return element(name, content === '' ? [] : [text(content)], ns);
}

export function optLeaf(
  name: string,
  value: string | number | undefined,
  ns?: string,
): ElementNode | undefined {
  return value === undefined ? undefined : leaf(name, value, ns);
}

export function flag(name: string, on: boolean | undefined, ns?: string): ElementNode | undefined {
  return on === true ? element(name, [], ns) : undefined;
}

export function leaves(name: string, values: readonly (string | number)[], ns?: string): ElementNode[] {
  return values.map((value) => leaf(name, value, ns));
}
