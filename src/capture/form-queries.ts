import type { Selectable } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { CustomFieldType } from '../lifecycle/constants.ts';
import { getCustomFields } from '../lifecycle/settings-queries.ts';
import { notFound } from '../shared/app-error.ts';
import { cursorOf, type Page } from '../shared/cursor.ts';
import type { FormId, OrgId } from '../shared/ids.ts';
import { pageFromRows } from '../shared/page.ts';
import type { FormsTable } from './capture.tables.ts';
import { renderSnippet } from './form-snippet.ts';
import type { Form, FormListQuery } from './forms.schema.ts';
import { findForm, listFormRows } from './forms.store.ts';

export async function getForm(db: Executor, orgId: OrgId, id: FormId): Promise<Form> {
  const row = await findForm(db, orgId, id);
  if (!row) throw notFound('form', id);
  return toForm(row);
}

export async function listForms(db: Executor, orgId: OrgId, query: FormListQuery): Promise<Page<Form>> {
  const rows = await listFormRows(db, orgId, query, cursorOf(query));
  return pageFromRows(rows, query, toForm);
}

/** The HTML to paste into a site; `origin` is where Baton is reachable from visitors' browsers. */
export async function getFormSnippet(db: Executor, orgId: OrgId, id: FormId, origin: string): Promise<string> {
  const row = await findForm(db, orgId, id);
  if (!row) throw notFound('form', id);
  return renderSnippet(toForm(row), origin);
}

/** The org's custom lead fields by key, which type a form's custom values. */
export async function customLeadFieldTypes(db: Executor, orgId: OrgId): Promise<Map<string, CustomFieldType>> {
  const { items } = await getCustomFields(db, orgId, 'lead');
  return new Map(items.map((def) => [def.key, def.type]));
}

export function toForm(row: Selectable<FormsTable>): Form {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    fields: row.fields,
    campaignId: row.campaign_id,
    redirectUrl: row.redirect_url,
    honeypotField: row.honeypot_field,
    active: row.active,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
