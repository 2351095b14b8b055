import type { LeadStage } from '../../lifecycle/constants.ts';
import { AppError } from '../../shared/app-error.ts';
import { TOUCHPOINT_TYPES } from '../constants.ts';
import { type IngestPlan, planIngest } from '../ingest-plan.ts';
import { RowError } from './import-result.ts';
import type { ResolvedMapping } from './mapping.ts';
import type { DateFormat } from './parse-values.ts';
import { rowReader } from './row-values.ts';

/** Stages a file may name for a lead: the waterfall before a deal exists. */
export const IMPORTABLE_LEAD_STAGES = ['inquiry', 'mql', 'sal', 'sql'] as const satisfies readonly LeadStage[];

export interface LeadImportRow {
  readonly line: number;
  readonly plan: IngestPlan;
  readonly stage: (typeof IMPORTABLE_LEAD_STAGES)[number];
  readonly createdAt: Date;
}

// The ingest API's names for the fields it checks, and the file's.
const INGEST_FIELDS: Record<string, string> = {
  'lead.email': 'email',
  'lead.phone': 'phone',
  'touchpoint.occurredAt': 'occurred_at',
};

// One lead row checked as the ingest API checks an arrival (planIngest), so an imported
// lead is recognised, normalised and classified exactly as a captured one would be.
export function readLeadRow(
  mapping: ResolvedMapping,
  line: number,
  cells: readonly string[],
  now: Date,
  dateFormat?: DateFormat,
): LeadImportRow {
  const r = rowReader(mapping, line, cells, dateFormat);
  const stageText = r.text('stage')?.toLowerCase() ?? 'inquiry';
  const stage = IMPORTABLE_LEAD_STAGES.find((s) => s === stageText);
  if (!stage) {
    throw new RowError(
      'stage',
      `${stageText} is not one of ${IMPORTABLE_LEAD_STAGES.join(', ')}; opportunity, won and lost come from deals`,
    );
  }
  const typeText = r.text('touch_type') ?? 'import';
  const type = TOUCHPOINT_TYPES.find((t) => t === typeText);
  if (!type) throw new RowError('touch_type', `${typeText} is not one of ${TOUCHPOINT_TYPES.join(', ')}`);
  const createdAt = r.date('created_at');
  const occurredAt = r.date('occurred_at') ?? createdAt ?? now;
  let first = r.text('first_name');
  let last = r.text('last_name');
  const full = r.text('full_name');
  if (full !== null && first === null && last === null) {
    const space = full.lastIndexOf(' ');
    first = space > 0 ? full.slice(0, space) : full;
    last = space > 0 ? full.slice(space + 1) : null;
  }
  const email = r.text('email');
  if (email !== null && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
    throw new RowError('email', `${email} is not an e-mail address`);
  try {
    const plan = planIngest(
      {
        lead: {
          email,
          firstName: first,
          lastName: last,
          phone: r.text('phone'),
          title: r.text('title'),
          company: r.text('company'),
          country: r.text('country'),
          externalId: r.externalId(),
          custom: r.custom(),
        },
        touchpoint: {
          type,
          url: r.text('url'),
          referrer: r.text('referrer'),
          occurredAt: occurredAt.toISOString(),
          utmSource: r.text('utm_source'),
          utmMedium: r.text('utm_medium'),
          utmCampaign: r.text('utm_campaign'),
          utmTerm: r.text('utm_term'),
          utmContent: r.text('utm_content'),
        },
      },
      now,
    );
    return { line, plan, stage, createdAt: createdAt ?? occurredAt };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    const field = INGEST_FIELDS[error.field ?? ''] ?? error.field ?? 'row';
    const reason = error.message.includes(': ') ? error.message.slice(error.message.indexOf(': ') + 2) : error.message;
    throw new RowError(field, reason);
  }
}
