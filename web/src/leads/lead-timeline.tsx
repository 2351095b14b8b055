import { useQuery } from '@tanstack/react-query';
import type { TimelineItem } from '../../../src/lifecycle/timeline.ts';
import { campaignsQuery } from '../capture/campaigns.ts';
import { reasonCodesQuery, stageLabel } from '../lifecycle/stages.ts';
import { useUserNames } from '../platform/people.ts';
import { useSession } from '../platform/session.ts';
import { formatDateTime, humanize } from '../shell/format.ts';
import { Empty, ErrorPanel, Loading } from '../shell/ui.tsx';
import { timelineQuery } from './lead-queries.ts';

const KIND_LABEL: Record<TimelineItem['kind'], string> = {
  touchpoint: 'Touch',
  stage_change: 'Stage',
  activity: 'Activity',
  deal_stage_change: 'Deal',
};

export function LeadTimeline({ leadId }: { leadId: string }) {
  const session = useSession();
  const timeline = useQuery(timelineQuery(leadId));
  const reasons = useQuery(reasonCodesQuery());
  const campaigns = useQuery(campaignsQuery);
  const names = useUserNames();
  if (timeline.isPending) return <Loading label="Loading timeline…" />;
  if (timeline.isError) return <ErrorPanel error={timeline.error} retry={() => void timeline.refetch()} />;
  const items = [...timeline.data.items].reverse();
  if (items.length === 0) return <Empty>Nothing has happened to this lead yet.</Empty>;
  const reasonLabel = (code: string | null) =>
    code ? (reasons.data?.find((r) => r.code === code)?.label ?? humanize(code)) : null;
  const campaignName = (id: string | null) => (id ? campaigns.data?.find((c) => c.id === id)?.name : undefined);
  return (
    <>
      {timeline.data.truncated ? (
        <p className="notice">This lead has a very long history; only its most recent part is shown.</p>
      ) : null}
      <ol className="timeline" aria-label="Timeline">
        {items.map((item) => (
          <li key={`${item.kind}:${item.id}`} className={`event event-${item.kind}`}>
            <div className="event-meta">
              <span className="event-kind">{KIND_LABEL[item.kind]}</span>
              <time dateTime={item.occurredAt}>{formatDateTime(item.occurredAt, session.org.timeZone)}</time>
              {item.actorId ? <span className="subtle">{names.get(item.actorId) ?? ''}</span> : null}
            </div>
            <div className="event-body">
              <EventBody item={item} reasonLabel={reasonLabel} campaignName={campaignName} />
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}

interface BodyProps {
  readonly item: TimelineItem;
  readonly reasonLabel: (code: string | null) => string | null;
  readonly campaignName: (id: string | null) => string | undefined;
}

function EventBody({ item, reasonLabel, campaignName }: BodyProps) {
  switch (item.kind) {
    case 'touchpoint':
      return (
        <>
          <strong>{humanize(item.type)}</strong>
          {item.channel ? ` · ${humanize(item.channel)}` : ''}
          {campaignName(item.campaignId) ? ` · ${campaignName(item.campaignId)}` : ''}
          {item.url ? <div className="event-detail subtle">{item.url}</div> : null}
        </>
      );
    case 'stage_change':
      return (
        <>
          <strong>
            {item.fromStage ? `${stageLabel(item.fromStage)} → ` : 'Created as '}
            {stageLabel(item.toStage)}
          </strong>
          {item.reasonCode ? <span className="reason"> {reasonLabel(item.reasonCode)}</span> : null}
          {item.note ? <p className="event-note">{item.note}</p> : null}
        </>
      );
    case 'activity':
      return (
        <>
          <strong>{humanize(item.type)}</strong>
          {item.direction ? ` · ${item.direction}` : ''}
          {item.subject ? ` · ${item.subject}` : ''}
          {item.body ? <p className="event-note">{item.body}</p> : null}
        </>
      );
    case 'deal_stage_change':
      return (
        <>
          <strong>{item.dealName}</strong>: {item.fromStage ? `${humanize(item.fromStage)} → ` : 'opened in '}
          {humanize(item.toStage)}
          {item.reasonCode ? <span className="reason"> {reasonLabel(item.reasonCode)}</span> : null}
          {item.note ? <p className="event-note">{item.note}</p> : null}
        </>
      );
  }
}
