export const IMPORT_ENTITIES = ['leads', 'accounts', 'deals', 'users'] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

/** The Baton fields each entity reads; `custom.<name>` is accepted for leads, accounts and deals. */
export const ENTITY_FIELDS: Record<ImportEntity, readonly string[]> = {
  leads: [
    'external_id',
    'email',
    'first_name',
    'last_name',
    'full_name',
    'phone',
    'title',
    'company',
    'country',
    'stage',
    'created_at',
    'touch_type',
    'occurred_at',
    'url',
    'referrer',
    'utm_source',
    'utm_medium',
    'utm_campaign',
    'utm_term',
    'utm_content',
  ],
  accounts: ['external_id', 'name', 'domain', 'industry', 'employee_count', 'country', 'owner'],
  deals: [
    'external_id',
    'name',
    'account',
    'lead',
    'owner',
    'stage',
    'amount',
    'currency',
    'created_at',
    'closed_at',
    'expected_close_on',
    'outcome',
    'competitor',
  ],
  users: ['name', 'email', 'role', 'team', 'manager'],
};

export interface Mapping {
  /** Baton field → the column it is read from. */
  readonly fields: Readonly<Record<string, string>>;
  /** Per field, raw values replaced before parsing (a file's stage names, a misspelt product). */
  readonly values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** For files without ids: the external id is this prefix and the row's line number. */
  readonly externalIdFromLine?: string;
}

export interface Preset {
  readonly name: string;
  readonly entity: ImportEntity;
  /** Columns whose presence in the header identifies the export. */
  readonly detect: readonly string[];
  readonly mapping: Mapping;
}

const SALVIRT_CUSTOM = [
  'Authority',
  'Comp_size',
  'Competitors',
  'Purch_dept',
  'Partnership',
  'Budgt_alloc',
  'Forml_tend',
  'RFI',
  'RFP',
  'Growth',
  'Posit_statm',
  'Client',
  'Scope',
  'Strat_deal',
  'Cross_sale',
  'Up_sale',
  'Deal_type',
  'Needs_def',
  'Att_t_client',
];

export const PRESETS: readonly Preset[] = [
  {
    name: 'maven-sales-pipeline',
    entity: 'deals',
    detect: ['opportunity_id', 'sales_agent', 'deal_stage', 'close_value'],
    mapping: {
      fields: {
        external_id: 'opportunity_id',
        owner: 'sales_agent',
        'custom.product': 'product',
        account: 'account',
        stage: 'deal_stage',
        created_at: 'engage_date',
        closed_at: 'close_date',
        amount: 'close_value',
      },
      values: {
        stage: { Prospecting: 'discovery', Engaging: 'demo', Won: 'closed_won', Lost: 'closed_lost' },
        // The pipeline spells the product as products.csv does not (see the data set's README).
        'custom.product': { GTXPro: 'GTX Pro' },
      },
    },
  },
  {
    name: 'maven-accounts',
    entity: 'accounts',
    detect: ['account', 'sector', 'year_established', 'subsidiary_of'],
    mapping: {
      fields: {
        name: 'account',
        external_id: 'account',
        industry: 'sector',
        employee_count: 'employees',
        country: 'office_location',
        'custom.year_established': 'year_established',
        'custom.revenue': 'revenue',
        'custom.subsidiary_of': 'subsidiary_of',
      },
      values: { industry: { technolgy: 'technology' } },
    },
  },
  {
    name: 'maven-sales-teams',
    entity: 'users',
    detect: ['sales_agent', 'manager', 'regional_office'],
    mapping: { fields: { name: 'sales_agent', manager: 'manager', team: 'regional_office' } },
  },
  {
    name: 'salvirt-b2b',
    entity: 'deals',
    detect: ['Product', 'Seller', 'Source', 'Status', 'Deal_type'],
    mapping: {
      fields: {
        owner: 'Seller',
        outcome: 'Status',
        'custom.product': 'Product',
        'custom.source': 'Source',
        'custom.channel': 'Source',
        ...Object.fromEntries(SALVIRT_CUSTOM.map((c) => [`custom.${c.toLowerCase()}`, c])),
      },
      values: {
        'custom.channel': {
          'Joint past': 'partner',
          Referral: 'referral',
          Media: 'display',
          'Direct mail': 'email',
          'Online form': 'direct',
          Event: 'events',
          Other: 'other',
          Unknown: 'unassigned',
        },
      },
      // The file has no ids: its rows are numbered so a second run recognises them.
      externalIdFromLine: 'salvirt-',
    },
  },
  {
    name: 'hubspot-contacts',
    entity: 'leads',
    detect: ['Record ID', 'First Name', 'Last Name', 'Email'],
    mapping: {
      fields: {
        external_id: 'Record ID',
        first_name: 'First Name',
        last_name: 'Last Name',
        email: 'Email',
        phone: 'Phone Number',
        title: 'Job Title',
        company: 'Company Name',
        country: 'Country/Region',
        created_at: 'Create Date',
      },
    },
  },
  {
    name: 'hubspot-deals',
    entity: 'deals',
    detect: ['Record ID', 'Deal Name', 'Deal Stage'],
    mapping: {
      fields: {
        external_id: 'Record ID',
        name: 'Deal Name',
        stage: 'Deal Stage',
        amount: 'Amount',
        closed_at: 'Close Date',
        owner: 'Deal owner',
        created_at: 'Create Date',
        account: 'Associated Company',
      },
      values: {
        stage: {
          appointmentscheduled: 'discovery',
          qualifiedtobuy: 'demo',
          presentationscheduled: 'demo',
          decisionmakerboughtin: 'proposal',
          contractsent: 'negotiation',
          closedwon: 'closed_won',
          closedlost: 'closed_lost',
        },
      },
    },
  },
  {
    name: 'salesforce-leads',
    entity: 'leads',
    detect: ['Lead ID', 'First Name', 'Last Name', 'Email'],
    mapping: {
      fields: {
        external_id: 'Lead ID',
        first_name: 'First Name',
        last_name: 'Last Name',
        email: 'Email',
        phone: 'Phone',
        title: 'Title',
        company: 'Company / Account',
        created_at: 'Created Date',
        utm_source: 'Lead Source',
      },
    },
  },
  {
    name: 'salesforce-opportunities',
    entity: 'deals',
    detect: ['Opportunity ID', 'Opportunity Name', 'Stage'],
    mapping: {
      fields: {
        external_id: 'Opportunity ID',
        name: 'Opportunity Name',
        account: 'Account Name',
        stage: 'Stage',
        amount: 'Amount',
        closed_at: 'Close Date',
        owner: 'Opportunity Owner',
        created_at: 'Created Date',
      },
      values: {
        stage: {
          Prospecting: 'discovery',
          Qualification: 'discovery',
          'Needs Analysis': 'demo',
          'Value Proposition': 'demo',
          'Proposal/Price Quote': 'proposal',
          'Negotiation/Review': 'negotiation',
          'Closed Won': 'closed_won',
          'Closed Lost': 'closed_lost',
        },
      },
    },
  },
];

export function detectPreset(entity: ImportEntity, header: readonly string[]): Preset | null {
  const names = new Set(header.map((h) => h.trim()));
  return PRESETS.find((p) => p.entity === entity && p.detect.every((c) => names.has(c))) ?? null;
}

export interface ResolvedMapping {
  /** Baton field → column index. */
  readonly columns: ReadonlyMap<string, number>;
  readonly values: Readonly<Record<string, Readonly<Record<string, string>>>>;
  readonly externalIdFromLine: string | null;
  readonly preset: string | null;
}

export type MappingResult = { ok: true; mapping: ResolvedMapping } | { ok: false; errors: string[] };

// Explicit `--map` entries win over a mapping file, which wins over a detected preset; with
// none of them, a column named like a field (case, spaces and dashes aside) maps to it.
export function resolveMapping(
  entity: ImportEntity,
  header: readonly string[],
  explicit: { file?: Mapping; maps?: Readonly<Record<string, string>> } = {},
): MappingResult {
  const preset = detectPreset(entity, header);
  const base: Mapping = explicit.file ?? preset?.mapping ?? { fields: sameNamed(entity, header) };
  const fields = { ...base.fields, ...explicit.maps };
  const index = new Map(header.map((h, i) => [h.trim(), i]));
  const columns = new Map<string, number>();
  const errors: string[] = [];
  for (const [field, column] of Object.entries(fields)) {
    if (!isField(entity, field)) {
      errors.push(`${field}: not a ${entity} field (${ENTITY_FIELDS[entity].join(', ')}, custom.<name>)`);
      continue;
    }
    const at = index.get(column);
    if (at === undefined) errors.push(`${field}: the file has no column ${column}`);
    else columns.set(field, at);
  }
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    mapping: {
      columns,
      values: base.values ?? {},
      externalIdFromLine: base.externalIdFromLine ?? null,
      preset: explicit.file ? null : (preset?.name ?? null),
    },
  };
}

/** `--map column=field` arguments as field → column. */
export function parseMapArguments(args: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const arg of args) {
    const eq = arg.lastIndexOf('=');
    if (eq <= 0 || eq === arg.length - 1) throw new Error(`--map: ${arg} is not column=field`);
    out[arg.slice(eq + 1).trim()] = arg.slice(0, eq).trim();
  }
  return out;
}

function isField(entity: ImportEntity, field: string): boolean {
  if (field.startsWith('custom.')) return entity !== 'users' && /^custom\.[a-z][a-z0-9_]{0,62}$/.test(field);
  return ENTITY_FIELDS[entity].includes(field);
}

function sameNamed(entity: ImportEntity, header: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const column of header) {
    const key = column
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
    if (ENTITY_FIELDS[entity].includes(key)) out[key] = column.trim();
  }
  return out;
}

/** The row's value of a field after the mapping's value replacements; null when empty or unmapped. */
export function cellOf(mapping: ResolvedMapping, cells: readonly string[], field: string): string | null {
  const at = mapping.columns.get(field);
  if (at === undefined) return null;
  const raw = (cells[at] ?? '').trim();
  if (raw === '') return null;
  return mapping.values[field]?.[raw] ?? raw;
}
