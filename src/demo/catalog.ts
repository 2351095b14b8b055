// Word lists and weights the generator draws from. Domains use the reserved `.example`
// top-level domain so demo data can never reach a real company's inbox.

export const FIRST_NAMES = (
  'Olivia Liam Emma Noah Ava Lucas Sophia Mateo Mia Elias Amelia Leon Harper Oscar Isla Felix Chloe ' +
  'Hugo Grace Theo Zoe Samuel Hannah Daniel Lea David Nora Jonas Maya Ethan Clara Arjun Priya Kenji ' +
  'Yuki Aisha Omar Fatima Lars Ingrid Marco Giulia Pablo Lucia Tomás Sofia Jakub Anna Wei Mei Kwame Ama ' +
  'Diego Valentina Ravi Ananya Sean Aoife Erik Freya'
).split(' ');

export const LAST_NAMES = (
  'Smith Johnson Williams Brown Garcia Miller Davis Martinez Lopez Wilson Anderson Taylor Thomas Moore ' +
  'Jackson Martin Lee Thompson White Harris Clark Lewis Walker Hall Young King Wright Scott Green Baker ' +
  'Adams Nelson Müller Schmidt Schneider Fischer Weber Meyer Dubois Laurent Rossi Bianchi Jansen Visser ' +
  'Andersson Nilsson Kowalski Nowak Patel Sharma Tanaka Sato Kim Park Chen Wang Murphy Byrne Okafor ' +
  'Mensah'
).split(' ');

export const COMPANY_PREFIXES = (
  'Bright Blue North Silver Iron Cedar Summit Harbor Vertex Nimbus Quantum Atlas Beacon Crest Delta ' +
  'Ember Falcon Granite Helix Indigo Juniper Keystone Lumen Meridian Nova Orbit Pioneer Quartz Redwood ' +
  'Sierra Tandem Umbra Vantage Willow Zenith Aurora Bolt Copper Drift Evergreen Fjord Glacier Horizon ' +
  'Ivy Jade Kestrel Lattice Mosaic Northstar Oak Pulse Raven Signal Tidal Unity Vector Wave Yonder ' +
  'Zephyr Alder Birch'
).split(' ');

export const COMPANY_CORES = (
  'Analytics Systems Labs Logistics Health Capital Software Networks Foods Energy Robotics Media ' +
  'Partners Dynamics Works Bank Insurance Learning Retail Motors Cloud Security Biotech Consulting ' +
  'Telecom Freight Studios Materials Pharma Data Devices Commerce Payments Supply Mobility Homes Travel ' +
  'Legal Markets Foundry'
).split(' ');

/** Extra words that keep names unique once every prefix-and-core pair has been used. */
export const COMPANY_DESCRIPTORS = (
  'Solutions Technologies Holdings International Global Industries Services Ventures Collective Digital ' +
  'Worldwide Enterprises Innovations Associates Interactive Brands Direct Alliance Consolidated Company'
).split(' ');

export const COMPANY_SUFFIXES = ['', ' Inc.', ' GmbH', ' Ltd', ' Group', ' Co.', ' AG', ' LLC'];

export interface IndustryDef {
  readonly name: string;
  readonly weight: number;
  /** How well the industry fits the product; 1 is average. */
  readonly fit: number;
}

export const INDUSTRIES: readonly IndustryDef[] = [
  { name: 'Software', weight: 22, fit: 1.25 },
  { name: 'Financial services', weight: 12, fit: 1.15 },
  { name: 'Professional services', weight: 11, fit: 1.1 },
  { name: 'Healthcare', weight: 9, fit: 0.95 },
  { name: 'Manufacturing', weight: 11, fit: 0.95 },
  { name: 'Retail', weight: 8, fit: 0.8 },
  { name: 'Education', weight: 6, fit: 0.7 },
  { name: 'Logistics', weight: 7, fit: 0.95 },
  { name: 'Media', weight: 6, fit: 0.9 },
  { name: 'Telecommunications', weight: 8, fit: 1.05 },
];

export const COUNTRIES: readonly (readonly [string, number])[] = [
  ['US', 40],
  ['GB', 12],
  ['DE', 12],
  ['CA', 6],
  ['FR', 6],
  ['NL', 5],
  ['AU', 4],
  ['SE', 3],
  ['ES', 3],
  ['IN', 5],
  ['CH', 2],
  ['IE', 2],
];

export const DIAL_CODES: Readonly<Record<string, string>> = {
  US: '+1',
  CA: '+1',
  GB: '+44',
  DE: '+49',
  FR: '+33',
  NL: '+31',
  AU: '+61',
  SE: '+46',
  ES: '+34',
  IN: '+91',
  CH: '+41',
  IE: '+353',
};

/** Employee-count bands: [min, max, weight]. */
export const COMPANY_SIZES: readonly (readonly [number, number, number])[] = [
  [5, 49, 30],
  [50, 199, 32],
  [200, 999, 25],
  [1000, 20000, 13],
];

export interface TitleDef {
  readonly title: string;
  readonly weight: number;
  readonly fit: number;
}

export const TITLES: readonly TitleDef[] = [
  { title: 'Chief Marketing Officer', weight: 3, fit: 1.3 },
  { title: 'Chief Revenue Officer', weight: 2, fit: 1.35 },
  { title: 'VP of Sales', weight: 5, fit: 1.3 },
  { title: 'VP of Marketing', weight: 5, fit: 1.3 },
  { title: 'Head of Revenue Operations', weight: 5, fit: 1.35 },
  { title: 'Director of Demand Generation', weight: 6, fit: 1.2 },
  { title: 'Sales Director', weight: 5, fit: 1.15 },
  { title: 'Marketing Manager', weight: 12, fit: 1 },
  { title: 'Sales Operations Manager', weight: 8, fit: 1.1 },
  { title: 'Account Executive', weight: 9, fit: 0.8 },
  { title: 'Marketing Specialist', weight: 10, fit: 0.85 },
  { title: 'Founder & CEO', weight: 6, fit: 1.15 },
  { title: 'IT Manager', weight: 5, fit: 0.75 },
  { title: 'Consultant', weight: 5, fit: 0.6 },
  { title: 'Student', weight: 3, fit: 0.25 },
  { title: 'Intern', weight: 2, fit: 0.3 },
];

export const COMPETITORS = ['Relaywise', 'FunnelForge', 'PipeQuest', 'LeadLoop', 'Closewell'];

export const PRODUCT_PLANS = { smb: 'Team plan', mid: 'Growth plan', enterprise: 'Enterprise plan' } as const;

type Weights = readonly (readonly [string, number])[];

/** Why sales rejects a new MQL, before channel adjustments (see REJECT_BIAS). */
export const REJECT_REASONS: Weights = [
  ['bad_fit', 30],
  ['no_budget', 20],
  ['not_decision_maker', 18],
  ['bad_data', 10],
  ['student_or_job_seeker', 8],
  ['competitor', 5],
  ['duplicate', 9],
];

/** Why marketing disqualifies an inquiry before it is ever routed. */
export const MARKETING_REJECT_REASONS: Weights = [
  ['bad_data', 40],
  ['student_or_job_seeker', 25],
  ['competitor', 15],
  ['duplicate', 20],
];

/** Reason codes a channel produces more (factor > 1) or less often than average. */
export const REJECT_BIAS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  display: { bad_data: 2.5, bad_fit: 1.6, student_or_job_seeker: 2 },
  affiliates: { bad_data: 2, bad_fit: 1.5, duplicate: 2 },
  paid_social: { student_or_job_seeker: 1.8, bad_fit: 1.3 },
  events: { not_decision_maker: 2.2, bad_data: 0.5 },
  referral: { no_budget: 2, bad_fit: 0.5, bad_data: 0.2 },
  partner: { no_budget: 1.6, bad_fit: 0.7 },
  paid_search: { competitor: 2, student_or_job_seeker: 1.3 },
};

export const RECYCLE_REASONS = {
  mql: [
    ['no_response', 45],
    ['not_ready', 25],
    ['timing', 20],
    ['nurture_needed', 10],
  ],
  sal: [
    ['no_response', 25],
    ['not_ready', 35],
    ['timing', 25],
    ['nurture_needed', 15],
  ],
  sql: [
    ['timing', 50],
    ['not_ready', 30],
    ['nurture_needed', 20],
  ],
  lost: [
    ['timing', 60],
    ['not_ready', 40],
  ],
  disqualified: [['nurture_needed', 1]],
} as const satisfies Record<string, Weights>;

/** Loss reasons by the open deal stage the deal was lost from. */
export const LOSS_REASONS: Readonly<Record<string, Weights>> = {
  discovery: [
    ['no_decision', 35],
    ['timing', 30],
    ['missing_feature', 20],
    ['price', 10],
    ['competitor_won', 5],
  ],
  demo: [
    ['missing_feature', 30],
    ['competitor_won', 25],
    ['no_decision', 25],
    ['price', 10],
    ['timing', 10],
  ],
  proposal: [
    ['price', 35],
    ['competitor_won', 35],
    ['no_decision', 20],
    ['timing', 10],
  ],
  negotiation: [
    ['price', 45],
    ['competitor_won', 35],
    ['no_decision', 10],
    ['timing', 10],
  ],
};

export const WIN_REASONS: Weights = [
  ['product_fit', 45],
  ['relationship', 20],
  ['time_to_value', 20],
  ['price', 15],
];

/** A note a rep sometimes adds when giving a reason, so timelines read like real ones. */
export const REASON_NOTES: Readonly<Record<string, string>> = {
  bad_fit: 'Company is far below our minimum size.',
  no_budget: 'Interested, but no budget until next fiscal year.',
  not_decision_maker: 'Researching for their manager; no buying authority.',
  bad_data: 'E-mail bounced and the phone number is not in service.',
  competitor: 'Works for a vendor in our space.',
  student_or_job_seeker: 'Student working on a thesis about CRM adoption.',
  duplicate: 'Already talking to this account through another contact.',
  no_response: 'Three calls and two e-mails, no answer.',
  not_ready: 'Still on spreadsheets; wants to revisit after their reorg.',
  timing: 'Asked for a callback next quarter.',
  nurture_needed: 'Needs to understand the product before a sales call.',
  price: 'Our quote was above their approved budget.',
  competitor_won: 'Went with a competitor already used by a sister company.',
  no_decision: 'Project shelved; staying with the status quo.',
  missing_feature: 'Needs an on-premise deployment we do not offer.',
};
