import { getRouteApi, Link } from '@tanstack/react-router';
import { DealStagesSettings } from '../lifecycle/deal-stages-settings.tsx';
import { ReasonCodesSettings } from '../lifecycle/reason-codes-settings.tsx';
import { PageHeader } from '../shell/ui.tsx';
import { ApiKeysSettings } from './api-keys-settings.tsx';
import { abilities, useSession } from './session.ts';
import { UsersSettings } from './users-settings.tsx';

export const SETTINGS_TABS = ['users', 'api-keys', 'reason-codes', 'deal-stages'] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

const TAB_LABEL: { readonly [T in SettingsTab]: string } = {
  users: 'Users and roles',
  'api-keys': 'API keys',
  'reason-codes': 'Reason codes',
  'deal-stages': 'Deal stages',
};

const route = getRouteApi('/app/settings');

export function SettingsPage() {
  const session = useSession();
  const { tab = 'users' } = route.useSearch();
  if (!abilities.settings(session.user.role)) return <NotPermitted area="Settings" />;
  return (
    <section className="page">
      <PageHeader title="Settings" />
      <nav className="tabs" aria-label="Settings sections">
        {SETTINGS_TABS.map((t) => (
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
