import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, Link, Outlet, redirect } from '@tanstack/react-router';
import type { JSX } from 'react';
import { DuplicatesPage } from './capture/duplicates-page.tsx';
import { ImportPage } from './capture/import-page.tsx';
import { QUEUE_TABS, QueuePage, type QueueTab } from './handoff/queue-page.tsx';
import { ScorecardPage } from './handoff/scorecard-page.tsx';
import { LeadPage } from './leads/lead-page.tsx';
import { parseLeadSearch } from './leads/lead-search.ts';
import { LeadsPage } from './leads/leads-page.tsx';
import { PipelinePage } from './lifecycle/pipeline-page.tsx';
import { AuditLogPage } from './platform/audit-log-page.tsx';
import { InvitationPage } from './platform/invitation-page.tsx';
import { PasswordPage } from './platform/password-page.tsx';
import { sessionQuery } from './platform/session.ts';
import { SETTINGS_TABS, SettingsPage } from './platform/settings-page.tsx';
import { SignInPage } from './platform/sign-in-page.tsx';
import { AppShell } from './shell/app-shell.tsx';
import { AccountsPage, CampaignsPage, HuddlePage, ReportsPage } from './shell/coming-soon-pages.tsx';
import { ErrorPanel } from './shell/ui.tsx';

export interface RouterContext {
  readonly queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: () => (
    <section className="page">
      <h1>Not found</h1>
      <p>
        There is no page here. <Link to="/leads">Go to Leads</Link>
      </p>
    </section>
  ),
  errorComponent: ({ error, reset }) => <ErrorPanel error={error} retry={reset} />,
});

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (raw: Record<string, unknown>): { redirect?: string | undefined } => ({
    redirect: typeof raw.redirect === 'string' ? raw.redirect : undefined,
  }),
  beforeLoad: async ({ context }) => {
    if (await context.queryClient.ensureQueryData(sessionQuery)) throw redirect({ to: '/leads' });
  },
  component: SignInPage,
});

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite/$token',
  component: InvitationPage,
});

// Everything else needs a session; without one the visitor is sent to sign in and brought
// back afterwards.
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const session = await context.queryClient.ensureQueryData(sessionQuery);
    if (!session) {
      throw redirect({ to: '/sign-in', search: { redirect: location.href === '/' ? undefined : location.href } });
    }
  },
  component: AppShell,
});

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/leads' });
  },
});

const leadsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads',
  validateSearch: parseLeadSearch,
  component: LeadsPage,
});

const leadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads/$leadId',
  component: LeadPage,
});

const pipelineRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/pipeline',
  validateSearch: (raw: Record<string, unknown>): { owner?: string | undefined } => ({
    owner: typeof raw.owner === 'string' && raw.owner !== '' ? raw.owner : undefined,
  }),
  component: PipelinePage,
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  validateSearch: (raw: Record<string, unknown>): { tab?: (typeof SETTINGS_TABS)[number] | undefined } => ({
    tab: SETTINGS_TABS.find((t) => t === raw.tab),
  }),
  component: SettingsPage,
});

const importRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/import',
  validateSearch: (raw: Record<string, unknown>): { run?: string | undefined } => ({
    run: typeof raw.run === 'string' && raw.run !== '' ? raw.run : undefined,
  }),
  component: ImportPage,
});

const queueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/queue',
  validateSearch: (raw: Record<string, unknown>): { tab?: QueueTab | undefined } => ({
    tab: QUEUE_TABS.find((t) => t === raw.tab),
  }),
  component: QueuePage,
});

const scorecardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/scorecard',
  validateSearch: (raw: Record<string, unknown>): { month?: string | undefined } => ({
    month: typeof raw.month === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(raw.month) ? raw.month : undefined,
  }),
  component: ScorecardPage,
});

const simple = <const P extends string>(path: P, component: () => JSX.Element) =>
  createRoute({ getParentRoute: () => appRoute, path, component });

const routeTree = rootRoute.addChildren([
  signInRoute,
  invitationRoute,
  appRoute.addChildren([
    indexRoute,
    leadsRoute,
    leadRoute,
    pipelineRoute,
    settingsRoute,
    importRoute,
    simple('/duplicates', DuplicatesPage),
    simple('/audit-log', AuditLogPage),
    simple('/account/password', PasswordPage),
    queueRoute,
    scorecardRoute,
    simple('/accounts', AccountsPage),
    simple('/campaigns', CampaignsPage),
    simple('/reports', ReportsPage),
    simple('/huddle', HuddlePage),
  ]),
]);

export function makeRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    defaultPreloadStaleTime: 0,
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof makeRouter>;
  }
}
