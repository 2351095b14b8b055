import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/app-error.ts';
import { readHeader, saveUpload } from './import-upload.ts';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'baton-upload-test-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('saveUpload', () => {
  it('stores the upload and counts its bytes', async () => {
    const saved = await saveUpload(Readable.from([Buffer.from('email\n'), Buffer.from('a@b.example\n')]), { dir });
    expect(saved.bytes).toBe(18);
    expect(await readFile(saved.path, 'utf8')).toBe('email\na@b.example\n');
    await rm(saved.path);
  });

  it.each([
    [10, 10, true],
    [11, 10, false],
  ])('with %i bytes against a limit of %i, stores it: %s', async (size, maxBytes, stored) => {
    const source = Readable.from([Buffer.alloc(size - 3, 'a'), Buffer.from('\nb\n').subarray(0, 3)]);
    const outcome = await saveUpload(source, { dir, maxBytes }).then(
      (saved) => saved,
      (error: unknown) => error,
    );
    if (stored) {
      expect(outcome).toMatchObject({ bytes: size });
      await rm((outcome as { path: string }).path);
    } else {
      expect(outcome).toBeInstanceOf(AppError);
      expect(outcome).toMatchObject({ code: 'payload_too_large', field: 'file' });
    }
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('readHeader', () => {
  it('reads the first record only, quoted cells and all', async () => {
    const path = join(dir, 'header.csv');
    await writeFile(path, '"Record ID";"Name, full"\n1;"x"\n');
    expect(await readHeader(path)).toEqual(['Record ID', 'Name, full']);
    await writeFile(path, '');
    expect(await readHeader(path)).toEqual([]);
    await rm(path);
  });
});
