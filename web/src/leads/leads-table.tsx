import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import type { Lead } from '../../../src/lifecycle/lifecycle.schema.ts';
import { stageLabel } from '../lifecycle/stages.ts';
import { formatDate, humanize, personName } from '../shell/format.ts';
import type { LeadSort, SortOrder } from './lead-search.ts';

interface TableProps {
  readonly leads: readonly Lead[];
  readonly timeZone: string;
  readonly userNames: ReadonlyMap<string, string>;
  readonly sort: LeadSort;
  readonly order: SortOrder;
  readonly onSort: (sort: LeadSort) => void;
  /** The row that j/k moves and Enter opens. */
  readonly cursor: number;
  readonly onCursor: (index: number) => void;
  /** Checkboxes for bulk actions; absent when the role has none. */
  readonly selection?: ReadonlySet<string> | undefined;
  readonly onToggle?: ((id: string) => void) | undefined;
  readonly onToggleAll?: (() => void) | undefined;
  readonly failures: ReadonlyMap<string, string>;
}

export function LeadsTable(props: TableProps) {
  const { leads, timeZone, userNames, selection, failures, cursor } = props;
  const body = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    body.current?.rows.item(cursor)?.scrollIntoView({ block: 'nearest' });
  }, [cursor]);
  const sortProps = { current: props.sort, order: props.order, onSort: props.onSort };
  const allChecked = selection !== undefined && leads.length > 0 && leads.every((l) => selection.has(l.id));
  return (
    <table className="table table-leads">
      <thead>
        <tr>
          {selection ? (
            <th className="col-check">
              <input
                type="checkbox"
                aria-label="Select all on this page"
                checked={allChecked}
                onChange={props.onToggleAll}
              />
            </th>
          ) : null}
          <SortHeader label="Name" column="lastName" {...sortProps} />
          <th>Company</th>
          <th>E-mail</th>
          <th>Stage</th>
          <th>Owner</th>
          <th>Source</th>
          <SortHeader label="Score" column="score" numeric {...sortProps} />
          <SortHeader label="Created" column="createdAt" {...sortProps} />
          <SortHeader label="Updated" column="updatedAt" {...sortProps} />
        </tr>
      </thead>
      <tbody ref={body}>
        {leads.map((lead, index) => {
          const failure = failures.get(lead.id);
          return (
            <tr
              key={lead.id}
              className={index === cursor ? 'row-current' : undefined}
              aria-selected={index === cursor}
              onClick={() => props.onCursor(index)}
            >
              {selection ? (
                <td className="col-check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${personName(lead)}`}
                    checked={selection.has(lead.id)}
                    onChange={() => props.onToggle?.(lead.id)}
                  />
                </td>
              ) : null}
              <td className="col-name">
                <Link to="/leads/$leadId" params={{ leadId: lead.id }}>
                  {personName(lead)}
                </Link>
                {lead.title ? <span className="subtle"> · {lead.title}</span> : null}
              </td>
              <td>{lead.companyName ?? ''}</td>
              <td className="col-email">{lead.email ?? ''}</td>
              <td>
                <span className={`stage stage-${lead.stage}`}>{stageLabel(lead.stage)}</span>
              </td>
              <td data-testid="lead-owner">
                {failure ? (
                  <span className="row-error" role="alert">
                    Not reassigned: {failure}
                  </span>
                ) : lead.ownerId ? (
                  (userNames.get(lead.ownerId) ?? '…')
                ) : (
                  <span className="subtle">Unassigned</span>
                )}
              </td>
              <td>{lead.sourceChannel ? humanize(lead.sourceChannel) : ''}</td>
              <td className="num">{lead.score}</td>
              <td className="col-date">{formatDate(lead.createdAt, timeZone)}</td>
              <td className="col-date">{formatDate(lead.updatedAt, timeZone)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

interface SortHeaderProps {
  readonly label: string;
  readonly column: LeadSort;
  readonly current: LeadSort;
  readonly order: SortOrder;
  readonly onSort: (sort: LeadSort) => void;
  readonly numeric?: boolean;
}

function SortHeader({ label, column, current, order, onSort, numeric }: SortHeaderProps) {
  const active = current === column;
  const ariaSort = active ? (order === 'asc' ? 'ascending' : 'descending') : 'none';
  return (
    <th aria-sort={ariaSort} className={numeric ? 'num' : undefined}>
      <button type="button" className="sort-button" onClick={() => onSort(column)}>
        {label}
        <span className="sort-mark" aria-hidden="true">
          {active ? (order === 'asc' ? '▲' : '▼') : ''}
        </span>
      </button>
    </th>
  );
}
