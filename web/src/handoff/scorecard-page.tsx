import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { MarketingSegment, SalesFigures, Scorecard } from '../../../src/handoff/scorecard.schema.ts';
import { may, useSession } from '../platform/session.ts';
import { humanize } from '../shell/format.ts';
import { ErrorPanel, Loading, PageHeader } from '../shell/ui.tsx';
import { formatBusinessMinutes } from './queue-countdown.tsx';
import { scorecardQuery } from './scorecard-queries.ts';
import { TargetsEditor } from './targets-editor.tsx';
import './queue-scorecard.css';

// The SLA scorecard: how sales kept its side of the agreement per rep and team in a month,
// and marketing's MQLs against its targets. Everything shown comes from one API answer,
// which says what it counted.

const route = getRouteApi('/app/scorecard');

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

export function ScorecardPage() {
  const session = useSession();
  const { month } = route.useSearch();
  const navigate = route.useNavigate();
  const scorecard = useQuery({ ...scorecardQuery(month), placeholderData: keepPreviousData });
  const shown = scorecard.data?.month ?? month;
  const go = (next: string | undefined) => void navigate({ search: { month: next } });
  return (
    <section className="page page-wide">
      <PageHeader title="SLA scorecard" />
      <div className="scorecard-controls">
        <button type="button" className="button" disabled={!shown} onClick={() => shown && go(shiftMonth(shown, -1))}>
          ← Previous
        </button>
        <label className="inline-field">
          <span>Month</span>
          <input
            type="month"
            aria-label="Month"
            value={shown ?? ''}
            onChange={(event) => go(event.target.value || undefined)}
          />
        </label>
        <button type="button" className="button" disabled={!shown} onClick={() => shown && go(shiftMonth(shown, 1))}>
          Next →
        </button>
        {scorecard.data ? (
          <span className="muted">
            {scorecard.data.counted.acceptClocks} MQLs received by sales, {scorecard.data.counted.mqlEvents} delivered
            by marketing ({scorecard.data.timeZone})
          </span>
        ) : null}
      </div>
      {scorecard.isPending ? (
        <Loading label="Loading the scorecard…" />
      ) : scorecard.isError ? (
        <ErrorPanel error={scorecard.error} retry={() => void scorecard.refetch()} />
      ) : (
        <div className={scorecard.isPlaceholderData ? 'is-stale' : undefined}>
          <ScorecardView data={scorecard.data} />
          {may(session.user.role, 'PUT', '/handoff/targets') ? <TargetsEditor month={scorecard.data.month} /> : null}
        </div>
      )}
    </section>
  );
}

function ScorecardView({ data }: { data: Scorecard }) {
  return (
    <>
      <h2>Sales: accepting MQLs within the agreement</h2>
      <div className="table-wrap">
        <table className="table scorecard-table" data-testid="scorecard-reps">
          <FiguresHead first="Rep" />
          <tbody>
            {data.reps.map((rep) => (
              <tr key={rep.userId} className={rep.active ? undefined : 'row-inactive'}>
                <td className="col-name">
                  {rep.name}
                  {rep.teamName ? <span className="subtle"> · {rep.teamName}</span> : null}
                </td>
                <FiguresCells figures={rep} />
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h2>Per team</h2>
      <div className="table-wrap">
        <table className="table scorecard-table" data-testid="scorecard-teams">
          <FiguresHead first="Team" />
          <tbody>
            {data.teams.map((team) => (
              <tr key={team.teamId ?? 'none'}>
                <td className="col-name">{team.name}</td>
                <FiguresCells figures={team} />
              </tr>
            ))}
            <tr className="scorecard-total">
              <td>All of sales</td>
              <FiguresCells figures={data.total} />
            </tr>
          </tbody>
        </table>
      </div>
      <h2>Marketing: MQLs delivered against target</h2>
      <MarketingBars segments={data.marketing} elapsed={data.monthElapsed} />
      <p className="hint">{data.counted.definition}</p>
    </>
  );
}

function FiguresHead({ first }: { first: string }) {
  return (
    <thead>
      <tr>
        <th>{first}</th>
        <th className="num">MQLs received</th>
        <th className="num">Accepted</th>
        <th className="num">Within SLA</th>
        <th className="num">Median to accept</th>
        <th className="num">p90 to accept</th>
        <th className="num">Median to first activity</th>
        <th className="num">Breaches</th>
        <th className="num">Rejected</th>
        <th>Reject reasons</th>
      </tr>
    </thead>
  );
}

const percent = (rate: number | null) => (rate === null ? '–' : `${Math.round(rate * 100)}%`);
const minutes = (value: number | null) => (value === null ? '–' : formatBusinessMinutes(Math.round(value)));

function FiguresCells({ figures }: { figures: SalesFigures }) {
  return (
    <>
      <td className="num">{figures.received}</td>
      <td className="num">{figures.accepted}</td>
      <td className="num" title={`${figures.acceptedWithinSla} of ${figures.received} accepted in time`}>
        {percent(figures.withinSlaRate)}
      </td>
      <td className="num">{minutes(figures.medianMinutesToAccept)}</td>
      <td className="num">{minutes(figures.p90MinutesToAccept)}</td>
      <td className="num">{minutes(figures.medianMinutesToFirstActivity)}</td>
      <td className="num" title={`${figures.firstActivityBreaches} first-activity breaches besides`}>
        {figures.breaches}
      </td>
      <td className="num">
        {figures.rejected} <span className="subtle">({percent(figures.rejectRate)})</span>
      </td>
      <td className="scorecard-reasons" title={figures.rejectReasons.map((r) => `${r.label}: ${r.count}`).join('\n')}>
        {figures.rejectReasons
          .slice(0, 3)
          .map((r) => `${r.label} (${r.count})`)
          .join(' · ')}
        {figures.rejectReasons.length > 3 ? ` · ${figures.rejectReasons.length - 3} more` : ''}
      </td>
    </>
  );
}

function MarketingBars({ segments, elapsed }: { segments: readonly MarketingSegment[]; elapsed: number }) {
  return (
    <div className="segments" data-testid="scorecard-marketing">
      {segments.map((s) => {
        const share = s.progress === null ? 0 : Math.min(1, s.progress);
        const rateMissed = s.acceptRate !== null && s.acceptRateTarget !== null && s.acceptRate < s.acceptRateTarget;
        return (
          <div key={s.segment} className="segment-row">
            <span>{s.segment === 'all' ? 'All MQLs' : humanize(s.segment)}</span>
            <div className="bar" aria-hidden="true">
              <div
                className={(s.progress ?? 0) >= 1 ? 'bar-fill bar-fill-met' : 'bar-fill'}
                style={{ width: `${share * 100}%` }}
              />
              {s.mqlTarget !== null ? <div className="bar-pace" style={{ left: `${elapsed * 100}%` }} /> : null}
            </div>
            <span>
              {s.delivered}
              {s.mqlTarget !== null ? ` of ${s.mqlTarget} (${percent(s.progress)})` : ' · no target'} · accepted{' '}
              <span className={rateMissed ? 'rate-miss' : undefined}>{percent(s.acceptRate)}</span>
              {s.acceptRateTarget !== null ? ` of ${percent(s.acceptRateTarget)}` : ''}
            </span>
          </div>
        );
      })}
    </div>
  );
}
