import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/app-error.ts';
import { readCsv } from './csv-reader.ts';

/** The largest file the web upload takes; larger files go through `baton import`, which streams from disk. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export interface SavedUpload {
  readonly path: string;
  readonly bytes: number;
}

export function uploadTooLarge(maxBytes: number): AppError {
  const size = maxBytes >= 1024 * 1024 ? `${Math.round(maxBytes / (1024 * 1024))} MB` : `${maxBytes} bytes`;
  return new AppError(
    'payload_too_large',
    `file: larger than the ${size} an upload may be; split the file, or run \`baton import\` on the server`,
    'file',
  );
}

// Streams an upload to a private temporary file, counting bytes as they pass, so the limit
// holds whatever the client claims and memory stays bounded by one chunk. A refused or
// broken upload leaves no file behind.
export async function saveUpload(
  source: Readable,
  options: { maxBytes?: number; dir?: string } = {},
): Promise<SavedUpload> {
  const maxBytes = options.maxBytes ?? MAX_UPLOAD_BYTES;
  const path = join(options.dir ?? tmpdir(), `baton-import-${randomUUID()}.csv`);
  let bytes = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) done(uploadTooLarge(maxBytes));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(source, limit, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
  } catch (error) {
    await rm(path, { force: true });
    // The multipart reader may stop the file first, with its own 413.
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw uploadTooLarge(maxBytes);
    throw error;
  }
  return { path, bytes };
}

/** The file's header row, read without reading the rest. */
export async function readHeader(path: string): Promise<string[]> {
  const stream = createReadStream(path);
  try {
    for await (const record of readCsv(stream)) return [...record.cells];
    return [];
  } finally {
    stream.destroy();
  }
}
