import { describe, expect, it } from 'vitest';
import { csvLine, neutraliseCell } from './csv-writer.ts';
import { parseAmountMinor, parseBoolean, parseDate, parseNumber } from './parse-values.ts';

describe('formula neutralisation', () => {
  it.each([
    ['=HYPERLINK("x")', '\'=HYPERLINK("x")'],
    ['+1 555', "'+1 555"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "'\rx"],
    ['plain', 'plain'],
    ['a=b', 'a=b'],
  ])('writes %j as %j', (input, expected) => {
    expect(neutraliseCell(input)).toBe(expected);
  });

  it('quotes cells that need it after neutralising them', () => {
    expect(csvLine(['=1,2', 'say "hi"', null, 3])).toBe('"\'=1,2","say ""hi""",,3\r\n');
  });
});

describe('dates', () => {
  const day = (s: string) => new Date(`${s}T00:00:00Z`);
  it.each([
    ['2026-03-04', undefined, day('2026-03-04')],
    ['2026-03-04T10:00:00Z', undefined, new Date('2026-03-04T10:00:00Z')],
    ['2026-03-04 10:00', undefined, new Date('2026-03-04T10:00:00Z')],
    ['03/04/2026', 'MM/DD/YYYY', day('2026-03-04')],
    ['03/04/2026', 'DD/MM/YYYY', day('2026-04-03')],
    ['13/04/2026', undefined, day('2026-04-13')],
    ['04/13/2026', undefined, day('2026-04-13')],
    ['05/05/2026', undefined, day('2026-05-05')],
    ['4.3.2026', undefined, day('2026-03-04')],
  ] as const)('reads %s (format %s)', (raw, format, expected) => {
    expect(parseDate(raw, format)).toEqual({ ok: true, value: expected });
  });

  it('refuses an ambiguous day and month without --date-format', () => {
    const result = parseDate('03/04/2026');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('--date-format');
  });

  it.each(['2026-02-30', '31/31/2026', 'next tuesday', ''])('rejects %j', (raw) => {
    expect(parseDate(raw).ok).toBe(false);
  });
});

describe('amounts and booleans', () => {
  it.each([
    ['1054', 105400],
    ['1,234.50', 123450],
    ['1234,5', 123450],
    ['1.234,56', 123456],
    ['$ 99.99', 9999],
    ['EUR 10', 1000],
    ['0', 0],
  ])('reads the amount %s as %d minor units', (raw, expected) => {
    expect(parseAmountMinor(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(['ten', '-5', '1.2.3'])('rejects the amount %j', (raw) => {
    expect(parseAmountMinor(raw).ok).toBe(false);
  });

  it.each([
    ['Yes', true],
    ['no', false],
    ['1', true],
    ['FALSE', false],
  ])('reads %s as %s', (raw, expected) => {
    expect(parseBoolean(raw)).toEqual({ ok: true, value: expected });
  });
});

describe('numbers', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['1,234.5', 1234.5],
    ['1.234,5', 1234.5],
    ['12,5', 12.5],
    ['1 200', 1200],
  ])('reads %j as %j', (raw, value) => {
    expect(parseNumber(raw)).toEqual({ ok: true, value });
  });

  it.each(['many', '1e5', '', '--1'])('refuses %j', (raw) => {
    expect(parseNumber(raw).ok).toBe(false);
  });
});
