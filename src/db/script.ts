import { type Kysely, sql } from 'kysely';

// Runs a script of DDL statements one by one: PGlite's extended protocol takes a single
// statement per query. Statements are separated by a semicolon at the end of a line.
export async function executeScript(db: Kysely<unknown>, script: string): Promise<void> {
  for (const statement of script.split(/;\s*\n/)) {
    if (statement.trim() === '') continue;
    await sql.raw(statement).execute(db);
  }
}
