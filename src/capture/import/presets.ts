import type { ImportEntity, Mapping } from './mapping.ts';

// Column mappings of the exports Baton recognises from their header: HubSpot and Salesforce
// exports and the shared data sets. Each declares the custom fields it fills, with their
// types, so an organisation importing one for the first time gets those fields defined.

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
      customFields: { product: 'text' },
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
      customFields: { year_established: 'number', revenue: 'number', subsidiary_of: 'text' },
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
      customFields: {
        product: 'text',
        source: 'text',
        channel: 'text',
        ...Object.fromEntries(SALVIRT_CUSTOM.map((c) => [c.toLowerCase(), 'text' as const])),
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
