import { Link } from 'react-router';
import { useQuery } from 'urql';
import { failureOf } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { InfluencerReportListFieldsFragment } from '../../gql/graphql.js';
import { ErrorAlert, Loading } from '../../components/Feedback.js';
import { Page } from '../../components/Page.js';
import { formatDay, today } from '../../lib/dates.js';
import { OrganisationName, useDirectory } from './lookups.js';

graphql(`
  fragment InfluencerReportListFields on ReportView {
    id
    title
    status
    audience
    organisationId
    organisationIds
    areaIds
    from
    to
    draftedAt
    sharedOn
    responseDueOn
    overdue
    acknowledgedAt
    respondedAt
  }
`);

const ReportsDocument = graphql(`
  query InfluencerReports {
    reports {
      ...InfluencerReportListFields
    }
  }
`);

const OverdueDocument = graphql(`
  query InfluencerOverdueReports {
    overdueReports {
      ...InfluencerReportListFields
    }
  }
`);

type ReportRow = InfluencerReportListFieldsFragment;

/** Who a report is for: the service, or the commissioner of its areas. */
export function AddressedTo({ report }: { readonly report: Pick<ReportRow, 'audience' | 'organisationId' | 'areaIds'> }) {
  const directory = useDirectory();
  if (report.audience === 'ORGANISATION') return <OrganisationName id={report.organisationId} fallback="the service" />;
  const names = report.areaIds.map((id) => directory.areaName(id));
  return <>the commissioner for {names.length > 0 ? names.join(', ') : 'their areas'}</>;
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
const daysBetween = (from: string, to: string) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

function ReportItem({ report }: { readonly report: ReportRow }) {
  return (
    <li className="entry">
      <p className="entry__title">
        <Link to={`/reports/${report.id}`}>{report.title}</Link>
      </p>
      <p className="entry__meta">
        For <AddressedTo report={report} /> · {formatDay(report.from)} to {formatDay(report.to)}
      </p>
      <p className="entry__meta">
        {report.status === 'DRAFT' ? (
          <>
            <span className="badge badge--draft">Draft</span> started {formatDay(report.draftedAt)}
          </>
        ) : report.respondedAt ? (
          <>
            <span className="badge badge--responded">Responded</span> on {formatDay(report.respondedAt)}
          </>
        ) : report.overdue ? (
          <>
            <span className="badge badge--overdue">Response overdue</span> since {formatDay(report.responseDueOn)}
          </>
        ) : (
          <>
            <span className="badge badge--shared">Shared</span> on {formatDay(report.sharedOn)}
            {report.responseDueOn ? `, response due by ${formatDay(report.responseDueOn)}` : ''}
            {report.acknowledgedAt ? ' · received' : ''}
          </>
        )}
      </p>
    </li>
  );
}

/** Every feedback report: drafts being written, and those shared and how the services answered. */
export function ReportsList() {
  const [{ data, error, fetching }] = useQuery({ query: ReportsDocument, requestPolicy: 'cache-and-network' });
  const drafts = data?.reports.filter((r) => r.status === 'DRAFT') ?? [];
  const shared = data?.reports.filter((r) => r.status === 'SHARED') ?? [];
  const overdue = shared.filter((r) => r.overdue);
  return (
    <Page title="Feedback reports">
      <p className="lede">Constructive, anonymised feedback to a service or a commissioner: themes, counts, what worked, and what might help.</p>
      <ul className="actions">
        <li>
          <Link className="button button--primary" to="/reports/new">
            Start a new report
          </Link>
        </li>
        <li>
          <Link className="button button--secondary" to="/reports/overdue">
            Overdue responses{overdue.length > 0 ? ` (${overdue.length})` : ''}
          </Link>
        </li>
      </ul>
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && fetching ? <Loading what="reports" /> : null}
      {data && data.reports.length === 0 ? (
        <div className="empty">
          <p>No reports yet.</p>
          <p>Start one for a service or a commissioner’s area: the preview shows what they would see, with small numbers hidden.</p>
        </div>
      ) : null}
      {drafts.length > 0 ? (
        <section aria-labelledby="drafts-heading">
          <h2 id="drafts-heading">Drafts</h2>
          <ul className="entries section">
            {drafts.map((r) => (
              <ReportItem key={r.id} report={r} />
            ))}
          </ul>
        </section>
      ) : null}
      {shared.length > 0 ? (
        <section aria-labelledby="shared-heading">
          <h2 id="shared-heading">Shared</h2>
          <ul className="entries section">
            {shared.map((r) => (
              <ReportItem key={r.id} report={r} />
            ))}
          </ul>
        </section>
      ) : null}
    </Page>
  );
}

/** Shared reports whose service has not responded by the date asked, the longest overdue first. */
export function OverdueReports() {
  const [{ data, error, fetching }] = useQuery({ query: OverdueDocument, requestPolicy: 'cache-and-network' });
  const now = today();
  const reports = [...(data?.overdueReports ?? [])].sort((a, b) => (a.responseDueOn ?? '').localeCompare(b.responseDueOn ?? ''));
  return (
    <Page title="Overdue responses" back={{ to: '/reports', label: 'Feedback reports' }}>
      <p className="lede">Reports shared with a service or commissioner who has not responded by the date they were asked to. A friendly follow-up often helps.</p>
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && fetching ? <Loading what="overdue responses" /> : null}
      {data && reports.length === 0 ? (
        <div className="empty">
          <p>No response is overdue.</p>
          <p>Every shared report has been responded to, or is still within the time the service was given.</p>
        </div>
      ) : null}
      {reports.length > 0 ? (
        <ul className="entries section">
          {reports.map((r) => {
            const late = r.responseDueOn ? daysBetween(r.responseDueOn, now) : 0;
            return (
              <li className="entry" key={r.id}>
                <p className="entry__title">
                  <Link to={`/reports/${r.id}`}>{r.title}</Link>
                </p>
                <p className="entry__meta">
                  For <AddressedTo report={r} /> · shared {formatDay(r.sharedOn)}
                </p>
                <p>
                  <span className="badge badge--overdue">{late === 1 ? 'One day overdue' : `${late} days overdue`}</span> (due by {formatDay(r.responseDueOn)})
                  {r.acknowledgedAt ? ` · they said they received it on ${formatDay(r.acknowledgedAt)}` : ' · not yet acknowledged'}
                </p>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Page>
  );
}
