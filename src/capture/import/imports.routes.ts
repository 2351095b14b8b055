import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { Api, RouteDeps } from '../../server/build-app.ts';
import { AppError, invalid } from '../../shared/app-error.ts';
import { pageOf } from '../../shared/schema.ts';
import { importableEntities } from './import-entities.ts';
import { ABANDONED_AFTER_MS, createImportJobs, type ImportUpload } from './import-jobs.ts';
import { getImportRun, importRejectsCsv, listImportRuns } from './import-run-queries.ts';
import { MAX_UPLOAD_BYTES, saveUpload } from './import-upload.ts';
import {
  ImportEntityList,
  ImportPreview,
  ImportPreviewInput,
  ImportRun,
  ImportRunDetail,
  ImportRunListQuery,
  ImportRunParams,
  ImportStartFields,
} from './imports.schema.ts';
import { DECLARABLE_CUSTOM_TYPES } from './mapping.ts';
import { DATE_FORMATS } from './parse-values.ts';
import { previewImport } from './preview-import.ts';

const tags = ['imports'];

export async function importsRoutes(app: Api, { db }: RouteDeps): Promise<void> {
  await app.register(fastifyMultipart, { limits: { files: 1, fields: 10, parts: 11, fieldSize: 64_000 } });
  const jobs = createImportJobs(db, (error, message) => app.log.error({ err: error }, message));
  let sweeper: NodeJS.Timeout | undefined;
  const sweep = () =>
    jobs.sweep().catch((error: unknown) => app.log.error({ err: error }, 'abandoned imports not marked failed'));
  // On start, runs a stopped process left `running` are marked failed; the sweep repeats,
  // so a run whose process died just before this one started is caught within half a minute.
  app.addHook('onReady', async () => {
    await sweep();
    sweeper = setInterval(() => void sweep(), ABANDONED_AFTER_MS);
    sweeper.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await jobs.close();
  });

  app.get(
    '/imports/entities',
    {
      schema: {
        tags,
        summary: 'What you may import, with each entity’s fields and presets',
        response: { 200: ImportEntityList },
      },
    },
    async (req) => ({
      items: importableEntities(req.actor),
      dateFormats: [...DATE_FORMATS],
      customFieldTypes: [...DECLARABLE_CUSTOM_TYPES],
    }),
  );

  app.post(
    '/imports/preview',
    {
      schema: {
        tags,
        summary: 'Preview an import from the start of a file',
        description:
          'Send the first part of the file as text (64 KB is plenty; set `partial` when it is cut). Answers the ' +
          'detected preset and delimiter, the mapping the import would use (field → column), the fields the entity ' +
          'takes, unmapped columns, the first 10 rows as the importer reads them with why each would be rejected, and ' +
          'a dry run of every complete row of the sample. Nothing is written.',
        body: ImportPreviewInput,
        response: { 200: ImportPreview },
      },
    },
    (req) => previewImport(db, { actor: req.actor, now: req.now }, req.body),
  );

  app.post(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Start an import (multipart upload)',
        description:
          'multipart/form-data with the text parts `entity`, `mapping` (JSON of field → column, optional: the ' +
          'preview’s), `dateFormat` (optional), `dryRun` (`true`/`false`) and the CSV as the part `file` (at most ' +
          `${MAX_UPLOAD_BYTES / (1024 * 1024)} MB; 413 beyond). Answers 202 with the run, which goes on in the ` +
          'background: poll GET /imports/{id}. Rejected rows do not stop it; a dry run rolls everything back.',
        consumes: ['multipart/form-data'],
        response: { 202: ImportRun },
      },
    },
    async (req, reply) => {
      const { upload, fields } = await receiveUpload(req);
      const run = await jobs.start({ actor: req.actor, now: req.now }, upload, fields);
      return reply.status(202).send(run);
    },
  );

  app.get(
    '/imports',
    {
      schema: {
        tags,
        summary: 'Imports, newest first',
        querystring: ImportRunListQuery,
        response: { 200: pageOf(ImportRun) },
      },
    },
    (req) => listImportRuns(db, req.actor.orgId, req.query),
  );

  app.get(
    '/imports/:id',
    {
      schema: {
        tags,
        summary: 'An import: status, progress, counts and its first 100 rejected rows',
        params: ImportRunParams,
        response: { 200: ImportRunDetail },
      },
    },
    (req) => getImportRun(db, req.actor.orgId, req.params.id),
  );

  app.get(
    '/imports/:id/rejects.csv',
    {
      schema: {
        tags,
        summary: 'Every rejected row of an import as CSV (text/csv)',
        description:
          'Columns line, field, reason. Cells a spreadsheet would run as formulas are neutralised. 409 while the ' +
          'import is still running.',
        params: ImportRunParams,
      },
    },
    async (req, reply) => {
      const csv = await importRejectsCsv(db, req.actor.orgId, req.params.id);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="import-${req.params.id}-rejects.csv"`)
        .send(Readable.from(csv));
    },
  );
}

// Reads the multipart parts in whatever order they come: text parts are collected and the
// file is streamed to a temporary file. Anything refused after the file was saved removes it.
async function receiveUpload(req: FastifyRequest): Promise<{ upload: ImportUpload; fields: ImportStartFields }> {
  if (!req.isMultipart()) throw invalid('file', 'send multipart/form-data with the CSV in a part named file');
  const values: Record<string, string> = {};
  let upload: ImportUpload | null = null;
  try {
    for await (const part of req.parts({ limits: { fileSize: MAX_UPLOAD_BYTES + 1 } })) {
      if (part.type === 'field') {
        values[part.fieldname] = String(part.value);
      } else if (part.fieldname !== 'file') {
        part.file.resume();
        throw invalid(part.fieldname, 'the only file part is named file');
      } else {
        upload = { ...(await saveUpload(part.file)), fileName: part.filename || 'upload.csv' };
      }
    }
    if (!upload) throw invalid('file', 'the CSV file is missing (a part named file)');
    return { upload, fields: parseFields(values) };
  } catch (error) {
    if (upload) await rm(upload.path, { force: true });
    throw error;
  }
}

function parseFields(values: Record<string, string>): ImportStartFields {
  const parsed = ImportStartFields.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const keys = issue && 'keys' in issue ? (issue.keys as string[]) : [];
  const field = [...(issue?.path ?? []), ...keys.slice(0, 1)].join('.') || 'body';
  const message = keys.length > 0 ? `unknown part ${keys.join(', ')}` : (issue?.message ?? 'invalid');
  throw new AppError('validation_failed', `${field}: ${message}`, field);
}
