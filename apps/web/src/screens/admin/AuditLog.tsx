import { type FormEvent, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { failureOf, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { AuditLogFilter } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { SelectField, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { today } from '../../lib/dates.js';
import { humanise } from '../../lib/words.js';
import { ScrollTable } from '../partner/ReportParts.js';
import { AdminNav } from './AdminParts.js';
import { AdminUsersDocument } from './Users.js';

const AdminAuditLogDocument = graphql(`
  query AdminAuditLog($filter: AuditLogFilter, $first: Int!, $after: String) {
    auditLog(filter: $filter, first: $first, after: $after) {
      nextCursor
      entries {
        actor
        eventType
        occurredAt
        recordedAt
        personId
        stream
      }
    }
  }
`);

const PAGE = 50;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** The start of a day in this browser's time zone, as the API's ISO 8601. */
const startOf = (day: string, plusDays = 0) => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
};

/** Who did what, newest first: filtered by when, by whom, or by the person whose record it touched. */
export function AuditLog() {
  const [users] = useQuery({ query: AdminUsersDocument });
  const [filter, setFilter] = useState<AuditLogFilter>({});
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const names = useMemo(() => new Map((users.data?.users ?? []).map((u) => [`user:${u.userId}`, u.displayName])), [users.data]);
  const actor = (value: string) =>
    names.get(value) ?? (value.startsWith('system:') ? `The system (${humanise(value.slice(7)).toLowerCase()})` : value === 'anonymous' ? 'Someone not signed in' : 'A user no longer listed');
  return (
    <Page title="Audit log" wide>
      <AdminNav />
      <p>Who did what, newest first, including each time someone read a person’s whole record. Nothing in it can be changed.</p>
      <Filters
        users={users.data?.users ?? []}
        onChange={(next) => {
          setFilter(next);
          setCursors([null]);
        }}
      />
      <ScrollTable label="Audit log entries">
        <table className="table audit">
          <caption className="table__caption">Entries, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Record</th>
            </tr>
          </thead>
          <tbody>
            {cursors.map((after, index) => (
              <Entries
                key={`${JSON.stringify(filter)}:${after ?? 'first'}`}
                filter={filter}
                after={after}
                actor={actor}
                last={index === cursors.length - 1}
                onMore={(cursor) => setCursors((old) => [...old, cursor])}
              />
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </Page>
  );
}

function Entries({
  filter,
  after,
  actor,
  last,
  onMore,
}: {
  readonly filter: AuditLogFilter;
  readonly after: string | null;
  readonly actor: (value: string) => string;
  readonly last: boolean;
  readonly onMore: (cursor: string) => void;
}) {
  const [{ data, error }] = useQuery({ query: AdminAuditLogDocument, variables: { filter, first: PAGE, after }, requestPolicy: 'network-only' });
  const page = data?.auditLog;
  if (error && !page) {
    return (
      <tr>
        <td colSpan={4}>
          <ErrorAlert>{failureOf(error).message}</ErrorAlert>
        </td>
      </tr>
    );
  }
  if (!page) {
    return (
      <tr>
        <td colSpan={4}>
          <Loading what="entries" />
        </td>
      </tr>
    );
  }
  return (
    <>
      {after === null && page.entries.length === 0 ? (
        <tr>
          <td colSpan={4}>Nothing matches. Widen the dates or clear the other filters.</td>
        </tr>
      ) : null}
      {page.entries.map((entry, index) => (
        <tr key={`${entry.stream}:${entry.recordedAt}:${index}`}>
          <td>{WHEN.format(new Date(entry.occurredAt))}</td>
          <td>{actor(entry.actor)}</td>
          <td>
            {humanise(entry.eventType)}
            {entry.personId ? <span className="audit__person"> · a person’s record</span> : null}
          </td>
          <td>
            <code className="audit__stream">{entry.stream}</code>
          </td>
        </tr>
      ))}
      {last && page.nextCursor ? (
        <tr>
          <td colSpan={4}>
            <Button type="button" variant="secondary" onClick={() => onMore(page.nextCursor!)}>
              Show older entries
            </Button>
          </td>
        </tr>
      ) : null}
    </>
  );
}

function Filters({ users, onChange }: { readonly users: readonly { userId: string; displayName: string }[]; readonly onChange: (filter: AuditLogFilter) => void }) {
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [userId, setUserId] = useState('');
  const [personId, setPersonId] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problem[] = [];
    if (from && !DAY.test(from)) found.push({ field: 'audit-from', message: 'Enter the first day to show, or leave it empty' });
    if (to && !DAY.test(to)) found.push({ field: 'audit-to', message: 'Enter the last day to show, or leave it empty' });
    if (DAY.test(from) && DAY.test(to) && from > to) found.push({ field: 'audit-to', message: 'The last day cannot be before the first day' });
    if (personId.trim() && !UUID.test(personId.trim())) found.push({ field: 'audit-person', message: 'A person’s id looks like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed; copy it whole, or leave it empty' });
    setProblems(found);
    if (found.length > 0) return;
    onChange({
      from: from ? startOf(from) : null,
      to: to ? startOf(to, 1) : null,
      userId: userId || null,
      personId: personId.trim() || null,
    });
  }

  return (
    <form className="form view-controls" onSubmit={submit} noValidate aria-labelledby="filters-heading">
      <h2 id="filters-heading">Filter</h2>
      <ErrorSummary problems={problems} />
      <div className="view-controls__fields">
        <TextField id="audit-from" label="From" type="date" max={today()} value={from} onChange={(e) => setFrom(e.target.value)} error={byField['audit-from']} className="field--date" />
        <TextField id="audit-to" label="To" type="date" max={today()} value={to} onChange={(e) => setTo(e.target.value)} error={byField['audit-to']} className="field--date" />
        <SelectField
          id="audit-user"
          label="Done by"
          placeholder="Anyone"
          options={users.map((u) => ({ value: u.userId, label: u.displayName }))}
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
        />
        <TextField
          id="audit-person"
          label="About a person (optional)"
          hint="Their id, for a request to see what is held about them."
          value={personId}
          onChange={(e) => setPersonId(e.target.value)}
          error={byField['audit-person']}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <Button type="submit">Show entries</Button>
    </form>
  );
}
