import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { MqlDefinition } from '../../../src/handoff/mql.schema.ts';
import type { RoutingRuleList } from '../../../src/handoff/routing.schema.ts';
import type { Role } from '../../../src/shared/actor.ts';
import { type ApiClient, apiAs } from './api-client.ts';

// What the hand-off journey sets up in the demo organisation of its own Baton, through the
// API as the demo admin: a team with a manager and one rep (invited, so they have a
// password to sign in with), a territory rule that routes the journey's country to that
// team, an MQL definition under which one form fill qualifies, and a web form.

export interface Person {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly role: Role;
  /** Acts as this person through the API (an API key made for them by the admin). */
  readonly api: ApiClient;
}

export interface HandoffOrg {
  readonly team: { readonly id: string; readonly name: string };
  readonly manager: Person;
  readonly rep: Person;
  readonly marketing: Person;
  /** The password of the invited manager and rep. */
  readonly password: string;
  readonly rule: { readonly id: string; readonly name: string; readonly country: string };
  readonly definition: MqlDefinition;
  readonly form: { readonly id: string; readonly snippet: string };
}

/** The lead fields the journey's form fills, as the MQL definition names them. */
export const FORM_FILLS = ['email', 'firstName', 'lastName', 'title', 'companyName', 'country'] as const;

export async function setUpHandoffOrg(
  batonUrl: string,
  admin: ApiClient,
  options: { readonly marketingEmail: string; readonly redirectUrl: string },
): Promise<HandoffOrg> {
  const suffix = randomBytes(3).toString('hex');
  const password = `handoff-${randomBytes(8).toString('hex')}`;
  const person = async (id: string, name: string, email: string, role: Role): Promise<Person> => {
    const key = await admin.send<{ secret: string }>('POST', '/api-keys', {
      name: `hand-off journey ${name}`,
      userId: id,
    });
    return { id, name, email, role, api: apiAs(batonUrl, key.secret) };
  };
  const invite = async (name: string, role: Role, teamId: string | null): Promise<Person> => {
    const email = `${name.toLowerCase().replace(' ', '.')}.${suffix}@northwind.example`;
    const { url } = await admin.send<{ url: string }>('POST', '/invitations', { email, role, teamId });
    const token = url.split('/invite/')[1];
    const accepted = await apiAs(batonUrl, null).send<{ user: { id: string } }>('POST', '/invitations/accept', {
      token,
      name,
      password,
    });
    return person(accepted.user.id, name, email, role);
  };

  const manager = await invite('Mona Lindqvist', 'sales_manager', null);
  const team = await admin.send<{ id: string; name: string }>('POST', '/teams', {
    name: `Nordics ${suffix}`,
    managerId: manager.id,
  });
  await admin.send('PATCH', `/users/${manager.id}`, { teamId: team.id });
  const rep = await invite('Rafael Sousa', 'sales_rep', team.id);
  const users = await admin.get<{ items: { id: string; name: string; email: string }[] }>('/users');
  const marketingUser = users.items.find((u) => u.email === options.marketingEmail);
  if (!marketingUser) throw new Error(`no user ${options.marketingEmail} in the demo organisation`);
  const marketing = await person(marketingUser.id, marketingUser.name, marketingUser.email, 'marketing');

  // The demo organisation routes by its defaults; saving rules replaces them, so the
  // account owner rule stays first, as a real organisation would keep it.
  const before = await admin.get<RoutingRuleList>('/handoff/routing-rules');
  expect(before.defaultsApply, 'the demo organisation starts with the default routing').toBe(true);
  const ruleName = `Nordics desk ${suffix}`;
  const country = 'IS';
  const saved = await admin.send<RoutingRuleList>('PUT', '/handoff/routing-rules', {
    rules: [
      { kind: 'account_owner' },
      { kind: 'territory', name: ruleName, teamId: team.id, match: { countries: [country, 'NO'] } },
    ],
  });
  const rule = saved.rules.find((r) => r.name === ruleName);
  if (!rule) throw new Error(`the saved routing rules lack ${ruleName}: ${JSON.stringify(saved)}`);

  // Whatever the current definition is, keep it but let one form fill reach the threshold.
  const current = await admin.get<MqlDefinition>('/handoff/mql-definition');
  const formFill = current.scoringRules.find((r) => r.kind === 'touch' && r.touchType === 'form_fill');
  if (!formFill || formFill.points <= 0) throw new Error('the MQL definition gives a form fill no points');
  expect(
    current.requiredFields.filter((f) => !(FORM_FILLS as readonly string[]).includes(f)),
    'the journey form fills every required field',
  ).toEqual([]);
  const { version: _version, createdBy: _by, createdAt: _at, ...rules } = current;
  const definition = await admin.send<MqlDefinition>('PUT', '/handoff/mql-definition', {
    ...rules,
    scoreThreshold: formFill.points,
  });
  expect(definition.version).toBe(current.version + 1);

  const form = await admin.send<{ id: string }>('POST', '/forms', {
    name: `Nordics demo request ${suffix}`,
    fields: [
      { name: 'email', label: 'Work e-mail', type: 'email', required: true, mapsTo: 'email' },
      { name: 'first_name', label: 'First name', mapsTo: 'firstName' },
      { name: 'last_name', label: 'Last name', mapsTo: 'lastName' },
      { name: 'title', label: 'Job title', mapsTo: 'title' },
      { name: 'company', label: 'Company', mapsTo: 'company' },
      { name: 'country', label: 'Country', mapsTo: 'country' },
    ],
    redirectUrl: options.redirectUrl,
  });
  const snippet = await admin.text(`/forms/${form.id}/snippet?origin=${encodeURIComponent(batonUrl)}`);
  return {
    team,
    manager,
    rep,
    marketing,
    password,
    rule: { id: rule.id, name: ruleName, country },
    definition,
    form: { id: form.id, snippet },
  };
}
