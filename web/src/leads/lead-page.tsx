import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { RoutingAssignment } from '../handoff/routing-assignment.tsx';
import { stageLabel } from '../lifecycle/stages.ts';
import { abilities, useSession } from '../platform/session.ts';
import { formatDay, formatMoney, humanize, personName } from '../shell/format.ts';
import { ErrorPanel, Loading } from '../shell/ui.tsx';
import { LeadProfile } from './lead-profile.tsx';
import { leadDealsQuery, leadQuery } from './lead-queries.ts';
import { LeadTimeline } from './lead-timeline.tsx';
import { QuickNote } from './quick-note.tsx';
import { StageActions } from './stage-actions.tsx';

const route = getRouteApi('/app/leads/$leadId');

export function LeadPage() {
  const { leadId } = route.useParams();
  const session = useSession();
  const lead = useQuery(leadQuery(leadId));
  const deals = useQuery(leadDealsQuery(leadId));
  if (lead.isPending) return <Loading label="Loading lead…" />;
  if (lead.isError) {
    return (
      <section className="page">
        <p>
          <Link to="/leads">← Leads</Link>
        </p>
        <ErrorPanel error={lead.error} retry={() => void lead.refetch()} />
      </section>
    );
  }
  const data = lead.data;
  return (
    <section className="page page-lead">
      <nav className="breadcrumbs" aria-label="Breadcrumbs">
        <Link to="/leads">Leads</Link> /
      </nav>
      <header className="lead-header">
        <div>
          <h1>{personName(data)}</h1>
          <div className="muted">
            {[data.title, data.companyName].filter(Boolean).join(' · ') || 'No title or company yet'}
          </div>
        </div>
        <span className={`stage stage-large stage-${data.stage}`} data-testid="lead-stage">
          {stageLabel(data.stage)}
        </span>
      </header>
      <StageActions lead={data} />
      <div className="lead-columns">
        <aside className="lead-side">
          <h2>Profile</h2>
          <LeadProfile lead={data} />
          <h2>Routing</h2>
          <RoutingAssignment leadId={leadId} />
          <h2>Deals</h2>
          {deals.isPending ? <Loading label="Loading deals…" /> : null}
          {deals.isError ? <ErrorPanel error={deals.error} /> : null}
          {deals.data?.length === 0 ? <p className="subtle">No deal yet; converting the lead creates one.</p> : null}
          <ul className="deal-list">
            {(deals.data ?? []).map((deal) => (
              <li key={deal.id}>
                <strong>{deal.name}</strong>
                <div className="subtle">
                  {humanize(deal.stage)} · {formatMoney(deal.amountMinor, deal.currency)}
                  {deal.expectedCloseOn ? ` · closes ${formatDay(deal.expectedCloseOn)}` : ''}
                </div>
              </li>
            ))}
          </ul>
        </aside>
        <div className="lead-main">
          {abilities.logActivities(session.user.role) ? <QuickNote leadId={leadId} /> : null}
          <h2>Timeline</h2>
          <LeadTimeline leadId={leadId} />
        </div>
      </div>
    </section>
  );
}
