import { describe, expect, it } from 'vitest';
import { createCsvParser, detectDelimiter } from './csv-reader.ts';

function parseAll(chunks: readonly string[]) {
  const parser = createCsvParser();
  const out = chunks.flatMap((c) => parser.push(c));
  return [...out, ...parser.end()];
}

function bySplits(text: string) {
  // Every way of cutting the text in two must give the same records as the whole.
  return Array.from({ length: text.length + 1 }, (_, i) => parseAll([text.slice(0, i), text.slice(i)]));
}

describe('the CSV reader', () => {
  it.each([
    [
      'plain LF',
      'a,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'CRLF',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'no final line break',
      'a,b\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'quoted delimiter',
      'a,b\n"x,y",2\n',
      [
        ['a', 'b'],
        ['x,y', '2'],
      ],
    ],
    [
      'escaped quotes',
      'a,b\n"say ""hi""",2\n',
      [
        ['a', 'b'],
        ['say "hi"', '2'],
      ],
    ],
    [
      'embedded newline',
      'a,b\n"line 1\nline 2",2\n',
      [
        ['a', 'b'],
        ['line 1\nline 2', '2'],
      ],
    ],
    [
      'embedded CRLF',
      'a,b\r\n"x\r\ny",2\r\n',
      [
        ['a', 'b'],
        ['x\r\ny', '2'],
      ],
    ],
    [
      'UTF-8 BOM',
      '\ufeffa,b\n1,2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'semicolons',
      'a;b;c\r\n1,5;2;3\r\n',
      [
        ['a', 'b', 'c'],
        ['1,5', '2', '3'],
      ],
    ],
    [
      'tabs',
      'a\tb\n1\t2\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'empty cells',
      'a,b,c\n,,\n1,,3\n',
      [
        ['a', 'b', 'c'],
        ['', '', ''],
        ['1', '', '3'],
      ],
    ],
    [
      'blank lines skipped',
      'a,b\n\n1,2\n\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['quoted empty cell', 'a\n""\n', [['a'], ['']]],
  ])('reads %s, however the input is chunked', (_name, text, expected) => {
    for (const records of bySplits(text)) expect(records.map((r) => r.cells)).toEqual(expected);
  });

  it('numbers records by the physical line they start on', () => {
    const records = parseAll(['h\n"a\nb"\nc\n']);
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
  });

  it.each([
    ['a,b,c', ','],
    ['a;b;c', ';'],
    ['a\tb\tc', '\t'],
    ['"x;y",b,c', ','],
    ['single', ','],
  ])('detects the delimiter of %j', (header, expected) => {
    expect(detectDelimiter(header)).toBe(expected);
  });
});
