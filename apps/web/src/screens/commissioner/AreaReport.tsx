import { useParams } from 'react-router';
import { useQuery } from 'urql';
import { failureOf } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { ErrorAlert, Loading } from '../../components/Feedback.js';
import { Page } from '../../components/Page.js';
import { formatDay } from '../../lib/dates.js';
import { ActionList, ReportContent, ReportDownloads, ReportFacts } from '../partner/ReportParts.js';
import { ServiceName } from './AreaOverview.js';

const CommissionerReportDocument = graphql(`
  query CommissionerReport($id: ID!) {
    report(id: $id) {
      ...ReportDetail
    }
  }
`);

/**
 * One report shared for the commissioner's area, read-only: its content, the service's response
 * and the changes it agreed, with what later observations showed. Answering is for the service.
 */
export function AreaReport() {
  const { reportId = '' } = useParams();
  const [{ data, error }] = useQuery({ query: CommissionerReportDocument, variables: { id: reportId }, requestPolicy: 'cache-and-network' });
  const report = data?.report;
  const missing = error && ['NOT_FOUND', 'FORBIDDEN'].includes(failureOf(error).code);
  return (
    <Page title={report ? report.title : 'A shared report'} back={{ to: '/area', label: 'Your area' }} wide>
      {error && !report ? (
        <ErrorAlert>{missing ? 'No report at this address has been shared for your area. Go back to your area and open one from there.' : failureOf(error).message}</ErrorAlert>
      ) : null}
      {!report && !error ? <Loading what="the report" /> : null}
      {report ? (
        <>
          <ReportFacts
            report={report}
            extra={
              <div className="facts__row">
                <dt>For</dt>
                <dd>{report.audience === 'COMMISSIONER' ? 'You, the commissioner, across the area' : report.organisationId ? <ServiceName id={report.organisationId} /> : 'A service'}</dd>
              </div>
            }
          />
          <ReportDownloads reportId={report.id} />
          <section className="section" aria-labelledby="response-heading">
            <h2 id="response-heading">{report.audience === 'COMMISSIONER' ? 'Response' : 'The service’s response'}</h2>
            {report.respondedAt ? (
              <>
                <p className="entry__meta">Sent on {formatDay(report.respondedAt)}.</p>
                <blockquote className="response">
                  {(report.response ?? '').split('\n').map((line, index) => (
                    <p key={index}>{line}</p>
                  ))}
                </blockquote>
              </>
            ) : report.overdue ? (
              <p>No response yet, and it was asked for by {formatDay(report.responseDueOn)}.</p>
            ) : (
              <p>No response yet{report.responseDueOn ? `; it is asked for by ${formatDay(report.responseDueOn)}` : ''}.</p>
            )}
          </section>
          <ReportContent report={report} />
          <section className="section" aria-labelledby="actions-heading">
            <h2 id="actions-heading">Changes agreed</h2>
            {report.actions.length === 0 ? <p>No change has been agreed yet.</p> : <ActionList report={report} />}
          </section>
        </>
      ) : null}
    </Page>
  );
}
