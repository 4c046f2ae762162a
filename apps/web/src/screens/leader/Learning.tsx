import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { failureOf, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { LeaderOutcomePeriodFragment } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { RadioGroup, SelectField, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay, today } from '../../lib/dates.js';
import { pounds } from '../../lib/words.js';
import { ServiceName } from '../commissioner/AreaOverview.js';
import { ScrollTable } from '../partner/ReportParts.js';
import { asOfMoment, defaultFrom, type Grouping, type LearningView, periodStart, readView, writeView } from './as-of.js';
import { BarsChart, Chart, WellbeingChart } from './Charts.js';
import { Timeline } from './Timeline.js';

graphql(`
  fragment LeaderOutcomePeriod on OutcomePeriodView {
    label
    start
    end
    peopleJoined {
      count
      small
    }
    relationshipsStarted {
      count
      small
    }
    relationshipsEnded {
      count
      small
    }
    relationshipLength {
      ended
      medianDays
      small
    }
    endings {
      ending
      count
      small
    }
    connections {
      made
      people
      small
    }
    budgetSpend {
      spentPence
      spends
      people
      small
    }
    budgetSpendByCategory {
      category
      spentPence
      spends
      people
      small
    }
    wellbeing {
      scale
      people
      small
      meanFirst
      meanLatest
      meanChange
      lower
      upper
      level
      nationalAverage
      movingTowardsNationalAverage
      shareMovingTowardsNationalAverage
    }
  }
`);

const LeaderOutcomesDocument = graphql(`
  query LeaderOutcomes($period: DashboardPeriod!, $from: String!, $to: String!, $asOf: DateTime, $areaId: ID) {
    outcomeDashboard(period: $period, from: $from, to: $to, asOf: $asOf, areaId: $areaId) {
      asOf
      from
      to
      periods {
        ...LeaderOutcomePeriod
      }
      total {
        ...LeaderOutcomePeriod
      }
    }
  }
`);

const LeaderAreasDocument = graphql(`
  query LeaderAreas {
    areas {
      id
      name
    }
  }
`);

const LeaderThemeTrendsDocument = graphql(`
  query LeaderThemeTrends($asOf: DateTime, $endOn: String, $areaId: ID) {
    themeTrends(asOf: $asOf, endOn: $endOn, areaId: $areaId) {
      recentFrom
      recentTo
      baselineFrom
      baselineTo
      tested
      rising {
        themeId
        name
        recentCount
        baselineCount
        expected
      }
      falling {
        themeId
        name
        recentCount
        baselineCount
        expected
      }
    }
  }
`);

const LeaderReportMetricsDocument = graphql(`
  query LeaderReportMetrics($asOf: DateTime) {
    reportMetrics(asOf: $asOf) {
      overall {
        reportsShared
        responded
        responseRate
        medianDaysToRespond
        medianWorkingDaysToRespond
        withAgreedChange
        agreedChangeRate
        changesChecked
        changesFollowedByFall
        fallRate
      }
      byService {
        organisationId
        reportsShared
        responded
        medianWorkingDaysToRespond
        withAgreedChange
        changesChecked
        changesFollowedByFall
      }
    }
  }
`);

const LeaderLoopDocument = graphql(`
  query LeaderLoop($period: DashboardPeriod!, $from: String!, $to: String!, $asOf: DateTime) {
    loopDashboard(period: $period, from: $from, to: $to, asOf: $asOf) {
      periods {
        label
        themesConfirmed
        themesRaised
        themesResolved
        themesReopened
        themesRising
        themesFalling
        reportsShared
        responses
        changesAgreed
        changesChecked
        changesClosed
      }
    }
  }
`);

type Period = LeaderOutcomePeriodFragment;

/**
 * Learning over time, for leadership: outcomes by month or quarter, themes rising and falling,
 * how services answered feedback, and the learning timeline (reflections among the loop's key
 * events). One "as of" day governs every figure: the page shows only what had been recorded by
 * the end of that day.
 */
export function Learning() {
  const [params, setParams] = useSearchParams();
  const now = today();
  const view = readView(params, now);
  const asOf = asOfMoment(view.asOf, now);
  const [areas] = useQuery({ query: LeaderAreasDocument });
  const areaName = areas.data?.areas.find((a) => a.id === view.areaId)?.name;
  return (
    <Page title="Learning over time" wide>
      <p>What the organisation has learned: outcomes for the people coaches work alongside, the themes that rose and fell, how services answered feedback, and the reflections and decisions along the way.</p>
      <ViewControls view={view} areas={areas.data?.areas ?? []} onChange={(next) => setParams(writeView(next, now))} />
      <p className="as-of" role="status">
        {asOf ? (
          <>
            Every figure on this page is as known at the end of <strong>{formatDay(view.asOf)}</strong>: what was recorded later is left out.{' '}
            <Link to="/learning">Show what is known now</Link>
          </>
        ) : (
          <>
            Every figure on this page is as known <strong>now</strong> ({formatDay(now)}).
          </>
        )}
        {areaName ? <> Outcomes and themes are for {areaName} only.</> : null}
      </p>
      <nav className="on-this-page" aria-label="On this page">
        <ul>
          <li>
            <a href="#outcomes">Outcomes</a>
          </li>
          <li>
            <a href="#themes">Themes rising and falling</a>
          </li>
          <li>
            <a href="#loop">The loop</a>
          </li>
          <li>
            <a href="#responses">How services answered</a>
          </li>
          <li>
            <a href="#timeline">Learning timeline</a>
          </li>
        </ul>
      </nav>
      <Outcomes view={view} asOf={asOf} />
      <ThemeTrends view={view} asOf={asOf} />
      <Loop view={view} asOf={asOf} />
      <Responses view={view} asOf={asOf} />
      <Timeline key={`${view.asOf}`} asOf={asOf} />
    </Page>
  );
}

const VIEW_FIELDS = { asOf: 'view-asOf', from: 'view-from' };

function ViewControls({ view, areas, onChange }: { readonly view: LearningView; readonly areas: readonly { id: string; name: string }[]; readonly onChange: (view: LearningView) => void }) {
  const [asOf, setAsOf] = useState(view.asOf);
  const [by, setBy] = useState<Grouping>(view.by);
  const [from, setFrom] = useState(view.from);
  const [areaId, setAreaId] = useState(view.areaId);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);
  // When the view changes from elsewhere (a link, the back button), the fields follow it.
  const shown = writeView(view).toString();
  useEffect(() => {
    setAsOf(view.asOf);
    setBy(view.by);
    setFrom(view.from);
    setAreaId(view.areaId);
    // `shown` stands for the whole view.
  }, [shown]);
  const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

  function submit(event: FormEvent) {
    event.preventDefault();
    const found: Problem[] = [];
    if (!isDay(asOf)) found.push({ field: VIEW_FIELDS.asOf, message: 'Enter the day whose end the figures should be as known at' });
    else if (asOf > today()) found.push({ field: VIEW_FIELDS.asOf, message: 'The “as known at” day cannot be in the future' });
    const start = from.trim() ? from : isDay(asOf) ? defaultFrom(asOf, by) : '';
    if (from.trim() && !isDay(from)) found.push({ field: VIEW_FIELDS.from, message: 'Enter the first day to count from, or leave it empty for the last year' });
    else if (isDay(start) && isDay(asOf) && start > asOf) found.push({ field: VIEW_FIELDS.from, message: 'The first day to count from cannot be after the “as known at” day' });
    else if (isDay(start) && isDay(asOf) && monthsBetween(start, asOf) > (by === 'QUARTER' ? 360 : 120)) {
      found.push({ field: VIEW_FIELDS.from, message: `The first day to count from is too long ago: at most 120 ${by === 'QUARTER' ? 'quarters' : 'months'} at a time` });
    }
    setProblems(found);
    if (found.length > 0) return;
    onChange({ asOf, by, from: start, areaId });
  }

  return (
    <form className="form view-controls" onSubmit={submit} noValidate aria-labelledby="view-heading">
      <h2 id="view-heading" className="visually-hidden">
        What to show
      </h2>
      <ErrorSummary problems={problems} />
      <div className="view-controls__fields">
        <TextField
          id={VIEW_FIELDS.asOf}
          label="As known at the end of"
          hint="Look back at what the organisation knew then."
          type="date"
          max={today()}
          value={asOf}
          onChange={(e) => setAsOf(e.target.value)}
          error={byField[VIEW_FIELDS.asOf]}
          className="field--date"
        />
        <TextField
          id={VIEW_FIELDS.from}
          label="Count from"
          hint="The first day of the outcomes. Empty: the last 12 months (or 8 quarters)."
          type="date"
          value={from}
          onChange={(e) => setFrom(e.target.value)}
          error={byField[VIEW_FIELDS.from]}
          className="field--date"
        />
        <RadioGroup
          name="view-by"
          legend="Group outcomes by"
          options={[
            { value: 'MONTH', label: 'Month' },
            { value: 'QUARTER', label: 'Quarter' },
          ]}
          value={by}
          onChange={(value) => {
            setBy(value as Grouping);
            // A range chosen for months is rarely the one wanted for quarters: start afresh.
            if (from === defaultFrom(asOf, by)) setFrom(isDay(asOf) ? defaultFrom(asOf, value as Grouping) : '');
          }}
          inline
        />
        <SelectField
          id="view-area"
          label="Area"
          options={areas.map((a) => ({ value: a.id, label: a.name }))}
          placeholder="Every area"
          value={areaId}
          onChange={(e) => setAreaId(e.target.value)}
        />
      </div>
      <Button type="submit">Show</Button>
    </form>
  );
}

function monthsBetween(from: string, to: string): number {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  return (ty - fy) * 12 + (tm - fm) + 1;
}

/** "2026-03" → "Mar 2026"; "2026-Q1" → "Jan to Mar 2026". */
export function periodLabel(label: string): string {
  const month = /^(\d{4})-(\d{2})$/.exec(label);
  if (month) return new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
  const quarter = /^(\d{4})-Q([1-4])$/.exec(label);
  if (quarter) return `${['Jan to Mar', 'Apr to Jun', 'Jul to Sep', 'Oct to Dec'][Number(quarter[2]) - 1]} ${quarter[1]}`;
  return label;
}

const ENDINGS: Record<string, string> = {
  planned_with_person: 'Planned with the person',
  person_chose_to_end: 'The person chose to end it',
  moved_on: 'Moved on',
  lost_contact: 'Lost contact',
  other: 'Another way',
};

const SCALES: Record<string, string> = { wemwbs: 'WEMWBS (scores 14 to 70)', swemwbs: 'SWEMWBS (scores 7 to 35)' };

/** A count with its "few" mark when it is 1 to 4. */
function Count({ value, small, children }: { readonly value: ReactNode; readonly small: boolean; readonly children?: ReactNode }) {
  return (
    <>
      {value}
      {small ? (
        <>
          {' '}
          <span className="few">few</span>
        </>
      ) : null}
      {children}
    </>
  );
}

function FewNote() {
  return (
    <p className="aside">
      <span className="few">few</span> marks 1 to 4 people: too few to read much into, and never to be shared outside the organisation as they
      stand.
    </p>
  );
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n).toFixed(1)}`;
const percent = (share: number) => `${Math.round(share * 100)}%`;

function Outcomes({ view, asOf }: { readonly view: LearningView; readonly asOf: string | undefined }) {
  const [{ data, error, fetching }] = useQuery({
    query: LeaderOutcomesDocument,
    variables: { period: view.by, from: view.from, to: view.asOf, asOf: asOf ?? null, areaId: view.areaId || null },
    requestPolicy: 'cache-and-network',
  });
  const dashboard = data?.outcomeDashboard;
  const unit = view.by === 'QUARTER' ? 'Quarter' : 'Month';
  return (
    <section className="section" aria-labelledby="outcomes" aria-busy={fetching || undefined}>
      <h2 id="outcomes">Outcomes</h2>
      {error && !dashboard ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!dashboard && !error ? <Loading what="outcomes" /> : null}
      {dashboard ? (
        <>
          <p>
            From {formatDay(dashboard.from)} to {formatDay(dashboard.to)}, counted by when things happened.
          </p>
          <Totals total={dashboard.total} />
          <FewNote />
          <Chart
            id="counts-chart"
            title={`People joining, and coaching relationships starting and ending, by ${unit.toLowerCase()}`}
            summary={<p>{countsSummary(dashboard.periods)} Every figure is in the table below.</p>}
          >
            <BarsChart
              rows={dashboard.periods.map((p) => ({ label: periodLabel(p.label), joined: p.peopleJoined.count, started: p.relationshipsStarted.count, ended: p.relationshipsEnded.count }))}
              series={[
                { key: 'joined', name: 'People joined' },
                { key: 'started', name: 'Relationships started' },
                { key: 'ended', name: 'Relationships ended' },
              ]}
            />
          </Chart>
          <ScrollTable label={`Outcomes by ${unit.toLowerCase()}`}>
            <table className="table table--figures">
              <caption className="table__caption">Outcomes by {unit.toLowerCase()}</caption>
              <thead>
                <tr>
                  <th scope="col">{unit}</th>
                  <th scope="col">People joined</th>
                  <th scope="col">Relationships started</th>
                  <th scope="col">Relationships ended</th>
                  <th scope="col">Median length (days)</th>
                  <th scope="col">Connections made</th>
                  <th scope="col">Personal budgets spent</th>
                </tr>
              </thead>
              <tbody>
                {dashboard.periods.map((p) => (
                  <tr key={p.label}>
                    <th scope="row">{periodLabel(p.label)}</th>
                    <td>
                      <Count value={p.peopleJoined.count} small={p.peopleJoined.small} />
                    </td>
                    <td>
                      <Count value={p.relationshipsStarted.count} small={p.relationshipsStarted.small} />
                    </td>
                    <td>
                      <Count value={p.relationshipsEnded.count} small={p.relationshipsEnded.small} />
                    </td>
                    <td>{p.relationshipLength.medianDays === null || p.relationshipLength.medianDays === undefined ? '–' : <Count value={Math.round(p.relationshipLength.medianDays)} small={p.relationshipLength.small} />}</td>
                    <td>
                      <Count value={p.connections.made} small={p.connections.small} />
                    </td>
                    <td>
                      <Count value={pounds(p.budgetSpend.spentPence)} small={p.budgetSpend.small} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <Endings total={dashboard.total} />
          <BudgetPurposes total={dashboard.total} />
          <Wellbeing periods={dashboard.periods} total={dashboard.total} unit={unit} />
        </>
      ) : null}
    </section>
  );
}

function countsSummary(periods: readonly Period[]): string {
  const sum = (pick: (p: Period) => number) => periods.reduce((n, p) => n + pick(p), 0);
  const [busiest, next] = [...periods].sort((a, b) => b.peopleJoined.count - a.peopleJoined.count);
  const joined = sum((p) => p.peopleJoined.count);
  if (joined === 0 && sum((p) => p.relationshipsStarted.count) === 0 && sum((p) => p.relationshipsEnded.count) === 0) {
    return 'Nobody joined, and no coaching relationship started or ended, in this range.';
  }
  return (
    `${plural(joined, 'person', 'people')} joined, ${plural(sum((p) => p.relationshipsStarted.count), 'relationship', 'relationships')} started and ` +
    `${sum((p) => p.relationshipsEnded.count)} ended over ${plural(periods.length, 'period', 'periods')}.` +
    (busiest && busiest.peopleJoined.count > (next?.peopleJoined.count ?? 0) ? ` Most joined in ${periodLabel(busiest.label)} (${busiest.peopleJoined.count}).` : '')
  );
}

function Totals({ total }: { readonly total: Period }) {
  return (
    <dl className="stats" aria-label="In all, over the range">
      <div className="stats__item">
        <dt>People joined</dt>
        <dd>
          <Count value={total.peopleJoined.count} small={total.peopleJoined.small} />
        </dd>
      </div>
      <div className="stats__item">
        <dt>Relationships started</dt>
        <dd>
          <Count value={total.relationshipsStarted.count} small={total.relationshipsStarted.small} />
        </dd>
      </div>
      <div className="stats__item">
        <dt>Relationships ended</dt>
        <dd>
          <Count value={total.relationshipsEnded.count} small={total.relationshipsEnded.small} />
        </dd>
      </div>
      <div className="stats__item">
        <dt>Median length of those ended</dt>
        <dd>
          {total.relationshipLength.medianDays === null || total.relationshipLength.medianDays === undefined ? (
            'None ended'
          ) : (
            <Count value={`${Math.round(total.relationshipLength.medianDays)} days`} small={total.relationshipLength.small} />
          )}
        </dd>
      </div>
      <div className="stats__item">
        <dt>Connections made</dt>
        <dd>
          <Count value={total.connections.made} small={total.connections.small}>
            {' '}
            <span className="stats__detail">by {plural(total.connections.people, 'person', 'people')}</span>
          </Count>
        </dd>
      </div>
      <div className="stats__item">
        <dt>Personal budgets spent</dt>
        <dd>
          <Count value={pounds(total.budgetSpend.spentPence)} small={total.budgetSpend.small}>
            {' '}
            <span className="stats__detail">
              {plural(total.budgetSpend.spends, 'payment', 'payments')} for {plural(total.budgetSpend.people, 'person', 'people')}
            </span>
          </Count>
        </dd>
      </div>
    </dl>
  );
}

function Endings({ total }: { readonly total: Period }) {
  return (
    <>
      <h3>How coaching relationships ended</h3>
      {total.endings.length === 0 ? (
        <p>No coaching relationship ended in this range.</p>
      ) : (
        <ul className="figure-list">
          {total.endings.map((e) => (
            <li key={e.ending}>
              <span>{ENDINGS[e.ending] ?? e.ending}</span>{' '}
              <strong>
                <Count value={e.count} small={e.small} />
              </strong>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

const PURPOSES: Record<string, string> = {
  TRAVEL: 'Travel and transport',
  DRIVING_LESSONS: 'Driving lessons or a driving test',
  CLOTHING: 'Clothing, for example for interviews or work',
  COURSE_OR_TRAINING: 'A course, training or a qualification',
  HOUSEHOLD: 'Household items and furniture',
  PHONE_AND_DATA: 'A phone, data or getting online',
  HOBBY_OR_CLUB: 'A hobby, club or activity',
  BILLS_OR_ARREARS: 'Bills, debts or arrears',
  OTHER: 'Something else',
  UNSPECIFIED: 'Not recorded (asked for before purposes were recorded)',
};

function BudgetPurposes({ total }: { readonly total: Period }) {
  return (
    <>
      <h3>What personal budgets were spent on</h3>
      {total.budgetSpendByCategory.length === 0 ? (
        <p>No personal budget money was spent in this range.</p>
      ) : (
        <>
          <p className="aside">By the purpose chosen when the money was asked for. Someone helped with two purposes counts under each.</p>
          <ul className="figure-list">
            {total.budgetSpendByCategory.map((c) => (
              <li key={c.category}>
                <span>{PURPOSES[c.category] ?? c.category}</span>{' '}
                <strong>
                  <Count value={pounds(c.spentPence)} small={c.small}>
                    {' '}
                    <span className="stats__detail">
                      for {c.people} {c.people === 1 ? 'person' : 'people'}
                    </span>
                  </Count>
                </strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}

function Wellbeing({ periods, total, unit }: { readonly periods: readonly Period[]; readonly total: Period; readonly unit: string }) {
  return (
    <>
      <h3>Wellbeing</h3>
      {total.wellbeing.length === 0 ? (
        <p>Nobody in this range has checked in twice on the same wellbeing scale, so there is no change to show yet.</p>
      ) : (
        total.wellbeing.map((w) => {
          const rows = periods.map((p) => ({ label: p.label, change: p.wellbeing.find((x) => x.scale === w.scale) }));
          const scaleName = SCALES[w.scale] ?? w.scale;
          return (
            <div className="wellbeing" key={w.scale}>
              <h4>{scaleName}</h4>
              <p>
                <Count value={`${w.people} ${w.people === 1 ? 'person' : 'people'}`} small={w.small} />: mean score from {w.meanFirst.toFixed(1)} at their first check-in to{' '}
                {w.meanLatest.toFixed(1)} at their latest, a change of <strong>{signed(w.meanChange)}</strong>
                {w.lower !== null && w.lower !== undefined && w.upper !== null && w.upper !== undefined ? (
                  <>
                    {' '}
                    ({Math.round(w.level * 100)}% interval {signed(w.lower)} to {signed(w.upper)})
                  </>
                ) : (
                  <> (no interval: fewer than two people)</>
                )}
                . {w.movingTowardsNationalAverage} of {w.people} ({percent(w.shareMovingTowardsNationalAverage)}) moved towards the national average of {w.nationalAverage}.
              </p>
              <Chart
                id={`wellbeing-${w.scale}`}
                title={`Mean change in ${scaleName}, by ${unit.toLowerCase()}, with its ${Math.round(w.level * 100)}% interval`}
                summary={<p>The dashed line is no change. Each period’s figures are in the table below.</p>}
              >
                <WellbeingChart
                  rows={rows.map(({ label, change }) => ({
                    label: periodLabel(label),
                    mean: change ? Number(change.meanChange.toFixed(2)) : null,
                    interval:
                      change && change.lower !== null && change.lower !== undefined && change.upper !== null && change.upper !== undefined
                        ? [change.meanChange - change.lower, change.upper - change.meanChange]
                        : null,
                  }))}
                />
              </Chart>
              <ScrollTable label={`${scaleName} by ${unit.toLowerCase()}`}>
                <table className="table table--figures">
                  <caption className="table__caption">
                    {scaleName} by {unit.toLowerCase()} (only those with people to count)
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">{unit}</th>
                      <th scope="col">People</th>
                      <th scope="col">Mean change</th>
                      <th scope="col">{Math.round(w.level * 100)}% interval</th>
                      <th scope="col">Moving towards the national average</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.flatMap(({ label, change }) =>
                      change
                        ? [
                            <tr key={label}>
                              <th scope="row">{periodLabel(label)}</th>
                              <td>
                                <Count value={change.people} small={change.small} />
                              </td>
                              <td>{signed(change.meanChange)}</td>
                              <td>
                                {change.lower !== null && change.lower !== undefined && change.upper !== null && change.upper !== undefined
                                  ? `${signed(change.lower)} to ${signed(change.upper)}`
                                  : '–'}
                              </td>
                              <td>
                                {change.movingTowardsNationalAverage} ({percent(change.shareMovingTowardsNationalAverage)})
                              </td>
                            </tr>,
                          ]
                        : [],
                    )}
                  </tbody>
                </table>
              </ScrollTable>
            </div>
          );
        })
      )}
    </>
  );
}

function ThemeTrends({ view, asOf }: { readonly view: LearningView; readonly asOf: string | undefined }) {
  const [{ data, error }] = useQuery({
    query: LeaderThemeTrendsDocument,
    variables: { asOf: asOf ?? null, endOn: view.asOf, areaId: view.areaId || null },
    requestPolicy: 'cache-and-network',
  });
  const trends = data?.themeTrends;
  const line = (t: { themeId: string; name: string; recentCount: number; expected: number }) => (
    <li key={t.themeId}>
      <strong>{t.name}</strong>: {t.recentCount} {t.recentCount === 1 ? 'observation' : 'observations'} in the recent weeks, against about {t.expected.toFixed(1)} expected at the
      earlier rate
    </li>
  );
  return (
    <section className="section" aria-labelledby="themes">
      <h2 id="themes">Themes rising and falling</h2>
      {error && !trends ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!trends && !error ? <Loading what="themes" /> : null}
      {trends ? (
        <>
          <p>
            Observations from {formatDay(trends.recentFrom)} to {formatDay(trends.recentTo)}, against the rate from {formatDay(trends.baselineFrom)} to {formatDay(trends.baselineTo)}.{' '}
            {trends.tested} {trends.tested === 1 ? 'theme was' : 'themes were'} tested; only clear changes are listed.
          </p>
          <h3>Rising</h3>
          {trends.rising.length === 0 ? <p>No theme rose clearly.</p> : <ul>{trends.rising.map(line)}</ul>}
          <h3>Falling</h3>
          {trends.falling.length === 0 ? <p>No theme fell clearly.</p> : <ul>{trends.falling.map(line)}</ul>}
        </>
      ) : null}
    </section>
  );
}

/** The loop has at most 36 periods at a time: a longer range shows its last 36. */
const LOOP_PERIODS = 36;

function Loop({ view, asOf }: { readonly view: LearningView; readonly asOf: string | undefined }) {
  const earliest = periodStart(view.asOf, view.by, LOOP_PERIODS - 1);
  const from = view.from < earliest ? earliest : view.from;
  const [{ data, error }] = useQuery({ query: LeaderLoopDocument, variables: { period: view.by, from, to: view.asOf, asOf: asOf ?? null }, requestPolicy: 'cache-and-network' });
  const periods = data?.loopDashboard.periods;
  const unit = view.by === 'QUARTER' ? 'Quarter' : 'Month';
  const sum = (pick: (p: NonNullable<typeof periods>[number]) => number) => (periods ?? []).reduce((n, p) => n + pick(p), 0);
  const moving = (periods ?? []).filter((p) => p.themesRising.length > 0 || p.themesFalling.length > 0);
  return (
    <section className="section" aria-labelledby="loop">
      <h2 id="loop">The loop, {unit === 'Month' ? 'month by month' : 'quarter by quarter'}</h2>
      {error && !periods ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!periods && !error ? <Loading what="the loop" /> : null}
      {periods ? (
        <>
          <p>
            From {formatDay(from)} to {formatDay(view.asOf)}
            {from !== view.from ? ` (the last ${LOOP_PERIODS} ${unit.toLowerCase()}s of the range)` : ''}: themes confirmed and raised with services, reports shared and answered, and changes agreed and
            checked. These figures are for every area.
          </p>
          <Chart
            id="loop-chart"
            title={`Reports shared, responses, changes agreed and changes that fell clearly, by ${unit.toLowerCase()}`}
            summary={
              <p>
                In all: {plural(sum((p) => p.reportsShared), 'report', 'reports')} shared, {plural(sum((p) => p.responses), 'response', 'responses')},{' '}
                {plural(sum((p) => p.changesAgreed), 'change', 'changes')} agreed, {sum((p) => p.changesChecked)} checked and {sum((p) => p.changesClosed)} followed by a clear
                fall. Every figure is in the table below.
              </p>
            }
          >
            <BarsChart
              rows={periods.map((p) => ({ label: periodLabel(p.label), shared: p.reportsShared, responses: p.responses, agreed: p.changesAgreed, closed: p.changesClosed }))}
              series={[
                { key: 'shared', name: 'Reports shared' },
                { key: 'responses', name: 'Responses' },
                { key: 'agreed', name: 'Changes agreed' },
                { key: 'closed', name: 'Fell clearly' },
              ]}
            />
          </Chart>
          <ScrollTable label={`The loop by ${unit.toLowerCase()}`}>
            <table className="table table--figures">
              <caption className="table__caption">The loop by {unit.toLowerCase()}</caption>
              <thead>
                <tr>
                  <th scope="col">{unit}</th>
                  <th scope="col">Themes confirmed</th>
                  <th scope="col">Raised with services</th>
                  <th scope="col">Resolved</th>
                  <th scope="col">Re-opened</th>
                  <th scope="col">Reports shared</th>
                  <th scope="col">Responses</th>
                  <th scope="col">Changes agreed</th>
                  <th scope="col">Changes checked</th>
                  <th scope="col">Fell clearly</th>
                </tr>
              </thead>
              <tbody>
                {periods.map((p) => (
                  <tr key={p.label}>
                    <th scope="row">{periodLabel(p.label)}</th>
                    <td>{p.themesConfirmed}</td>
                    <td>{p.themesRaised}</td>
                    <td>{p.themesResolved}</td>
                    <td>{p.themesReopened}</td>
                    <td>{p.reportsShared}</td>
                    <td>{p.responses}</td>
                    <td>{p.changesAgreed}</td>
                    <td>{p.changesChecked}</td>
                    <td>{p.changesClosed}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollTable>
          <h3>Themes that rose or fell clearly</h3>
          {moving.length === 0 ? (
            <p>No theme rose or fell clearly in any {unit.toLowerCase()} of the range.</p>
          ) : (
            <ul>
              {moving.map((p) => (
                <li key={p.label}>
                  <strong>{periodLabel(p.label)}</strong>
                  {p.themesRising.length > 0 ? `: rising ${p.themesRising.join(', ')}` : ''}
                  {p.themesFalling.length > 0 ? `${p.themesRising.length > 0 ? ';' : ':'} falling ${p.themesFalling.join(', ')}` : ''}
                </li>
              ))}
            </ul>
          )}
        </>
      ) : null}
    </section>
  );
}

function Responses({ view, asOf }: { readonly view: LearningView; readonly asOf: string | undefined }) {
  const [{ data, error }] = useQuery({ query: LeaderReportMetricsDocument, variables: { asOf: asOf ?? null }, requestPolicy: 'cache-and-network' });
  const metrics = data?.reportMetrics;
  const rate = (r: number | null | undefined) => (r === null || r === undefined ? '' : ` (${percent(r)})`);
  return (
    <section className="section" aria-labelledby="responses">
      <h2 id="responses">How services answered feedback</h2>
      {error && !metrics ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!metrics && !error ? <Loading what="how services answered" /> : null}
      {metrics ? (
        metrics.overall.reportsShared === 0 ? (
          <p>No feedback report had been shared by {formatDay(view.asOf)}.</p>
        ) : (
          <>
            <p className="aside">Every report shared, with the responses, agreed changes and checks recorded by then. These figures are for every area.</p>
            <dl className="stats" aria-label="Feedback reports in all">
              <div className="stats__item">
                <dt>Reports shared</dt>
                <dd>{metrics.overall.reportsShared}</dd>
              </div>
              <div className="stats__item">
                <dt>Responded to</dt>
                <dd>
                  {metrics.overall.responded}
                  {rate(metrics.overall.responseRate)}
                </dd>
              </div>
              <div className="stats__item">
                <dt>Median time to respond</dt>
                <dd>
                  {metrics.overall.medianWorkingDaysToRespond === null || metrics.overall.medianWorkingDaysToRespond === undefined
                    ? 'No response yet'
                    : `${metrics.overall.medianWorkingDaysToRespond} working days`}
                </dd>
              </div>
              <div className="stats__item">
                <dt>With a change agreed</dt>
                <dd>
                  {metrics.overall.withAgreedChange}
                  {rate(metrics.overall.agreedChangeRate)}
                </dd>
              </div>
              <div className="stats__item">
                <dt>Changes checked</dt>
                <dd>{metrics.overall.changesChecked}</dd>
              </div>
              <div className="stats__item">
                <dt>Followed by a clear fall</dt>
                <dd>
                  {metrics.overall.changesFollowedByFall}
                  {rate(metrics.overall.fallRate)}
                </dd>
              </div>
            </dl>
            {metrics.byService.length > 0 ? (
              <ScrollTable label="By service">
                <table className="table table--figures">
                  <caption className="table__caption">By service</caption>
                  <thead>
                    <tr>
                      <th scope="col">Service</th>
                      <th scope="col">Reports shared</th>
                      <th scope="col">Responded to</th>
                      <th scope="col">Median working days to respond</th>
                      <th scope="col">With a change agreed</th>
                      <th scope="col">Changes followed by a clear fall</th>
                    </tr>
                  </thead>
                  <tbody>
                    {metrics.byService.map((row) => (
                      <tr key={row.organisationId ?? 'none'}>
                        <th scope="row">{row.organisationId ? <ServiceName id={row.organisationId} /> : 'Commissioner reports'}</th>
                        <td>{row.reportsShared}</td>
                        <td>{row.responded}</td>
                        <td>{row.medianWorkingDaysToRespond ?? '–'}</td>
                        <td>{row.withAgreedChange}</td>
                        <td>
                          {row.changesFollowedByFall} of {row.changesChecked} checked
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollTable>
            ) : null}
          </>
        )
      ) : null}
    </section>
  );
}
