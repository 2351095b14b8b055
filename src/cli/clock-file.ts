import { readFileSync, statSync } from 'node:fs';
import type { Clock } from '../shared/context.ts';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

// BATON_CLOCK_FILE (docs/handoff.md): an end-to-end test moves Baton's time by writing an ISO
// instant into a file. The clock reads the instant as of the moment the file was written
// (its mtime) and runs on in real time from there, so requests and jobs still see time
// pass between them. The file is read again only when its mtime changes; a file that stops
// making sense keeps the last good time and is reported, once per change.
export function fileClock(path: string, report: (problem: string) => void): Clock {
  let seen = Number.NaN;
  let reported = Number.NaN;
  let instant = 0;
  let anchor = 0;
  const load = (): void => {
    const { mtimeMs } = statSync(path);
    if (mtimeMs === seen) return;
    const text = readFileSync(path, 'utf8').trim();
    const ms = Date.parse(text);
    if (!ISO_INSTANT.test(text) || Number.isNaN(ms)) {
      throw new Error(
        `BATON_CLOCK_FILE ${path}: '${text.slice(0, 40)}' is not an ISO instant such as 2026-01-05T09:00:00Z`,
      );
    }
    seen = mtimeMs;
    instant = ms;
    anchor = mtimeMs;
  };
  load();
  return () => {
    try {
      load();
    } catch (error) {
      const mtime = safeMtime(path);
      if (mtime !== reported) {
        reported = mtime;
        report(`${error instanceof Error ? error.message : String(error)}; keeping the last good time`);
      }
    }
    return new Date(instant + Math.max(0, Date.now() - anchor));
  };
}

function safeMtime(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}
