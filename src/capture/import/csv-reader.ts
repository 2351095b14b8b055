export interface CsvRecord {
  /** The 1-based physical line the record starts on; the header is line 1. */
  readonly line: number;
  readonly cells: readonly string[];
}

export type Delimiter = ',' | ';' | '\t';

export interface CsvParser {
  /** Feeds the next piece of text and returns the records it completed. */
  push(chunk: string): CsvRecord[];
  /** Ends the input and returns the last record, if any. */
  end(): CsvRecord[];
  /** The delimiter, known once the header line has been read. */
  delimiter(): Delimiter | null;
}

// The delimiter is whichever of `;`, tab and `,` occurs most in the header line outside
// quotes; a tie (including a one-column header) means `,`, as RFC 4180 says.
export function detectDelimiter(headerLine: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === ',' || ch === ';' || ch === '\t')) counts[ch]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  if (counts['\t'] > counts[',']) return '\t';
  return ',';
}

// An RFC 4180 reader over chunks of text, pure and incremental: quoted cells may hold the
// delimiter, doubled quotes and line breaks; records end with LF or CRLF; a UTF-8 byte
// order mark before the header is dropped. Memory is bounded by the longest record.
export function createCsvParser(options: { delimiter?: Delimiter } = {}): CsvParser {
  let delimiter: Delimiter | null = options.delimiter ?? null;
  let pending = '';
  let started = false;
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let recordHasContent = false;

  const finishCell = (): void => {
    cells.push(cell);
    cell = '';
    afterQuote = false;
  };
  const finishRecord = (out: CsvRecord[]): void => {
    finishCell();
    // A blank line is not a record.
    if (recordHasContent || cells.length > 1 || cells[0] !== '') out.push({ line: recordLine, cells });
    cells = [];
    recordHasContent = false;
  };

  const consume = (text: string, final: boolean): CsvRecord[] => {
    const out: CsvRecord[] = [];
    const d = delimiter ?? ',';
    let i = 0;
    for (; i < text.length; i++) {
      const ch = text[i];
      if (cell === '' && !quoted && !afterQuote && cells.length === 0 && !recordHasContent) recordLine = line;
      if (quoted) {
        if (ch === '"') {
          if (i + 1 >= text.length && !final) break;
          if (text[i + 1] === '"') {
            cell += '"';
            i++;
          } else {
            quoted = false;
            afterQuote = true;
          }
        } else {
          // The run up to the next quote in one piece: building cells a character at a time
          // left chains of tiny strings for the garbage collector.
          let end = text.indexOf('"', i + 1);
          if (end < 0) end = text.length;
          for (let at = text.indexOf('\n', i); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) line++;
          cell += text.slice(i, end);
          i = end - 1;
        }
        continue;
      }
      if (ch === '"' && cell === '' && !afterQuote) {
        quoted = true;
        recordHasContent = true;
      } else if (ch === d) {
        recordHasContent = true;
        finishCell();
      } else if (ch === '\r') {
        if (i + 1 >= text.length && !final) break;
        if (text[i + 1] === '\n') i++;
        finishRecord(out);
        line++;
      } else if (ch === '\n') {
        finishRecord(out);
        line++;
      } else {
        // The run up to the next delimiter or line end, in one piece; a quote inside a cell
        // is a plain character.
        let end = i + 1;
        while (end < text.length) {
          const next = text[end];
          if (next === d || next === '\n' || next === '\r') break;
          end++;
        }
        cell += text.slice(i, end);
        i = end - 1;
        recordHasContent = true;
      }
    }
    pending = text.slice(i);
    if (final && (recordHasContent || cell !== '' || cells.length > 0)) finishRecord(out);
    return out;
  };

  return {
    push(chunk) {
      let text = pending + chunk;
      if (!started) {
        if (text.length === 0) return [];
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        if (delimiter === null) {
          const eol = text.search(/\r|\n/);
          if (eol < 0) {
            pending = text;
            return [];
          }
          delimiter = detectDelimiter(text.slice(0, eol));
        }
        started = true;
      }
      return consume(text, false);
    },
    end() {
      let text = pending;
      if (!started) {
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        delimiter ??= detectDelimiter(text);
        started = true;
      }
      return consume(text, true);
    },
    delimiter: () => delimiter,
  };
}

/** Reads records from a stream of text (for example a file read as UTF-8), one at a time. */
export async function* readCsv(
  source: AsyncIterable<string | Buffer>,
  options: { delimiter?: Delimiter } = {},
): AsyncGenerator<CsvRecord, void, undefined> {
  const parser = createCsvParser(options);
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield* parser.push(text);
  }
  yield* parser.push(decoder.decode());
  yield* parser.end();
}
