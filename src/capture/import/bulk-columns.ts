// A bulk insert sends each column as one PostgreSQL array literal ('{"a","b",NULL}'), cast
// to the column's type and expanded with unnest. The elements are escaped while a batch is
// prepared, which the import driver overlaps with writing the previous batch; when the batch
// is written, the rows it keeps are picked by index and joined, so no array of values has to
// be serialised on the database connection's critical path.

/** One value written as an element of an array literal. */
export type Element = string & { readonly __brand: 'ArrayElement' };

/** A whole array literal, ready to be bound as a parameter and cast to `type[]`. */
export type ArrayLiteral = string & { readonly __brand: 'ArrayLiteral' };

export const NULL_ELEMENT = 'NULL' as Element;

const NEEDS_ESCAPE = /["\\]/g;

/** Text of any content: always quoted, so commas, braces, blanks and the word NULL stay text. */
export function textElement(value: string | null): Element {
  if (value === null) return NULL_ELEMENT;
  const escaped = value.includes('"') || value.includes('\\') ? value.replace(NEEDS_ESCAPE, '\\$&') : value;
  return `"${escaped}"` as Element;
}

/**
 * textElement for values that repeat within a batch (stages, channels, UTM values, referrers):
 * each distinct value's element is made once, so a batch holds one copy of it.
 */
export function repeatedTextElements(): (value: string | null) => Element {
  const made = new Map<string, Element>();
  return (value) => {
    if (value === null) return NULL_ELEMENT;
    let element = made.get(value);
    if (element === undefined) {
      element = textElement(value);
      made.set(value, element);
    }
    return element;
  };
}

/** A uuid, number or ISO timestamp: none of them holds a character that needs quoting. */
export function plainElement(value: string | number | null): Element {
  return (value === null ? NULL_ELEMENT : String(value)) as Element;
}

export function timeElement(at: Date): Element {
  return at.toISOString() as Element;
}

/** Column name → one element per row, in row order. */
export type Columns<C extends string> = Record<C, Element[]>;

export function emptyColumns<C extends string>(names: readonly C[]): Columns<C> {
  return Object.fromEntries(names.map((name) => [name, [] as Element[]])) as Columns<C>;
}

/**
 * The array literal of a column's elements at the given row indexes (in increasing order):
 * all of them when every row is kept, as when a file is imported for the first time.
 */
export function arrayLiteral(elements: readonly Element[], rows?: readonly number[]): ArrayLiteral {
  if (rows === undefined || rows.length === elements.length) return `{${elements.join(',')}}` as ArrayLiteral;
  const picked = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) picked[i] = elements[rows[i] ?? -1] ?? NULL_ELEMENT;
  return `{${picked.join(',')}}` as ArrayLiteral;
}

/** Every column of a batch, picked as arrayLiteral picks one. */
export function arrayLiterals<C extends string>(
  columns: Columns<C>,
  rows?: readonly number[],
): Record<C, ArrayLiteral> {
  const out = {} as Record<C, ArrayLiteral>;
  for (const name of Object.keys(columns) as C[]) out[name] = arrayLiteral(columns[name], rows);
  return out;
}

/** The array literal of elements computed per row at insert time (ids found in the database). */
export function literalOf<T>(items: readonly T[], element: (item: T) => Element): ArrayLiteral {
  const out = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) out[i] = element(items[i] as T);
  return `{${out.join(',')}}` as ArrayLiteral;
}
