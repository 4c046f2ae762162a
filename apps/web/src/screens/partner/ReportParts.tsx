import type { ReactNode } from 'react';
import '../../api/report-content.js';
import { graphql } from '../../gql/index.js';
import type { ReportDetailFragment } from '../../gql/graphql.js';
import { formatDay } from '../../lib/dates.js';
import { answerStatus, countText, listCountText, outcomeMeaning, outcomeWords, paragraphs, pValueText, trendText } from './report-words.js';

/**
 * A shared feedback report as people outside the organisation read it: what it covers, its frozen
 * content (counts below K held back), the service's answer, and the changes agreed with what
 * later observations showed. Used by the partner service's and the commissioner's screens.
 */
export const ReportDetail = graphql(`
  fragment ReportDetail on ReportView {
    id
    status
    audience
    title
    organisationId
    areaIds
    from
    to
    sharedOn
    responseDueOn
    overdue
    acknowledgedAt
    respondedAt
    response
    content {
      ...ReportContentFields
    }
    actions {
      id
      what
      owner
      dueOn
      themeId
      agreedOn
      doneOn
      status
      overdue
      lastCheck {
        outcome
        pValue
        alpha
        weeks
        beforeFrom
        beforeTo
        afterFrom
        afterTo
        checkedAt
        beforeCount {
          value
          suppressed
        }
        afterCount {
          value
          suppressed
        }
      }
    }
  }
`);

export type Report = ReportDetailFragment;
export type ReportAction = Report['actions'][number];

/** The dates a report covers and where it stands with the service. */
export function ReportFacts({ report, extra }: { readonly report: Report; readonly extra?: ReactNode }) {
  const status = answerStatus(report);
  return (
    <dl className="facts">
      {extra}
      <div className="facts__row">
        <dt>Covers</dt>
        <dd>
          {formatDay(report.from)} to {formatDay(report.to)}
        </dd>
      </div>
      <div className="facts__row">
        <dt>Shared</dt>
        <dd>{report.sharedOn ? formatDay(report.sharedOn) : 'Not shared'}</dd>
      </div>
      {report.responseDueOn ? (
        <div className="facts__row">
          <dt>Response asked for by</dt>
          <dd>{formatDay(report.responseDueOn)}</dd>
        </div>
      ) : null}
      <div className="facts__row">
        <dt>Where it stands</dt>
        <dd>
          <span className={`badge badge--report-${status.tone}`}>{status.label}</span>
          {report.acknowledgedAt ? <> Acknowledged on {formatDay(report.acknowledgedAt)}.</> : null}
          {report.respondedAt ? <> Responded on {formatDay(report.respondedAt)}.</> : null}
        </dd>
      </div>
    </dl>
  );
}

/** The printable page and the figures as CSV, both served by the API for this report. */
export function ReportDownloads({ reportId }: { readonly reportId: string }) {
  return (
    <ul className="report-links">
      <li>
        <a href={`/reports/${reportId}/print`} target="_blank" rel="noopener">
          Printable page<span className="visually-hidden"> (opens in a new tab)</span>
        </a>
      </li>
      <li>
        <a href={`/reports/${reportId}/figures.csv`} download>
          The figures as a spreadsheet (CSV)
        </a>
      </li>
    </ul>
  );
}

/** A table that can scroll sideways on a narrow screen, reachable by keyboard when it does. */
export function ScrollTable({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    // The wrapper scrolls, so it is focusable and named (axe: scrollable-region-focusable).
    <div className="scroll-table" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** Why some counts read "fewer than K". */
export function SuppressionNote({ threshold }: { readonly threshold: number }) {
  return (
    <p className="aside">
      “Fewer than {threshold}” stands for a count from 1 to {threshold - 1}. Numbers that small are held back in everything shared outside
      the organisation, so that nobody the coaches work alongside could be recognised from them. No direction is given where this period’s count
      is held back.
    </p>
  );
}

/** Why a count in a list (or beside another) reads "held back". */
export function HeldBackNote({ threshold }: { readonly threshold: number }) {
  return (
    <p className="aside">
      “Held back” stands for a count from 1 to {threshold - 1}, or one held back beside it so that the small one cannot be worked out from the
      rest. Nobody the coaches work alongside could be recognised from what is shown.
    </p>
  );
}

/** The report's frozen content: themes, what they meant for people, what worked, quotes and what might help. */
export function ReportContent({ report }: { readonly report: Report }) {
  const { content } = report;
  const k = content.threshold;
  const anySmall = content.themes.some((t) => t.count.suppressed || t.previousCount.suppressed) || content.impacts.some((i) => i.count.suppressed);
  const anyBrightHeld = content.brightSpots.some((b) => b.count.suppressed) || content.brightSpotsTotal.suppressed;
  return (
    <>
      <section className="section" aria-labelledby="report-themes">
        <h2 id="report-themes">Themes coaches saw</h2>
        {content.themes.length === 0 ? (
          <p>No theme had observations in this period.</p>
        ) : (
          <>
            <p>
              Observations from {formatDay(content.from)} to {formatDay(content.to)}, against the period of the same length before it ({formatDay(content.previousFrom)} to{' '}
              {formatDay(content.previousTo)}).
            </p>
            <ScrollTable label="Theme counts">
              <table className="table table--report">
                <caption className="visually-hidden">Theme counts, this period and the period before</caption>
                <thead>
                  <tr>
                    <th scope="col">Theme</th>
                    <th scope="col">This period</th>
                    <th scope="col">Period before</th>
                    <th scope="col">Direction</th>
                  </tr>
                </thead>
                <tbody>
                  {content.themes.map((theme) => (
                    <tr key={theme.themeId}>
                      <th scope="row">{theme.name}</th>
                      <td className={theme.count.suppressed ? 'held-back' : undefined}>{countText(theme.count, k)}</td>
                      <td className={theme.previousCount.suppressed ? 'held-back' : undefined}>{countText(theme.previousCount, k)}</td>
                      <td>{trendText(theme.trend)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollTable>
          </>
        )}
        {anySmall ? <SuppressionNote threshold={k} /> : null}
      </section>
      <div className="sections sections--report">
      <section className="section" aria-labelledby="report-impacts">
        <h2 id="report-impacts">What the barriers meant for people</h2>
        {content.impacts.length === 0 ? (
          <p>No impact was noted in this period.</p>
        ) : (
          <ul className="figure-list">
            {content.impacts.map((impact) => (
              <li key={impact.key}>
                <span>{impact.label}</span> <strong className={impact.count.suppressed ? 'held-back' : undefined}>{countText(impact.count, k)}</strong>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="section" aria-labelledby="report-bright-spots">
        <h2 id="report-bright-spots">What worked</h2>
        <p>
          Bright spots in all: <strong>{listCountText(content.brightSpotsTotal)}</strong>.
        </p>
        {content.brightSpots.length > 0 ? (
          <ul className="figure-list">
            {content.brightSpots.map((spot) => (
              <li key={spot.key}>
                <span>{spot.label}</span> <strong className={spot.count.suppressed ? 'held-back' : undefined}>{listCountText(spot.count)}</strong>
              </li>
            ))}
          </ul>
        ) : null}
        {anyBrightHeld ? <HeldBackNote threshold={k} /> : null}
      </section>

      <section className="section" aria-labelledby="report-quotes">
        <h2 id="report-quotes">In people’s own words</h2>
        {content.quotes.length === 0 ? (
          <p>No quotes were shared in this report.</p>
        ) : (
          <>
            <p className="aside">Shared with each person’s agreement, with anything that could identify them taken out.</p>
            <ul className="shared-quotes">
              {content.quotes.map((quote, index) => (
                <li key={index}>
                  {quote.removed || !quote.text ? (
                    <p className="aside">This quote was removed at the person’s request.</p>
                  ) : (
                    <blockquote className="shared-quote">
                      <p>{quote.text}</p>
                    </blockquote>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section className="section" aria-labelledby="report-help">
        <h2 id="report-help">What might help</h2>
        {content.whatMightHelp.trim() ? paragraphs(content.whatMightHelp).map((text, index) => <p key={index}>{text}</p>) : <p>Nothing was suggested.</p>}
      </section>
      </div>
    </>
  );
}

/** The changes a service agreed, each with what later observations showed. */
export function ActionList({ report, renderDone }: { readonly report: Report; readonly renderDone?: (action: ReportAction) => ReactNode }) {
  const themeName = (id: string | null | undefined) => (id ? (report.content.themes.find((t) => t.themeId === id)?.name ?? 'A theme not in this report') : undefined);
  return (
    <ul className="entries">
      {report.actions.map((action) => (
        <li className="entry action" key={action.id}>
          <p className="entry__title">{action.what}</p>
          <p className="entry__meta">
            {action.owner} · agreed {formatDay(action.agreedOn)} · due {formatDay(action.dueOn)}
            {themeName(action.themeId) ? <> · answers “{themeName(action.themeId)}”</> : null}
          </p>
          <p>
            {action.doneOn ? (
              <span className="badge badge--report-done">Done on {formatDay(action.doneOn)}</span>
            ) : action.overdue ? (
              <span className="badge badge--report-overdue">Overdue: not done yet</span>
            ) : (
              <span className="badge badge--report-waiting">Agreed: not done yet</span>
            )}
          </p>
          {action.lastCheck ? (
            <ChangeCheck check={action.lastCheck} threshold={report.content.threshold} />
          ) : action.doneOn && action.themeId ? (
            <p className="aside">What changed is checked once the weeks after it was done have passed.</p>
          ) : action.doneOn ? (
            <p className="aside">No theme was named, so coaches’ observations cannot show whether it changed.</p>
          ) : null}
          {renderDone && !action.doneOn ? renderDone(action) : null}
        </li>
      ))}
    </ul>
  );
}

type Check = NonNullable<ReportAction['lastCheck']>;

const observations = (count: { readonly value?: number | null; readonly suppressed: boolean }) =>
  count.suppressed ? 'the number is held back' : `${listCountText(count)} ${count.value === 1 ? 'observation' : 'observations'}`;

/** A change check: the outcome in plain words, then the numbers behind it where they may be shown. */
export function ChangeCheck({ check, threshold }: { readonly check: Check; readonly threshold: number }) {
  return (
    <div className={`check check--${check.outcome.toLowerCase()}`}>
      <p>
        <strong>Change check: {outcomeWords(check.outcome).toLowerCase()}.</strong> {outcomeMeaning(check.outcome)}
      </p>
      <ul className="check__numbers">
        <li>
          The {check.weeks} weeks before it was agreed ({formatDay(check.beforeFrom)} to {formatDay(check.beforeTo)}): {observations(check.beforeCount)}.
        </li>
        <li>
          The {check.weeks} weeks after it was done ({formatDay(check.afterFrom)} to {formatDay(check.afterTo)}): {observations(check.afterCount)}.
        </li>
        {check.pValue !== null && check.pValue !== undefined ? (
          <li>
            Chance of a difference this large with no real change: {pValueText(check.pValue)} (clear below {check.alpha}).
          </li>
        ) : null}
      </ul>
      {check.beforeCount.suppressed || check.afterCount.suppressed ? <HeldBackNote threshold={threshold} /> : null}
      <p className="entry__meta">Checked on {formatDay(check.checkedAt)}.</p>
    </div>
  );
}
