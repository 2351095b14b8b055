import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testDb } from '../../../test/support/test-db.ts';
import { arrayLiteral, arrayLiterals, type Element, literalOf, plainElement, textElement } from './bulk-columns.ts';

const TEXTS = [
  'plain',
  '',
  'NULL',
  'null',
  ' spaced ',
  'a,b',
  '{braces}',
  'say "hi"',
  'back\\slash',
  '\\"',
  'line\nbreak\r\nand\ttab',
  'Müller 😀 北京',
  "it's",
  '"',
];

describe('array literals', () => {
  it('read back in PostgreSQL as exactly the text that was written, NULL included', async () => {
    const { db } = await testDb();
    const values = [...TEXTS, null];
    const { rows } = await sql<{ v: string | null; n: number }>`
      select v, n::int from unnest(${arrayLiteral(values.map(textElement))}::text[]) with ordinality as u(v, n)
      order by n`.execute(db);
    expect(rows.map((r) => r.v)).toEqual(values);
  });

  it('carry uuids, numbers and timestamps unquoted', async () => {
    const { db } = await testDb();
    const at = new Date('2026-03-10T12:00:00.123Z');
    const { rows } = await sql<{ id: string | null; n: number | null; at: Date | null }>`
      select u.id::text as id, u.n, u.at from unnest(
        ${arrayLiteral([plainElement('01a2159f-cbc7-7000-8277-9870a4da10d3'), plainElement(null)])}::uuid[],
        ${arrayLiteral([plainElement(-12), plainElement(null)])}::int[],
        ${arrayLiteral([plainElement(at.toISOString()), plainElement(null)])}::timestamptz[]) as u(id, n, at)`.execute(
      db,
    );
    expect(rows).toEqual([
      { id: '01a2159f-cbc7-7000-8277-9870a4da10d3', n: -12, at },
      { id: null, n: null, at: null },
    ]);
  });

  it.each([
    ['every row', undefined, '{"a","b","c"}'],
    ['the rows picked, in their order', [0, 2], '{"a","c"}'],
    ['no row', [], '{}'],
  ])('pick %s of a column', (_name, rows, expected) => {
    const column = ['a', 'b', 'c'].map(textElement);
    expect(arrayLiteral(column, rows)).toBe(expected);
    expect(arrayLiterals({ x: column }, rows)).toEqual({ x: expected });
  });

  it('build a column from values found at write time', () => {
    expect(literalOf([1, 2], (n): Element => plainElement(n * 10))).toBe('{10,20}');
  });
});
