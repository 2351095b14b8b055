import type { AccountId, OrgId } from '../shared/ids.ts';
import type { Random } from '../shared/random.ts';
import { asciiLower } from './cast.ts';
import {
  COMPANY_CORES,
  COMPANY_DESCRIPTORS,
  COMPANY_PREFIXES,
  COMPANY_SIZES,
  COMPANY_SUFFIXES,
  COUNTRIES,
  DIAL_CODES,
  FIRST_NAMES,
  INDUSTRIES,
  LAST_NAMES,
  TITLES,
} from './catalog.ts';
import type { IdFactory } from './demo-ids.ts';
import type { DemoAccountRow } from './rows.ts';

export type Segment = 'smb' | 'mid' | 'enterprise';

/** Who filled in the form and for which company; `fit` is 1 for an average prospect. */
export interface Prospect {
  readonly account: DemoAccountRow | null;
  readonly companyName: string | null;
  readonly segment: Segment;
  readonly firstName: string;
  readonly lastName: string;
  readonly email: string;
  readonly phone: string | null;
  readonly title: string;
  readonly fit: number;
}

const RECENT_ACCOUNTS = 4000;
const REUSE_ACCOUNT = 0.35;
const PERSONAL_EMAIL = 0.06;
const NAME_STEP = 7919;

// Companies come from a bounded ring of recent accounts, so a buying group shows up
// together and memory stays flat however many leads are generated. Names are a
// permutation of the sequence number, so they never repeat and domains stay unique.
export function companyPool(orgId: OrgId, ids: IdFactory, random: Random) {
  const recent: DemoAccountRow[] = [];
  let sequence = 0;
  const fitOf = new Map<AccountId, number>();

  const newAccount = (at: number): DemoAccountRow => {
    const { name, domain } = companyName(sequence, random);
    sequence += 1;
    const industry = random.weighted(INDUSTRIES.map((i) => [i, i.weight] as const));
    const [min, max] = random.weighted(COMPANY_SIZES.map((s) => [s, s[2]] as const));
    const employees = Math.round(Math.exp(Math.log(min) + random.next() * (Math.log(max) - Math.log(min))));
    const account: DemoAccountRow = {
      org_id: orgId,
      id: ids<AccountId>(at),
      name,
      domain,
      industry: industry.name,
      employee_count: employees,
      country: random.weighted(COUNTRIES),
      owner_id: null,
      external_id: null,
      created_at: new Date(at),
      updated_at: new Date(at),
    };
    fitOf.set(account.id, industry.fit * sizeFit(employees));
    if (recent.length < RECENT_ACCOUNTS) recent.push(account);
    else {
      const evicted = recent[sequence % RECENT_ACCOUNTS];
      if (evicted) fitOf.delete(evicted.id);
      recent[sequence % RECENT_ACCOUNTS] = account;
    }
    return account;
  };

  return {
    /** A prospect at a new or recent company; a new account is appended to `created`. */
    prospect(at: number, created: DemoAccountRow[]): Prospect {
      const firstName = random.pick(FIRST_NAMES);
      const lastName = random.pick(LAST_NAMES);
      const title = random.weighted(TITLES.map((t) => [t, t.weight] as const));
      const local = random.chance(0.8)
        ? `${asciiLower(firstName)}.${asciiLower(lastName)}`
        : `${asciiLower(firstName).slice(0, 1)}${asciiLower(lastName)}`;
      if (random.chance(PERSONAL_EMAIL)) {
        return {
          account: null,
          companyName: random.chance(0.4) ? `${random.pick(COMPANY_PREFIXES)} ${random.pick(COMPANY_CORES)}` : null,
          segment: 'smb',
          firstName,
          lastName,
          email: `${local}${random.int(1, 99)}@mail.example`,
          phone: random.chance(0.3) ? phone(random, 'US') : null,
          title: title.title,
          fit: 0.45 * title.fit,
        };
      }
      let account = recent.length > 0 && random.chance(REUSE_ACCOUNT) ? random.pick(recent) : undefined;
      if (!account) {
        account = newAccount(at);
        created.push(account);
      }
      const employees = account.employee_count ?? 0;
      return {
        account,
        companyName: account.name,
        segment: employees >= 500 ? 'enterprise' : employees >= 50 ? 'mid' : 'smb',
        firstName,
        lastName,
        email: `${local}@${account.domain}`,
        phone: random.chance(0.7) ? phone(random, account.country ?? 'US') : null,
        title: title.title,
        fit: (fitOf.get(account.id) ?? 1) * title.fit,
      };
    },
  };
}

function companyName(sequence: number, random: Random): { name: string; domain: string } {
  const combos = COMPANY_PREFIXES.length * COMPANY_CORES.length;
  const index = (sequence * NAME_STEP) % combos;
  const round = Math.floor(sequence / combos);
  const parts = [
    COMPANY_PREFIXES[index % COMPANY_PREFIXES.length] ?? 'North',
    COMPANY_CORES[Math.floor(index / COMPANY_PREFIXES.length)] ?? 'Systems',
  ];
  if (round > 0) parts.push(COMPANY_DESCRIPTORS[(round - 1) % COMPANY_DESCRIPTORS.length] ?? 'Group');
  const number = round > COMPANY_DESCRIPTORS.length ? Math.floor((round - 1) / COMPANY_DESCRIPTORS.length) + 1 : 0;
  const name = `${parts.join(' ')}${number > 0 ? ` ${number}` : ''}`;
  const domain = `${parts.map(asciiLower).join('-')}${number > 0 ? `-${number}` : ''}.example`;
  return { name: `${name}${random.pick(COMPANY_SUFFIXES)}`, domain };
}

function sizeFit(employees: number): number {
  if (employees < 50) return 0.8;
  if (employees < 500) return 1.1;
  return 1.05;
}

// Numbers from ranges set aside for fiction (555-01xx in North America, 020 7946 0xxx in
// London), so no generated lead has a real person's phone number; elsewhere the digits
// are random and shaped like a local number.
function phone(random: Random, country: string): string {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join('');
  if (country === 'US' || country === 'CA') return `+1 ${random.int(201, 989)} 555 01${digits(2)}`;
  if (country === 'GB') return `+44 20 7946 0${digits(3)}`;
  return `${DIAL_CODES[country] ?? '+1'} ${random.int(20, 99)} ${digits(7)}`;
}
