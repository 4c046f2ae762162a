import { Link } from 'react-router';
import { useQuery } from 'urql';
import { failureOf } from '../../api/errors.js';
import { useUser } from '../../api/session.js';
import { graphql } from '../../gql/index.js';
import type { CommissionerAreaQuery } from '../../gql/graphql.js';
import { Button, ErrorAlert, Loading } from '../../components/Feedback.js';
import { Page } from '../../components/Page.js';
import { formatDay } from '../../lib/dates.js';
import { ScrollTable, SuppressionNote } from '../partner/ReportParts.js';
import { answerStatus, countText, trendText } from '../partner/report-words.js';

const CommissionerAreaDocument = graphql(`
  query CommissionerArea {
    areas {
      id
      name
    }
    reports {
      id
      title
      audience
      organisationId
      areaIds
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
        overdue
        lastCheck {
          outcome
        }
      }
      content {
        threshold
        themes {
          themeId
          name
          trend
          count {
            value
            suppressed
          }
        }
      }
    }
  }
`);

const ServiceNameDocument = graphql(`
  query CommissionerServiceName($id: ID!) {
    organisation(id: $id) {
      id
      name
    }
  }
`);

type AreaReport = CommissionerAreaQuery['reports'][number];

/**
 * A commissioner's view of their area(s): the feedback reports shared for the area (to its
 * services and to the commissioner), how the services answered, the changes they agreed and what
 * later observations showed, and the themes those reports raised. Only what the API lets a
 * commissioner read: shared reports and the names of places and services.
 */
export function AreaOverview() {
  const user = useUser();
  const areaIds = [...new Set(user.grants.filter((g) => g.role === 'COMMISSIONER' && g.areaId).map((g) => g.areaId as string))];
  const [{ data, error, fetching }, refetch] = useQuery({ query: CommissionerAreaDocument, requestPolicy: 'cache-and-network' });
  const areaName = (id: string) => data?.areas.find((a) => a.id === id)?.name ?? 'Your area';
  return (
    <Page title={areaIds.length > 1 ? 'Your areas' : 'Your area'} heading={data && areaIds.length === 1 ? areaName(areaIds[0]) : undefined} wide>
      <p>
        Feedback the coaches’ organisation has shared about the services in your area, how each service answered, and whether what they
        changed made a difference. Counts that could identify someone are held back.
      </p>
      {areaIds.length === 0 ? (
        <div className="empty">
          <p>Your commissioner role does not name an area yet, so there is nothing to show. Ask an administrator to give you the commissioner role for your area.</p>
        </div>
      ) : null}
      {error && !data ? (
        <>
          <ErrorAlert>{failureOf(error).message}</ErrorAlert>
          <Button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Try again
          </Button>
        </>
      ) : null}
      {!data && fetching ? <Loading what="your area’s reports" /> : null}
      {data
        ? areaIds.map((areaId) => (
            <Area key={areaId} name={areaName(areaId)} showName={areaIds.length > 1} reports={data.reports.filter((r) => r.areaIds.includes(areaId))} />
          ))
        : null}
    </Page>
  );
}

function Area({ name, showName, reports }: { readonly name: string; readonly showName: boolean; readonly reports: readonly AreaReport[] }) {
  const headingId = `area-${name.replace(/[^a-zA-Z0-9]+/g, '-')}`;
  const actions = reports.flatMap((r) => r.actions);
  const checked = actions.filter((a) => a.lastCheck);
  const fell = checked.filter((a) => a.lastCheck?.outcome === 'CLOSED').length;
  const rose = checked.filter((a) => a.lastCheck?.outcome === 'REOPENED').length;
  // Headings under the page's h1: one level deeper when each area has its own heading.
  const level = showName ? 3 : 2;
  const Heading = `h${level}` as 'h2' | 'h3';
  const body = (
    <>
      {reports.length === 0 ? (
        <div className="empty">
          <p>No feedback report has been shared for this area yet. Reports appear here once the coaches’ organisation shares them.</p>
        </div>
      ) : (
        <>
          <dl className="stats" aria-label={`${name} at a glance`}>
            <Stat label="Reports shared" value={reports.length} />
            <Stat label="Responded to" value={`${reports.filter((r) => r.respondedAt).length} of ${reports.length}`} />
            <Stat label="Response overdue" value={reports.filter((r) => r.overdue).length} />
            <Stat label="Changes agreed" value={actions.length} />
            <Stat label="Changes done" value={actions.filter((a) => a.status === 'DONE').length} />
            <Stat label="Checked: fell clearly" value={`${fell} of ${checked.length}`} />
            {rose > 0 ? <Stat label="Checked: rose again" value={rose} /> : null}
          </dl>
          <Heading>Reports</Heading>
          <ul className="report-list">
            {reports.map((report) => (
              <ReportItem key={report.id} report={report} level={level + 1} />
            ))}
          </ul>
          <Themes reports={reports} level={level} />
        </>
      )}
    </>
  );
  return showName ? (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{name}</h2>
      {body}
    </section>
  ) : (
    body
  );
}

function Stat({ label, value }: { readonly label: string; readonly value: string | number }) {
  return (
    <div className="stats__item">
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function ReportItem({ report, level }: { readonly report: AreaReport; readonly level: number }) {
  const Heading = `h${level}` as 'h3' | 'h4';
  // A commissioner report is for reading: it waits on no service, so it is not "new" or "overdue" to them.
  const status = report.audience === 'COMMISSIONER' && !report.respondedAt ? { label: 'For your information', tone: 'new' as const } : answerStatus(report);
  const done = report.actions.filter((a) => a.status === 'DONE').length;
  return (
    <li className="report-list__item">
      <Heading className="report-list__title">
        <Link to={`/area/reports/${report.id}`}>{report.title}</Link>
      </Heading>
      <p className="report-list__meta">
        {report.audience === 'COMMISSIONER' ? 'For you, across the area' : <>For {report.organisationId ? <ServiceName id={report.organisationId} /> : 'a service'}</>} ·
        covers {formatDay(report.from)} to {formatDay(report.to)} · shared {formatDay(report.sharedOn)}
      </p>
      <p className="report-list__meta">
        <span className={`badge badge--report-${status.tone}`}>{status.label}</span>{' '}
        {report.actions.length === 0 ? 'No change agreed yet.' : `${report.actions.length} ${report.actions.length === 1 ? 'change' : 'changes'} agreed, ${done} done.`}
      </p>
    </li>
  );
}

/** A service's name, as the directory has it now. */
export function ServiceName({ id }: { readonly id: string }) {
  const [{ data, error }] = useQuery({ query: ServiceNameDocument, variables: { id } });
  if (data) return <>{data.organisation.name}</>;
  return <>{error ? 'a service no longer listed' : 'a service'}</>;
}

/** The themes the area's reports raised: in how many reports, and as the latest report had them. */
function Themes({ reports, level }: { readonly reports: readonly AreaReport[]; readonly level: number }) {
  const Heading = `h${level}` as 'h2' | 'h3';
  const latestFirst = [...reports].sort((a, b) => (a.to < b.to ? 1 : a.to > b.to ? -1 : 0));
  const themes = new Map<string, { name: string; reports: number; latest: AreaReport; row: AreaReport['content']['themes'][number] }>();
  for (const report of latestFirst) {
    for (const row of report.content.themes) {
      const seen = themes.get(row.themeId);
      if (seen) seen.reports += 1;
      else themes.set(row.themeId, { name: row.name, reports: 1, latest: report, row });
    }
  }
  const threshold = reports[0]?.content.threshold ?? 0;
  const anyHeld = [...themes.values()].some((t) => t.row.count.suppressed);
  return (
    <>
      <Heading>Themes these reports raised</Heading>
      {themes.size === 0 ? (
        <p>The reports shared so far raised no theme.</p>
      ) : (
        <>
          <ScrollTable label="Themes these reports raised">
            <table className="table table--report">
              <thead>
                <tr>
                  <th scope="col">Theme</th>
                  <th scope="col">Reports raising it</th>
                  <th scope="col">In the latest of them</th>
                  <th scope="col">Direction then</th>
                </tr>
              </thead>
              <tbody>
                {[...themes.entries()].map(([id, theme]) => (
                  <tr key={id}>
                    <th scope="row">{theme.name}</th>
                    <td>{theme.reports}</td>
                    <td>
                      {countText(theme.row.count, theme.latest.content.threshold)} <span className="aside">(to {formatDay(theme.latest.to)})</span>
                    </td>
                    <td>{trendText(theme.row.trend)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          {anyHeld ? <SuppressionNote threshold={threshold} /> : null}
        </>
      )}
    </>
  );
}
