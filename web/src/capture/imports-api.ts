import { queryOptions } from '@tanstack/react-query';
import type {
  ImportEntityList,
  ImportPreview,
  ImportPreviewInput,
  ImportRun,
  ImportRunDetail,
} from '../../../src/capture/import/imports.schema.ts';
import { API_BASE, ApiError, api, type Page } from '../platform/api.ts';

/** The first part of a file the preview reads; enough for the header and a few hundred rows. */
export const SAMPLE_BYTES = 64 * 1024;

export const importEntitiesQuery = queryOptions({
  queryKey: ['imports', 'entities'],
  queryFn: ({ signal }) => api.get<ImportEntityList>('/imports/entities', undefined, signal),
  staleTime: Number.POSITIVE_INFINITY,
});

export const importRunQuery = (id: string) =>
  queryOptions({
    queryKey: ['imports', 'run', id],
    queryFn: ({ signal }) => api.get<ImportRunDetail>(`/imports/${id}`, undefined, signal),
    // Polled while the run goes on; a finished run does not change.
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 500 : false),
  });

export const importRunsQuery = (cursor: string | null) =>
  queryOptions({
    queryKey: ['imports', 'list', cursor],
    queryFn: ({ signal }) => api.get<Page<ImportRun>>('/imports', { limit: 20, cursor }, signal),
  });

export async function readSample(file: File): Promise<{ text: string; partial: boolean }> {
  const partial = file.size > SAMPLE_BYTES;
  return { text: await file.slice(0, SAMPLE_BYTES).text(), partial };
}

export function previewImport(input: ImportPreviewInput): Promise<ImportPreview> {
  return api.post<ImportPreview>('/imports/preview', input);
}

export interface ImportUploadInput {
  readonly entity: string;
  readonly file: File;
  readonly mapping?: Record<string, string> | undefined;
  readonly customFields?: Record<string, string> | undefined;
  readonly dateFormat?: string | undefined;
  readonly dryRun: boolean;
}

// The upload goes through XMLHttpRequest rather than fetch because only XHR reports upload
// progress, which matters for a file of many megabytes. It sends the session cookie and the
// CSRF token as every other write does, and fails with the same ApiError.
export function uploadImport(
  input: ImportUploadInput,
  csrfToken: string | undefined,
  onProgress: (fraction: number) => void,
): Promise<ImportRun> {
  const form = new FormData();
  form.append('entity', input.entity);
  form.append('dryRun', String(input.dryRun));
  if (input.mapping) form.append('mapping', JSON.stringify(input.mapping));
  if (input.customFields && Object.keys(input.customFields).length > 0) {
    form.append('customFields', JSON.stringify(input.customFields));
  }
  if (input.dateFormat) form.append('dateFormat', input.dateFormat);
  form.append('file', input.file, input.file.name);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/imports`);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'network', 'Baton cannot be reached; check the connection and try again'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = null;
      }
      if (xhr.status === 202) resolve(body as ImportRun);
      else reject(toApiError(xhr.status, body));
    };
    xhr.send(form);
  });
}

function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown; field?: unknown } } | null)?.error;
  return new ApiError(
    status,
    typeof error?.code === 'string' ? error.code : 'internal',
    typeof error?.message === 'string' ? error.message : `the upload failed (${status})`,
    typeof error?.field === 'string' ? error.field : undefined,
  );
}

export function rejectsCsvUrl(runId: string): string {
  return `${API_BASE}/imports/${runId}/rejects.csv`;
}

const UNITS = ['bytes', 'KB', 'MB', 'GB'];

export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${UNITS[unit]}`;
}
