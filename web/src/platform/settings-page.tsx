import { getRouteApi, Link } from '@tanstack/react-router';
import type { Role } from '../../../src/shared/actor.ts';
import { MqlSettings } from '../handoff/mql-settings.tsx';
import { RoutingSettings } from '../handoff/routing-settings.tsx';
import { SlaSettingsTab } from '../handoff/sla-settings.tsx';
import { DealStagesSettings } from '../lifecycle/deal-stages-settings.tsx';
import { ReasonCodesSettings } from '../lifecycle/reason-codes-settings.tsx';
import { PageHeader } from '../shell/ui.tsx';
import { ApiKeysSettings } from './api-keys-settings.tsx';
import { abilities, may, useSession } from './session.ts';
import { UsersSettings } from './users-settings.tsx';

export const SETTINGS_TABS = [
  'users',
  'api-keys',
  'reason-codes',
  'deal-stages',
  'routing',
  'service-levels',
  'mql-definition',
] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

const TAB_LABEL: { readonly [T in SettingsTab]: string } = {
  users: 'Users and roles',
  'api-keys': 'API keys',
  'reason-codes': 'Reason codes',
  'deal-stages': 'Deal stages',
  routing: 'Routing',
  'service-levels': 'Service levels',
  'mql-definition': 'MQL definition',
};

const route = getRouteApi('/app/settings');

// Admins see every tab. The hand-off's tabs go to whoever may change them (managers edit
// routing and service levels); the MQL definition is the agreement both teams see, so
// everyone who may read it gets its tab (read-only unless they may change it).
const TAB_ALLOWED: { readonly [T in SettingsTab]: (role: Role) => boolean } = {
  users: abilities.settings,
  'api-keys': abilities.settings,
  'reason-codes': abilities.settings,
  'deal-stages': abilities.settings,
  routing: (role) => abilities.settings(role) || may(role, 'PUT', '/handoff/routing-rules'),
  'service-levels': (role) => abilities.settings(role) || may(role, 'PUT', '/handoff/sla-settings'),
  'mql-definition': (role) => may(role, 'GET', '/handoff/mql-definition'),
};

export function settingsTabsFor(role: Role): SettingsTab[] {
  return SETTINGS_TABS.filter((t) => TAB_ALLOWED[t](role));
}

export function SettingsPage() {
  const session = useSession();
  const tabs = settingsTabsFor(session.user.role);
  const requested = route.useSearch().tab;
  const tab = requested && tabs.includes(requested) ? requested : tabs[0];
  if (tab === undefined) return <NotPermitted area="Settings" />;
  return (
    <section className="page">
      <PageHeader title="Settings" />
      <nav className="tabs" aria-label="Settings sections">
        {tabs.map((t) => (
          <Link
            key={t}
            to="/settings"
            search={{ tab: t }}
            className="tab"
            aria-current={t === tab ? 'page' : undefined}
          >
            {TAB_LABEL[t]}
          </Link>
        ))}
      </nav>
      <div className="tab-panel">
        {tab === 'users' ? <UsersSettings /> : null}
        {tab === 'api-keys' ? <ApiKeysSettings /> : null}
        {tab === 'reason-codes' ? <ReasonCodesSettings /> : null}
        {tab === 'deal-stages' ? <DealStagesSettings /> : null}
        {tab === 'routing' ? <RoutingSettings /> : null}
        {tab === 'service-levels' ? <SlaSettingsTab /> : null}
        {tab === 'mql-definition' ? <MqlSettings /> : null}
      </div>
    </section>
  );
}

/** Shown instead of a page the role may not use, without asking the API (which would answer 403). */
export function NotPermitted({ area }: { area: string }) {
  const session = useSession();
  return (
    <section className="page">
      <PageHeader title={area} />
      <div className="state state-forbidden" role="alert">
        <strong>{area} are for admins.</strong> You are signed in as {session.user.name} with the role{' '}
        {session.user.role.replace('_', ' ')}. Ask an admin of {session.org.name} if you need a change here.
      </div>
    </section>
  );
}
