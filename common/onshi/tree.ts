// Reading and writing the plain-object XML tree block by block, element names from elements.ts.
import { KioskError } from '../errors';
import type { Fields } from './result';

export type Node = Record<string, unknown>;

export const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The block `name` of `node`: an object, absent (undefined) or empty text (treated as absent). */
export function blockOf(node: Node | undefined, name: string, where: string): Node | undefined {
  const v = node?.[name];
  if (v === undefined || (typeof v === 'string' && v.trim() === '')) return undefined;
  if (!isNode(v)) throw new KioskError('input.invalid', `${where}/${name} must be a block of elements`, { field: name });
  return v;
}

/** Repeating block entries (the parser makes them arrays). */
export function entriesOf(node: Node | undefined, name: string, where: string): Node[] {
  const v = node?.[name];
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.filter((e) => !(typeof e === 'string' && e.trim() === '')).map((e) => {
    if (!isNode(e)) throw new KioskError('input.invalid', `${where}/${name} must be a block of elements`, { field: name });
    return e;
  });
}

/** The named leaf elements of a block, values verbatim (whitespace kept: '  123456' stays as sent). */
export function leavesOf<E extends string>(node: Node | undefined, names: readonly E[], where: string): Fields<E> {
  const out: Fields<E> = {};
  if (!node) return out;
  for (const name of names) {
    const v = node[name];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw new KioskError('input.invalid', `${where}/${name} must be a single value`, { field: name });
    out[name] = v;
  }
  return out;
}

/** A block to write: the defined leaves in element order. */
export function leavesTree<E extends string>(fields: Fields<E> | undefined, names: readonly E[]): Node {
  const out: Node = {};
  for (const name of names) {
    const v = fields?.[name];
    if (v !== undefined) out[name] = v;
  }
  return out;
}
