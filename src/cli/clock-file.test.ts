import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fileClock } from './clock-file.ts';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function clockFile(content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'baton-clock-'));
  dirs.push(dir);
  const path = join(dir, 'now');
  writeFileSync(path, content);
  return path;
}

// Writes new content with an explicit, later mtime, as a test moving time would.
function rewrite(path: string, content: string, mtime: Date): void {
  writeFileSync(path, content);
  utimesSync(path, mtime, mtime);
}

describe('fileClock', () => {
  it('reads the instant in the file and runs on from when the file was written', () => {
    const path = clockFile('2026-01-05T09:00:00Z\n');
    const written = new Date();
    utimesSync(path, written, written);
    const clock = fileClock(path, () => {});
    const now = clock().getTime();
    const elapsed = Date.now() - written.getTime();
    expect(now).toBeGreaterThanOrEqual(Date.parse('2026-01-05T09:00:00Z'));
    expect(now).toBeLessThanOrEqual(Date.parse('2026-01-05T09:00:00Z') + elapsed + 1000);
  });

  it('follows the file when it is written again', () => {
    const path = clockFile('2026-01-05T09:00:00Z');
    const clock = fileClock(path, () => {});
    rewrite(path, '2026-03-01T12:00:00.000+01:00', new Date(Date.now() + 5_000));
    const now = clock().getTime();
    // The new mtime lies ahead of the real time, so no time has run on yet.
    expect(now).toBe(Date.parse('2026-03-01T11:00:00Z'));
  });

  it('refuses a file without an instant at start, naming the file', () => {
    const path = clockFile('next tuesday');
    expect(() => fileClock(path, () => {})).toThrow(/BATON_CLOCK_FILE .*not an ISO instant/);
  });

  it('keeps the last good time when the file stops making sense, and reports it once', () => {
    const path = clockFile('2026-01-05T09:00:00Z');
    const problems: string[] = [];
    const clock = fileClock(path, (problem) => problems.push(problem));
    rewrite(path, 'garbage', new Date(Date.now() + 5_000));
    const first = clock().getTime();
    clock();
    expect(first).toBeGreaterThanOrEqual(Date.parse('2026-01-05T09:00:00Z'));
    expect(first).toBeLessThan(Date.parse('2026-01-05T10:00:00Z'));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/garbage/);
  });
});
