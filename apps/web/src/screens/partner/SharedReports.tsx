import { Link } from 'react-router';
import { useQuery } from 'urql';
import { failureOf } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorAlert, Loading } from '../../components/Feedback.js';
import { Page } from '../../components/Page.js';
import { formatDay } from '../../lib/dates.js';
import { answerStatus } from './report-words.js';

const SharedReportsDocument = graphql(`
  query SharedReports {
    reports {
      id
      title
      from
      to
      sharedOn
      responseDueOn
      overdue
      acknowledgedAt
      respondedAt
      actions {
        id
        status
      }
    }
  }
`);

/** The feedback reports shared with the partner's service, newest first, each with where it stands. */
export function SharedReports() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: SharedReportsDocument, requestPolicy: 'cache-and-network' });
  const reports = data?.reports;
  return (
    <Page title="Reports shared with your service">
      <p>
        Feedback from the coaches’ organisation about your service: what coaches saw go well and not so well for the people they work alongside,
        with nothing that could identify anyone. Open a report to acknowledge it, respond, and agree what will change.
      </p>
      {error && !reports ? (
        <>
          <ErrorAlert>{failureOf(error).message}</ErrorAlert>
          <Button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Try again
          </Button>
        </>
      ) : null}
      {!reports && fetching ? <Loading what="your reports" /> : null}
      {reports && reports.length === 0 ? (
        <div className="empty">
          <p>Nothing has been shared with your service yet.</p>
          <p>When the coaches’ organisation shares a feedback report with you, it appears here, and you are asked to acknowledge it and respond.</p>
        </div>
      ) : null}
      {reports && reports.length > 0 ? (
        <ul className="report-list">
          {reports.map((report) => {
            const status = answerStatus(report);
            const done = report.actions.filter((a) => a.status === 'DONE').length;
            return (
              <li className="report-list__item" key={report.id}>
                <h2 className="report-list__title">
                  <Link to={`/shared-reports/${report.id}`}>{report.title}</Link>
                </h2>
                <p className="report-list__meta">
                  Covers {formatDay(report.from)} to {formatDay(report.to)} · shared {formatDay(report.sharedOn)}
                  {report.responseDueOn && !report.respondedAt ? <> · response asked for by {formatDay(report.responseDueOn)}</> : null}
                </p>
                <p className="report-list__meta">
                  <span className={`badge badge--report-${status.tone}`}>{status.label}</span>{' '}
                  {report.actions.length === 0
                    ? 'No change agreed yet.'
                    : `${report.actions.length} ${report.actions.length === 1 ? 'change' : 'changes'} agreed, ${done} done.`}
                </p>
              </li>
            );
          })}
        </ul>
      ) : null}
    </Page>
  );
}
