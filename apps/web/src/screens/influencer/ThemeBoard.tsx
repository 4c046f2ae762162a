import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { InfluencerThemeTrendsQuery, ThemeStatus } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { Checkbox, SelectField, TextArea, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay, today } from '../../lib/dates.js';
import { Sparkline } from './charts.js';
import { ClusterProposals } from './ClusterProposals.js';
import { THEMES, useCommand } from '../../api/command.js';
import { ProposeThemeDocument, termsFrom } from './documents.js';
import { OrganisationName } from './lookups.js';
import { excerpt, fillPeriods, formatP, formatRatio, themeStatusLabel } from './words.js';

const BoardDocument = graphql(`
  query InfluencerThemeBoard($status: ThemeStatus) {
    themes(status: $status) {
      id
      name
      status
      description
      observationCount
      mergedInto
      trend(period: MONTH) {
        period
        count
      }
    }
  }
`);

const TrendsDocument = graphql(`
  query InfluencerThemeTrends($byService: Boolean, $recentWeeks: Int) {
    themeTrends(byService: $byService, recentWeeks: $recentWeeks) {
      alpha
      minCount
      tested
      recentFrom
      recentTo
      baselineFrom
      baselineTo
      rising {
        ...InfluencerThemeTrendFields
      }
      falling {
        ...InfluencerThemeTrendFields
      }
    }
  }
`);

graphql(`
  fragment InfluencerThemeTrendFields on ThemeTrendView {
    themeId
    name
    organisationId
    recentCount
    baselineCount
    expected
    ratio
    pValue
    adjustedPValue
  }
`);

type Trend = InfluencerThemeTrendsQuery['themeTrends']['rising'][number];

const STATUSES: readonly ThemeStatus[] = ['EMERGING', 'CONFIRMED', 'RAISED_WITH_SERVICES', 'CHANGE_AGREED', 'IMPROVING', 'RESOLVED', 'REOPENED', 'MERGED'];
/** The recent windows offered (the API's default is the first given no choice). */
const RECENT_WEEKS = [4, 8, 13, 26] as const;

/** Months in each theme's sparkline. */
const MONTHS = 12;

/**
 * The theme board: which themes are rising and falling (the rate test's numbers shown, not
 * hidden), every theme with its status and a year of monthly counts, possible new themes, and
 * proposing a theme by hand.
 */
export function ThemeBoard() {
  // The choices live here (so the controls answer at once) and in the address (so a reload or a
  // shared link keeps them).
  const [params, setParams] = useSearchParams();
  const [byService, setByService] = useState(params.get('by') === 'service');
  const [weeks, setWeeks] = useState(() => {
    const given = Number(params.get('weeks'));
    return (RECENT_WEEKS as readonly number[]).includes(given) ? given : undefined;
  });
  const [status, setStatus] = useState((params.get('status') ?? '') as ThemeStatus | '');
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <Page title="Themes" wide>
      <p className="lede">Patterns across observations, named by people and backed by evidence. Rising ones first.</p>
      <RisingAndFalling
        byService={byService}
        onByService={(on) => {
          setByService(on);
          set('by', on ? 'service' : undefined);
        }}
        weeks={weeks}
        onWeeks={(value) => {
          setWeeks(value);
          set('weeks', value ? String(value) : undefined);
        }}
      />
      <ThemeList
        status={status}
        onStatus={(value) => {
          setStatus(value as ThemeStatus | '');
          set('status', value || undefined);
        }}
      />
      <ClusterProposals />
      <ProposeTheme />
    </Page>
  );
}

function RisingAndFalling({
  byService,
  onByService,
  weeks,
  onWeeks,
}: {
  readonly byService: boolean;
  readonly onByService: (on: boolean) => void;
  readonly weeks: number | undefined;
  readonly onWeeks: (weeks: number | undefined) => void;
}) {
  const [{ data, error, fetching }] = useQuery({ query: TrendsDocument, variables: { byService, recentWeeks: weeks ?? null }, requestPolicy: 'cache-and-network' });
  const shownWeeks = weeks ?? (data ? weeksBetween(data.themeTrends.recentFrom, data.themeTrends.recentTo) : undefined);
  const trends = data?.themeTrends;
  return (
    <section className="section" aria-labelledby="trends-heading">
      <h2 id="trends-heading">Rising and falling</h2>
      <Checkbox
        id="by-service"
        label="By service"
        hint="Test each theme for each service separately, so a rise at one service shows even when the theme is flat overall."
        checked={byService}
        onChange={onByService}
      />
      <SelectField
        id="recent-weeks"
        label="Recent weeks compared"
        hint="A shorter window shows a new rise sooner; a longer one needs fewer observations a week to show it."
        value={shownWeeks ? String(shownWeeks) : ''}
        options={RECENT_WEEKS.map((w) => ({ value: String(w), label: `${w} weeks` }))}
        onChange={(event) => onWeeks(Number(event.target.value))}
      />
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && fetching ? <Loading what="the rise and fall of themes" /> : null}
      {trends ? (
        <>
          <p>
            The recent {weeksBetween(trends.recentFrom, trends.recentTo)} weeks ({formatDay(trends.recentFrom)} to {formatDay(trends.recentTo)})
            against the {weeksBetween(trends.baselineFrom, trends.baselineTo)} weeks before them ({formatDay(trends.baselineFrom)} to{' '}
            {formatDay(trends.baselineTo)}). {trends.tested} {byService ? 'theme and service pairs' : 'themes'} tested.
            {fetching ? <span className="visually-hidden"> Updating.</span> : null}
          </p>
          <TrendTable id="rising" title="Emerging: rising" rows={trends.rising} byService={byService} empty="No theme is rising clearly at the moment." />
          <TrendTable id="falling" title="Falling" rows={trends.falling} byService={byService} empty="No theme is falling clearly at the moment." />
          <details className="more">
            <summary>What the numbers mean</summary>
            <dl className="facts">
              <div className="facts__row">
                <dt>Recent</dt>
                <dd>Observations of the theme in the recent weeks.</dd>
              </div>
              <div className="facts__row">
                <dt>Expected</dt>
                <dd>How many there would have been at the rate of the weeks before (the baseline).</dd>
              </div>
              <div className="facts__row">
                <dt>Ratio</dt>
                <dd>The recent rate over the baseline rate: 2× is twice as often.</dd>
              </div>
              <div className="facts__row">
                <dt>p-value</dt>
                <dd>How likely a change this big is by chance alone, by an exact Poisson rate-ratio test (one-sided).</dd>
              </div>
              <div className="facts__row">
                <dt>Adjusted p</dt>
                <dd>
                  The p-value allowing for testing {trends.tested} at once (Benjamini–Hochberg). A theme is listed when it is below{' '}
                  {trends.alpha} and there are at least {trends.minCount} observations.
                </dd>
              </div>
            </dl>
          </details>
        </>
      ) : null}
    </section>
  );
}

const weeksBetween = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / (7 * 86_400_000) + 1 / 7);

function TrendTable({ id, title, rows, byService, empty }: { readonly id: string; readonly title: string; readonly rows: readonly Trend[]; readonly byService: boolean; readonly empty: string }) {
  return (
    <>
      <h3 id={`${id}-heading`}>{title}</h3>
      {rows.length === 0 ? (
        <p className="aside">{empty}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={`${id}-heading`} tabIndex={0}>
          <p className="table-scroll__hint" aria-hidden="true">
            Scroll sideways for every number.
          </p>
          <table className="table table--numbers">
            <thead>
              <tr>
                <th scope="col">Theme</th>
                {byService ? <th scope="col">Service</th> : null}
                <th scope="col">Recent</th>
                <th scope="col">Expected</th>
                <th scope="col">Ratio</th>
                <th scope="col">p-value</th>
                <th scope="col">Adjusted p</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.themeId}-${row.organisationId ?? ''}`}>
                  <th scope="row">
                    <Link to={`/themes/${row.themeId}`}>{row.name}</Link>
                  </th>
                  {byService ? (
                    <td>
                      <OrganisationName id={row.organisationId} fallback="Not matched to a service" />
                    </td>
                  ) : null}
                  <td>{row.recentCount}</td>
                  <td>{row.expected.toFixed(1)}</td>
                  <td>{formatRatio(row.ratio)}</td>
                  <td>{formatP(row.pValue)}</td>
                  <td>{formatP(row.adjustedPValue)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

function ThemeList({ status, onStatus }: { readonly status: ThemeStatus | ''; readonly onStatus: (status: string) => void }) {
  const [{ data, error, fetching }] = useQuery({ query: BoardDocument, variables: { status: status || null }, requestPolicy: 'cache-and-network' });
  const to = today();
  const start = new Date(`${to}T00:00:00Z`);
  start.setUTCDate(1);
  start.setUTCMonth(start.getUTCMonth() - (MONTHS - 1));
  const from = start.toISOString().slice(0, 10);
  return (
    <section className="section" aria-labelledby="themes-heading">
      <h2 id="themes-heading">All themes</h2>
      <SelectField
        id="status"
        label="Status"
        placeholder="Every theme in use"
        options={STATUSES.map((s) => ({ value: s, label: themeStatusLabel(s) }))}
        value={status}
        onChange={(e) => onStatus(e.target.value)}
      />
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && fetching ? <Loading what="themes" /> : null}
      {data && data.themes.length === 0 ? (
        <div className="empty">
          {status ? (
            <p>No theme is {themeStatusLabel(status).toLowerCase()} at the moment.</p>
          ) : (
            <>
              <p>There are no themes yet.</p>
              <p>
                Start from a possible new theme below, or propose one by hand and add observations to it from the{' '}
                <Link to="/observations">observations not in a theme yet</Link>.
              </p>
            </>
          )}
        </div>
      ) : null}
      {data && data.themes.length > 0 ? (
        <>
          <p role="status" className="results-count">
            {data.themes.length === 1 ? 'One theme' : `${data.themes.length} themes`}, the most evidenced first.
          </p>
          <ul className="theme-cards">
            {data.themes.map((theme) => (
              <li className="theme-card" key={theme.id}>
                <h3 className="theme-card__name">
                  <Link to={`/themes/${theme.id}`}>{theme.name}</Link>
                </h3>
                <p className="theme-card__meta">
                  <span className={`badge badge--theme-${theme.status.toLowerCase()}`}>{themeStatusLabel(theme.status)}</span>{' '}
                  {theme.observationCount === 1 ? 'one observation' : `${theme.observationCount} observations`}
                </p>
                <Sparkline points={fillPeriods(theme.trend, 'MONTH', from, to)} label={`Observations a month for ${theme.name}`} />
                {theme.description ? <p className="theme-card__description">{excerpt(theme.description, 140)}</p> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ProposeTheme() {
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [terms, setTerms] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [proposing, propose] = useCommand(ProposeThemeDocument, THEMES);
  const byField = Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed.length < 3 || trimmed.length > 80) {
      setProblems([{ field: 'theme-name', message: 'Give the theme a name of 3 to 80 characters that says what keeps happening' }]);
      return;
    }
    const result = await propose({ input: { name: trimmed, description: description.trim() || null, keyTerms: termsFrom(terms) } });
    if (!result.ok) {
      const { summary } = fieldErrors(
        result.failure.problems,
        { name: 'The name', description: 'The description', keyTerms: 'The key words' },
        { name: 'theme-name', description: 'theme-description', keyTerms: 'theme-terms' },
      );
      setProblems(summary.length > 0 ? summary : [{ message: result.failure.message }]);
      return;
    }
    navigate(`/themes/${result.data.proposeTheme.id}`, { state: { notice: 'Theme proposed. Add the observations that evidence it, then confirm it.' } });
  };

  return (
    <section className="section" aria-labelledby="propose-heading">
      <h2 id="propose-heading">Propose a theme</h2>
      <details className="more" open={problems.length > 0 || undefined}>
        <summary>Propose a theme by hand</summary>
        <form className="form" onSubmit={submit} noValidate>
          <ErrorSummary problems={problems} />
          <TextField
            id="theme-name"
            label="Name"
            hint="What keeps happening, in plain words. 3 to 80 characters, unlike any other theme."
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={byField['theme-name']}
            maxLength={80}
          />
          <TextArea id="theme-description" label="Description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} error={byField['theme-description']} maxLength={1000} rows={3} />
          <TextField
            id="theme-terms"
            label="Key words (optional)"
            hint="Words that mark its observations, separated by commas. They help the product suggest observations for it."
            value={terms}
            onChange={(e) => setTerms(e.target.value)}
            error={byField['theme-terms']}
          />
          <Button type="submit" busy={proposing} busyLabel="Proposing…">
            Propose theme
          </Button>
        </form>
      </details>
    </section>
  );
}
