import type { Document, Filter } from '../document-store.port';
import type { DocumentContractContext } from '../document-store.contract';

interface Sample extends Document {
  s?: string;
  n?: number | string;
  b?: boolean;
  z?: null;
  nested?: { x?: string; y?: number };
}

// A number never equals its text, true is not 1, null is a value distinct from "missing"
// only for $exists, and d5 has no fields at all.
const SAMPLES: Sample[] = [
  { _id: 'd1', s: 'apple', n: 1, b: true, z: null, nested: { x: 'p', y: 5 } },
  { _id: 'd2', s: 'banana', n: 2.5, b: false, nested: { x: 'q' } },
  { _id: 'd3', s: 'cherry', n: 10, nested: { y: 7 } },
  { _id: 'd4', s: 'Apple', n: '10' },
  { _id: 'd5' },
];

// [what it shows, filter, ids expected in _id order]
const CASES: [string, Filter, string[]][] = [
  ['string equality', { s: 'apple' }, ['d1']],
  ['a number does not equal its text', { n: 10 }, ['d3']],
  ['text does not equal a number', { n: '10' }, ['d4']],
  ['boolean equality', { b: false }, ['d2']],
  ['true is not the number 1', { b: 1 }, []],
  ['null matches null and missing', { z: null }, ['d1', 'd2', 'd3', 'd4', 'd5']],
  ['$eq on a dotted path', { 'nested.x': { $eq: 'p' } }, ['d1']],
  ['$gt on a dotted path', { 'nested.y': { $gt: 5 } }, ['d3']],
  ['$exists true on a dotted path', { 'nested.y': { $exists: true } }, ['d1', 'd3']],
  ['$exists false matches missing parents too', { 'nested.y': { $exists: false } }, ['d2', 'd4', 'd5']],
  ['$exists true counts an explicit null', { z: { $exists: true } }, ['d1']],
  ['$lt on numbers skips text and missing', { n: { $lt: 5 } }, ['d1', 'd2']],
  ['range with two bounds', { n: { $gte: 2.5, $lte: 10 } }, ['d2', 'd3']],
  ['a string bound compares only strings', { n: { $gt: '1' } }, ['d4']],
  ['strings compare by code point', { s: { $gt: 'b' } }, ['d2', 'd3']],
  ['$lt on strings skips missing', { s: { $lt: 'b' } }, ['d1', 'd4']],
  ['$ne matches missing fields', { s: { $ne: 'apple' } }, ['d2', 'd3', 'd4', 'd5']],
  ['$ne null matches present non-null', { s: { $ne: null } }, ['d1', 'd2', 'd3', 'd4']],
  ['$ne null excludes explicit null', { z: { $ne: null } }, []],
  ['$ne true matches false and missing', { b: { $ne: true } }, ['d2', 'd3', 'd4', 'd5']],
  ['$in over strings', { s: { $in: ['apple', 'cherry', 'nope'] } }, ['d1', 'd3']],
  ['$in mixing a number and text', { n: { $in: [1, '10'] } }, ['d1', 'd4']],
  ['$in with null matches missing', { s: { $in: [null] } }, ['d5']],
  ['$in with booleans', { b: { $in: [true, false] } }, ['d1', 'd2']],
  ['empty $in matches nothing', { s: { $in: [] } }, []],
  ['_id equality', { _id: 'd2' }, ['d2']],
  ['_id $in', { _id: { $in: ['d1', 'd5', 'zz'] } }, ['d1', 'd5']],
  ['_id range', { _id: { $gt: 'd3' } }, ['d4', 'd5']],
  ['_id $ne', { _id: { $ne: 'd1' } }, ['d2', 'd3', 'd4', 'd5']],
  ['several fields are ANDed', { s: 'apple', n: 1 }, ['d1']],
  ['an AND that fails on one field', { s: 'apple', n: 2 }, []],
  ['operators on several dotted paths', { 'nested.x': { $in: ['p', 'q'] }, 'nested.y': { $exists: false } }, ['d2']],
  ['empty filter matches all', {}, ['d1', 'd2', 'd3', 'd4', 'd5']],
];

export function defineDocumentFilterCases(ctx: DocumentContractContext): void {
  describe('filters', () => {
    let samples: ReturnType<typeof ctx.freshCollection<Sample>>;

    beforeAll(async () => {
      samples = ctx.freshCollection<Sample>();
      for (const doc of SAMPLES) await samples.put(doc);
    });

    it.each(CASES)('%s', async (_what, filter, expected) => {
      const found = await samples.find(filter);
      expect(found.map((d) => d._id)).toEqual(expected);
      expect(await samples.count(filter)).toBe(expected.length);
    });
  });
}
