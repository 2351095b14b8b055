import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './idempotency.ts';

describe('request hashing', () => {
  it.each<[unknown, string]>([
    [{ b: 1, a: [2, { d: null, c: 'x' }] }, '{"a":[2,{"c":"x","d":null}],"b":1}'],
    [{ a: undefined, b: true }, '{"b":true}'],
    [[], '[]'],
    ['text', '"text"'],
    [null, 'null'],
  ])('writes %j canonically as %s', (value, expected) => {
    expect(canonicalJson(value)).toBe(expected);
  });

  it('ignores key order but not values or the route', () => {
    const body = { lead: { email: 'a@b.example', firstName: 'A' }, touchpoint: { type: 'chat' } };
    const reordered = { touchpoint: { type: 'chat' }, lead: { firstName: 'A', email: 'a@b.example' } };
    expect(requestHash('ingest', body)).toBe(requestHash('ingest', reordered));
    expect(requestHash('ingest', body)).not.toBe(requestHash('ingest/batch', body));
    expect(requestHash('ingest', body)).not.toBe(requestHash('ingest', { ...body, lead: { email: 'b@b.example' } }));
  });
});
