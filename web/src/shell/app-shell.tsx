import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate } from '@tanstack/react-router';
import { Suspense, useState } from 'react';
import type { Role } from '../../../src/shared/actor.ts';
import { abilities, may, signOut, useSession } from '../platform/session.ts';
import { settingsTabsFor } from '../platform/settings-page.tsx';
import { useGoKeys, useKeys } from './keyboard.ts';
import { NotificationBell } from './notification-bell.tsx';
import { Dialog, Kbd, Loading } from './ui.tsx';

interface Area {
  readonly to: '/queue' | '/leads' | '/pipeline' | '/accounts' | '/campaigns' | '/reports' | '/scorecard' | '/huddle';
  readonly label: string;
  readonly key: string;
}

const AREAS: readonly Area[] = [
  { to: '/queue', label: 'Queue', key: 'q' },
  { to: '/leads', label: 'Leads', key: 'l' },
  { to: '/pipeline', label: 'Pipeline', key: 'p' },
  { to: '/accounts', label: 'Accounts', key: 'a' },
  { to: '/campaigns', label: 'Campaigns', key: 'c' },
  { to: '/reports', label: 'Reports', key: 'r' },
  { to: '/scorecard', label: 'Scorecard', key: 'o' },
  { to: '/huddle', label: 'Huddle', key: 'h' },
];

// Capture tools, shown to the roles whose permission rules admit them.
const TOOLS = [
  { to: '/import', label: 'Import', key: 'i', shown: (role: Role) => may(role, 'POST', '/imports') },
  {
    to: '/duplicates',
    label: 'Duplicates',
    key: 'd',
    shown: (role: Role) => may(role, 'GET', '/leads/duplicates') && may(role, 'POST', '/leads/merges'),
  },
] as const;

const ROLE_LABEL = {
  admin: 'Admin',
  marketing: 'Marketing',
  sales_manager: 'Sales manager',
  sales_rep: 'Sales rep',
} as const;

export function AppShell() {
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [help, setHelp] = useState(false);
  const role = session.user.role;
  const signOutMutation = useMutation({ mutationFn: () => signOut(queryClient) });

  const go: Record<string, () => void> = {};
  for (const area of AREAS) go[area.key] = () => void navigate({ to: area.to });
  const tools = TOOLS.filter((tool) => tool.shown(role));
  for (const tool of tools) go[tool.key] = () => void navigate({ to: tool.to });
  // Settings shows the tabs a role may use (settings-page.tsx); everyone reads the MQL definition.
  const settings = settingsTabsFor(role).length > 0;
  if (settings) go.s = () => void navigate({ to: '/settings' });
  if (abilities.auditLog(role)) go.u = () => void navigate({ to: '/audit-log' });
  useGoKeys(go);
  useKeys({ '?': () => setHelp(true) });

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="sidebar" aria-label="Product areas">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Baton
        </div>
        <ul className="nav-list">
          {AREAS.map((area) => (
            <li key={area.to}>
              <Link to={area.to} className="nav-link" activeProps={{ className: 'nav-link active' }}>
                {area.label}
                <span className="nav-key" aria-hidden="true">
                  g {area.key}
                </span>
              </Link>
            </li>
          ))}
        </ul>
        {tools.length > 0 ? (
          <ul className="nav-list nav-list-admin" aria-label="Capture tools">
            {tools.map((tool) => (
              <li key={tool.to}>
                <Link to={tool.to} className="nav-link" activeProps={{ className: 'nav-link active' }}>
                  {tool.label}
                  <span className="nav-key" aria-hidden="true">
                    g {tool.key}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
        {settings || abilities.auditLog(role) ? (
          <ul className="nav-list nav-list-admin">
            {settings ? (
              <li>
                <Link to="/settings" className="nav-link" activeProps={{ className: 'nav-link active' }}>
                  Settings
                  <span className="nav-key" aria-hidden="true">
                    g s
                  </span>
                </Link>
              </li>
            ) : null}
            {abilities.auditLog(role) ? (
              <li>
                <Link to="/audit-log" className="nav-link" activeProps={{ className: 'nav-link active' }}>
                  Audit log
                  <span className="nav-key" aria-hidden="true">
                    g u
                  </span>
                </Link>
              </li>
            ) : null}
          </ul>
        ) : null}
        <div className="sidebar-foot">
          <NotificationBell />
          <div className="who">
            <div className="who-name">{session.user.name}</div>
            <div className="who-meta">
              {ROLE_LABEL[role]} · {session.org.name}
            </div>
          </div>
          <Link to="/account/password" className="nav-link nav-link-small">
            Change password
          </Link>
          <button
            type="button"
            className="nav-link nav-link-small"
            onClick={() => signOutMutation.mutate()}
            disabled={signOutMutation.isPending}
          >
            Sign out
          </button>
          <button type="button" className="nav-link nav-link-small" onClick={() => setHelp(true)}>
            Keyboard shortcuts <Kbd>?</Kbd>
          </button>
        </div>
      </nav>
      <main id="main" className="main">
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      {help ? <ShortcutHelp onClose={() => setHelp(false)} /> : null}
    </div>
  );
}

const SHORTCUTS: readonly [string, string][] = [
  ['g l · g p · g q …', 'go to Leads, Pipeline, Queue … (the letters beside each area)'],
  ['g i · g d', 'go to Import, Duplicates (marketing, admins)'],
  ['g s · g u', 'go to Settings, Audit log (admins)'],
  ['/', 'search leads'],
  ['j · k', 'next, previous row'],
  ['a · r · c', 'accept, reject, recycle the selected MQL (Queue)'],
  ['1 … 9', 'choose a reason in the reject or recycle dialog'],
  ['Enter', 'open the selected row'],
  ['x', 'select the row for bulk actions'],
  ['m', 'move the focused deal on the pipeline'],
  ['Escape', 'close a dialog'],
  ['?', 'this list'],
];

function ShortcutHelp({ onClose }: { onClose: () => void }) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="table table-compact">
        <tbody>
          {SHORTCUTS.map(([keys, meaning]) => (
            <tr key={keys}>
              <td>
                <Kbd>{keys}</Kbd>
              </td>
              <td>{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
}
