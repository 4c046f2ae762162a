import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { ChangeableThemeStatus, InfluencerThemeQuery, TrendPeriod } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading, Notice } from '../../components/Feedback.js';
import { Checkbox, CheckboxGroup, RadioGroup, SelectField, TextArea, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay, today } from '../../lib/dates.js';
import { TrendChart } from './charts.js';
import { ClusterProposals } from './ClusterProposals.js';
import { OBSERVATIONS, THEMES, useCommand } from '../../api/command.js';
import { termsFrom, ThemeSuggestionsDocument, UnlinkObservationsDocument } from './documents.js';
import { useDirectory, useThemeIndex } from './lookups.js';
import { ObservationById, observationTitleId } from './ObservationCard.js';
import { Answered, SuggestionAnswer } from './parts.js';
import { ServiceFinder, type ServiceChosen } from './ServiceFinder.js';
import { dayBefore, fillPeriods, nextStatuses, THEME_STATUS_HINT, themeChangeLabel, themeStatusLabel } from './words.js';

const ThemeDocument = graphql(`
  query InfluencerTheme($id: ID!) {
    theme(id: $id) {
      id
      name
      description
      status
      keyTerms
      categoryIds
      observationCount
      observationIds
      mergedInto
      splitFrom
      proposedAt
      history {
        at
        change
        status
        name
        note
        observations
        otherThemeId
      }
    }
  }
`);

const ThemeTrendDocument = graphql(`
  query InfluencerThemeTrend($id: ID!, $period: TrendPeriod, $areaId: ID, $organisationId: ID) {
    theme(id: $id) {
      id
      trend(period: $period, areaId: $areaId, organisationId: $organisationId) {
        period
        count
      }
    }
  }
`);

const ConfirmThemeDocument = graphql(`
  mutation InfluencerConfirmTheme($commandId: ID, $themeId: ID!) {
    confirmTheme(commandId: $commandId, themeId: $themeId) {
      id
    }
  }
`);

const ChangeThemeStatusDocument = graphql(`
  mutation InfluencerChangeThemeStatus($commandId: ID, $input: ChangeThemeStatusInput!) {
    changeThemeStatus(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const RedefineThemeDocument = graphql(`
  mutation InfluencerRedefineTheme($commandId: ID, $input: RedefineThemeInput!) {
    redefineTheme(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const MergeThemesDocument = graphql(`
  mutation InfluencerMergeThemes($commandId: ID, $input: MergeThemesInput!) {
    mergeThemes(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const SplitThemeDocument = graphql(`
  mutation InfluencerSplitTheme($commandId: ID, $input: SplitThemeInput!) {
    splitTheme(commandId: $commandId, input: $input) {
      id
    }
  }
`);

type Theme = InfluencerThemeQuery['theme'];

/** Observations of the evidence shown at first, and added by each "show more". */
const EVIDENCE_PAGE = 10;

/**
 * A theme: what it is, where it is in the loop (and moving it on), how often it happens by week
 * or month for a service or an area, its evidence (split some off, or take some out), what the
 * product suggests adding, renaming, merging, and every step it has been through.
 */
export function ThemePage() {
  const { themeId = '' } = useParams();
  const [{ data, error }] = useQuery({ query: ThemeDocument, variables: { id: themeId }, requestPolicy: 'cache-and-network' });
  const theme = data?.theme;
  return (
    <Page title="A theme" heading={theme?.name ?? 'A theme'} back={{ to: '/themes', label: 'Themes' }} wide>
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && !error ? <Loading what="the theme" /> : null}
      {theme ? <ThemeBody key={theme.id} theme={theme} /> : null}
    </Page>
  );
}

function ThemeBody({ theme }: { readonly theme: Theme }) {
  const merged = theme.status === 'MERGED';
  return (
    <>
      <p className="theme-summary">
        <span className={`badge badge--theme-${theme.status.toLowerCase()}`}>{themeStatusLabel(theme.status)}</span>{' '}
        {theme.observationCount === 1 ? 'one observation' : `${theme.observationCount} observations`} · proposed {formatDay(theme.proposedAt)}
        {theme.splitFrom ? (
          <>
            {' '}
            · split off from <Link to={`/themes/${theme.splitFrom}`}>another theme</Link>
          </>
        ) : null}
      </p>
      {merged && theme.mergedInto ? (
        <Notice kind="info">
          <p>
            This theme was merged, and its observations moved with it: <Link to={`/themes/${theme.mergedInto}`}>work on the theme it was merged into</Link>.
          </p>
        </Notice>
      ) : null}
      {theme.description ? <p className="prose">{theme.description}</p> : <p className="aside">No description yet: add one under “Change the theme”.</p>}
      {theme.keyTerms.length > 0 ? (
        <p>
          <span className="tags__label">Key words: </span>
          {theme.keyTerms.map((term) => (
            <span className="tag" key={term}>
              {term}
            </span>
          ))}
        </p>
      ) : null}
      <nav className="on-this-page" aria-label="On this page">
        <ul>
          {!merged ? (
            <li>
              <a href="#loop-heading">The loop</a>
            </li>
          ) : null}
          <li>
            <a href="#trend-heading">How often</a>
          </li>
          <li>
            <a href="#evidence-heading">Evidence</a>
          </li>
          {!merged ? (
            <>
              <li>
                <a href="#suggestions-heading">Suggested</a>
              </li>
              <li>
                <a href="#change-heading">Change the theme</a>
              </li>
            </>
          ) : null}
          <li>
            <a href="#history-heading">History</a>
          </li>
        </ul>
      </nav>
      <div className="theme-layout">
        {!merged ? <MoveAlong theme={theme} /> : null}
        <ThemeTrend themeId={theme.id} name={theme.name} />
        <Evidence theme={theme} />
        {!merged ? <SuggestedForTheme theme={theme} /> : null}
        {!merged ? <ClusterProposals /> : null}
        {!merged ? <ChangeTheme theme={theme} /> : null}
        <History theme={theme} />
      </div>
    </>
  );
}

function MoveAlong({ theme }: { readonly theme: Theme }) {
  const [confirming, confirm] = useCommand(ConfirmThemeDocument, THEMES);
  const [moving, move] = useCommand(ChangeThemeStatusDocument, THEMES);
  const [to, setTo] = useState<string>();
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState<string>();
  const next = nextStatuses(theme.status);
  const byField = Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (!to) found.push({ field: 'status-to', message: 'Choose where the theme is now in the loop' });
    if (!note.trim()) found.push({ field: 'status-note', message: 'Write what happened, for the learning timeline' });
    else if (note.trim().length > 1000) found.push({ field: 'status-note', message: 'Shorten the note to 1000 characters or fewer' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await move({ input: { themeId: theme.id, status: to as ChangeableThemeStatus, note: note.trim() } });
    if (!result.ok) {
      const { summary } = fieldErrors(result.failure.problems, { note: 'The note', status: 'The status' }, { note: 'status-note', status: 'status-to' });
      setProblems(summary.length > 0 ? summary : [{ message: result.failure.message }]);
      return;
    }
    setNotice(`Moved to “${themeStatusLabel(to!)}”.`);
    setTo(undefined);
    setNote('');
  };

  return (
    <section className="section" aria-labelledby="loop-heading">
      <h2 id="loop-heading" tabIndex={-1}>
        The loop
      </h2>
      {notice ? <Notice>{notice}</Notice> : null}
      {theme.status === 'EMERGING' ? (
        <>
          <p>
            This theme is emerging: proposed, not yet confirmed. Confirm it when the evidence shows a real pattern worth raising with
            services.
          </p>
          <Button
            type="button"
            busy={confirming}
            busyLabel="Confirming…"
            onClick={async () => {
              const result = await confirm({ themeId: theme.id });
              if (result.ok) {
                setProblems([]);
                setNotice('Theme confirmed. Next, raise it with the services concerned, for example in a feedback report.');
              } else setProblems([{ message: result.failure.message }]);
            }}
          >
            Confirm this theme
          </Button>
          <ErrorSummary problems={problems} />
        </>
      ) : next.length === 0 ? (
        <p>This theme is {themeStatusLabel(theme.status).toLowerCase()}: it cannot move further along the loop.</p>
      ) : (
        <form className="form" onSubmit={submit} noValidate>
          <ErrorSummary problems={problems} />
          <RadioGroup
            id="status-to"
            name="status-to"
            legend="Move it along the loop to"
            hint={`It is ${themeStatusLabel(theme.status).toLowerCase()} now. Steps may be skipped; going back means re-opening it.`}
            options={next.map((s) => ({ value: s, label: themeStatusLabel(s), hint: THEME_STATUS_HINT[s] }))}
            value={to}
            onChange={setTo}
            error={byField['status-to']}
          />
          <TextArea
            id="status-note"
            label="What happened"
            hint="For the learning timeline: who agreed what, and where. Leave out anything that identifies a person."
            value={note}
            onChange={(e) => setNote(e.target.value)}
            error={byField['status-note']}
            maxLength={1000}
            rows={3}
          />
          <Button type="submit" busy={moving} busyLabel="Moving…">
            Move the theme
          </Button>
        </form>
      )}
    </section>
  );
}

function ThemeTrend({ themeId, name }: { readonly themeId: string; readonly name: string }) {
  const directory = useDirectory();
  const [period, setPeriod] = useState<TrendPeriod>('MONTH');
  const [areaId, setAreaId] = useState('');
  const [service, setService] = useState<ServiceChosen>();
  const [{ data, error, fetching }] = useQuery({
    query: ThemeTrendDocument,
    variables: { id: themeId, period, areaId: areaId || null, organisationId: service?.id ?? null },
    requestPolicy: 'cache-and-network',
  });
  const to = today();
  const from = period === 'WEEK' ? dayBefore(to, 7 * 25) : dayBefore(to, 365 * 2 - 31);
  const points = data ? fillPeriods(data.theme.trend, period, from, to) : [];
  const where = [service ? `at ${service.name}` : '', areaId ? `in ${directory.areaName(areaId)}` : ''].filter(Boolean).join(' ');
  return (
    <section className="section" aria-labelledby="trend-heading">
      <h2 id="trend-heading">How often it happens</h2>
      <div className="filters__grid">
        <RadioGroup
          id="trend-period"
          name="trend-period"
          legend="Count by"
          inline
          options={[
            { value: 'MONTH', label: 'Month', hint: 'the last 2 years' },
            { value: 'WEEK', label: 'Week', hint: 'the last 26 weeks' },
          ]}
          value={period}
          onChange={(value) => setPeriod(value as TrendPeriod)}
        />
        <SelectField
          id="trend-area"
          label="Area"
          placeholder="Every area"
          options={directory.areas.map((a) => ({ value: a.id, label: a.name }))}
          value={areaId}
          onChange={(e) => setAreaId(e.target.value)}
        />
      </div>
      <ServiceFinder id="trend-service" label="Service" hint="Type part of its name to see one service (and those below it)." value={service} onChange={setService} />
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && fetching ? <Loading what="the trend" /> : null}
      {data ? (
        <div aria-busy={fetching || undefined}>
          <TrendChart points={points} period={period} caption={`Observations of “${name}” by ${period === 'WEEK' ? 'week' : 'month'}${where ? ` ${where}` : ''}`} />
        </div>
      ) : null}
    </section>
  );
}

function Evidence({ theme }: { readonly theme: Theme }) {
  const navigate = useNavigate();
  const [shown, setShown] = useState(EVIDENCE_PAGE);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [action, setAction] = useState<'split' | 'unlink'>();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState<string>();
  const [splitting, split] = useCommand(SplitThemeDocument, [...THEMES, ...OBSERVATIONS]);
  const [unlinking, unlink] = useCommand(UnlinkObservationsDocument, [...THEMES, ...OBSERVATIONS]);
  const merged = theme.status === 'MERGED';
  const ids = theme.observationIds;
  const chosenIds = ids.filter((id) => chosen.has(id));
  const byField = Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message]));

  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (chosenIds.length === 0) found.push({ field: 'evidence-list', message: 'Choose at least one observation, with the boxes beside them' });
    if (action === 'split') {
      if (chosenIds.length === ids.length) found.push({ field: 'evidence-list', message: 'Leave at least one observation in this theme: to move them all, merge the theme instead' });
      if (name.trim().length < 3 || name.trim().length > 80) found.push({ field: 'split-name', message: 'Give the new theme a name of 3 to 80 characters' });
    }
    setProblems(found);
    if (found.length > 0) return;
    if (action === 'split') {
      const result = await split({ input: { themeId: theme.id, name: name.trim(), description: description.trim() || null, observationIds: chosenIds } });
      if (!result.ok) {
        const { summary } = fieldErrors(result.failure.problems, { name: 'The new theme’s name', description: 'The description', observationIds: 'The observations' }, { name: 'split-name', description: 'split-description', observationIds: 'evidence-list' });
        setProblems(summary.length > 0 ? summary : [{ message: result.failure.message }]);
        return;
      }
      navigate(`/themes/${result.data.splitTheme.id}`, { state: { notice: `New theme made from ${chosenIds.length === 1 ? 'one observation' : `${chosenIds.length} observations`} split off “${theme.name}”.` } });
      return;
    }
    const result = await unlink({ input: { themeId: theme.id, observationIds: chosenIds } });
    if (!result.ok) {
      setProblems([{ message: result.failure.message }]);
      return;
    }
    setNotice(`${chosenIds.length === 1 ? 'One observation' : `${chosenIds.length} observations`} taken out of this theme. They are back among the observations not in a theme.`);
    setChosen(new Set());
    setAction(undefined);
  };

  return (
    <section className="section" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence</h2>
      {notice ? <Notice>{notice}</Notice> : null}
      {ids.length === 0 ? (
        <div className="empty">
          <p>No observations evidence this theme yet.</p>
          {!merged ? (
            <p>
              Add them from <Link to="/observations">the observations not in a theme yet</Link>, or accept the suggestions below.
            </p>
          ) : null}
        </div>
      ) : (
        <>
          <p className="aside">
            {ids.length === 1 ? 'One observation' : `${ids.length} observations`}, the most recent first.
            {!merged ? ' Choose some to split them off into a new theme, or to take them out.' : ''}
          </p>
          <ErrorSummary problems={problems} />
          <ul className="observations" id="evidence-list" tabIndex={-1} aria-describedby={byField['evidence-list'] ? 'evidence-list-error' : undefined}>
            {ids.slice(0, shown).map((id) => (
              <li key={id}>
                <ObservationById
                  id={id}
                  headingLevel={3}
                  control={
                    merged ? undefined : (
                      <div className="observation__choose">
                        <input
                          className="choice__input"
                          type="checkbox"
                          id={`choose-${id}`}
                          checked={chosen.has(id)}
                          onChange={() => toggle(id)}
                          aria-labelledby={`choose-${id}-label ${observationTitleId(id)}`}
                        />
                        <label htmlFor={`choose-${id}`} id={`choose-${id}-label`} className="observation__choose-label">
                          Choose
                        </label>
                      </div>
                    )
                  }
                />
              </li>
            ))}
          </ul>
          {byField['evidence-list'] ? (
            <p className="field__error" id="evidence-list-error">
              <span className="visually-hidden">Error: </span>
              {byField['evidence-list']}
            </p>
          ) : null}
          {ids.length > shown ? (
            <Button type="button" variant="secondary" onClick={() => setShown((n) => n + EVIDENCE_PAGE * 2)}>
              Show more of the evidence ({ids.length - shown} more)
            </Button>
          ) : null}
          {!merged ? (
            <form className="form evidence-actions" onSubmit={submit} noValidate>
              <p role="status" className="results-count">
                {chosenIds.length === 0 ? 'None chosen.' : `${chosenIds.length === 1 ? 'One observation' : `${chosenIds.length} observations`} chosen.`}
              </p>
              <RadioGroup
                id="evidence-action"
                name="evidence-action"
                legend="With the chosen observations"
                options={[
                  { value: 'split', label: 'Split them off into a new theme', hint: 'They leave this theme and evidence a new one.' },
                  { value: 'unlink', label: 'Take them out of this theme', hint: 'They evidence it no longer, and go back to the observations not in a theme.' },
                ]}
                value={action}
                onChange={(value) => setAction(value as 'split' | 'unlink')}
              />
              {action === 'split' ? (
                <>
                  <TextField id="split-name" label="Name of the new theme" value={name} onChange={(e) => setName(e.target.value)} error={byField['split-name']} maxLength={80} />
                  <TextArea id="split-description" label="Its description (optional)" value={description} onChange={(e) => setDescription(e.target.value)} error={byField['split-description']} maxLength={1000} rows={3} />
                  <Button type="submit" busy={splitting} busyLabel="Splitting…">
                    Split into a new theme
                  </Button>
                </>
              ) : null}
              {action === 'unlink' ? (
                <Button type="submit" busy={unlinking} busyLabel="Taking them out…">
                  Take them out of this theme
                </Button>
              ) : null}
            </form>
          ) : null}
        </>
      )}
    </section>
  );
}

function SuggestedForTheme({ theme }: { readonly theme: Theme }) {
  const [{ data, error, fetching }] = useQuery({ query: ThemeSuggestionsDocument, requestPolicy: 'cache-and-network' });
  // Suggestions answered here stay in the list, with what was done, after the product drops them.
  const [answered, setAnswered] = useState<readonly SuggestionRow[]>([]);
  const current = (data?.themeSuggestions.suggestions ?? []).filter((s) => s.themeId === theme.id);
  const offered = [...current, ...answered.filter((a) => !current.some((s) => s.observationId === a.observationId))];
  return (
    <section className="section" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">Suggested for this theme</h2>
      <p className="aside">Observations in no theme yet whose words read like this theme’s evidence, the most alike first.</p>
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && fetching ? <Loading what="suggestions" /> : null}
      {data && offered.length === 0 ? <p>No suggestions for this theme at the moment.</p> : null}
      {offered.length > 0 ? (
        <ul className="observations">
          {offered.map((s) => (
            <li key={s.observationId}>
              <Suggested themeId={theme.id} themeName={theme.name} suggestion={s} onAnswered={() => setAnswered((rows) => [...rows, s])} />
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

interface SuggestionRow {
  readonly observationId: string;
  readonly score: number;
  readonly sharedTerms: readonly string[];
}

function Suggested({
  themeId,
  themeName,
  suggestion,
  onAnswered,
}: {
  readonly themeId: string;
  readonly themeName: string;
  readonly suggestion: SuggestionRow;
  readonly onAnswered: () => void;
}) {
  const [done, setDone] = useState<string>();
  const [problem, setProblem] = useState<string>();
  return (
    <ObservationById id={suggestion.observationId} headingLevel={3}>
      <p className="suggestion__text">
        {Math.round(suggestion.score * 100)}% alike
        {suggestion.sharedTerms.length > 0 ? <>; both mention {suggestion.sharedTerms.slice(0, 5).join(', ')}</> : null}.
      </p>
      {done ? (
        <Answered message={done} />
      ) : (
        <SuggestionAnswer
          themeId={themeId}
          observationId={suggestion.observationId}
          accept={
            <>
              Accept<span className="visually-hidden">: add this observation to the theme</span>
            </>
          }
          dismiss={
            <>
              Dismiss<span className="visually-hidden"> this suggestion</span>
            </>
          }
          onAccepted={() => {
            onAnswered();
            setDone(`Added to “${themeName}” as evidence.`);
          }}
          onDismissed={() => {
            onAnswered();
            setDone('Dismissed: it will not be suggested for this theme again.');
          }}
          onProblem={setProblem}
        />
      )}
      {problem ? <ErrorAlert>{problem}</ErrorAlert> : null}
    </ObservationById>
  );
}

function ChangeTheme({ theme }: { readonly theme: Theme }) {
  return (
    <section className="section" aria-labelledby="change-heading">
      <h2 id="change-heading">Change the theme</h2>
      <details className="more">
        <summary>Rename or redefine it</summary>
        <Redefine theme={theme} />
      </details>
      <details className="more">
        <summary>Merge it into another theme</summary>
        <Merge theme={theme} />
      </details>
    </section>
  );
}

function Redefine({ theme }: { readonly theme: Theme }) {
  const directory = useDirectory();
  const [name, setName] = useState(theme.name);
  const [description, setDescription] = useState(theme.description);
  const [terms, setTerms] = useState(theme.keyTerms.join(', '));
  const [categories, setCategories] = useState<string[]>([...theme.categoryIds]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState<string>();
  const [saving, redefine] = useCommand(RedefineThemeDocument, THEMES);
  const byField = Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message]));
  const offered = directory.categories.filter((c) => !c.retired || categories.includes(c.id));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed.length < 3 || trimmed.length > 80) {
      setProblems([{ field: 'redefine-name', message: 'Give the theme a name of 3 to 80 characters' }]);
      return;
    }
    const result = await redefine({
      input: {
        themeId: theme.id,
        name: trimmed === theme.name ? null : trimmed,
        description: description.trim(),
        keyTerms: termsFrom(terms),
        categoryIds: categories,
      },
    });
    if (!result.ok) {
      const { summary } = fieldErrors(
        result.failure.problems,
        { name: 'The name', description: 'The description', keyTerms: 'The key words', categoryIds: 'The categories' },
        { name: 'redefine-name', description: 'redefine-description', keyTerms: 'redefine-terms', categoryIds: 'redefine-categories' },
      );
      setProblems(summary.length > 0 ? summary : [{ message: result.failure.message }]);
      return;
    }
    setProblems([]);
    setNotice('Saved. The theme’s history keeps what it was called before.');
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary problems={problems} />
      <TextField id="redefine-name" label="Name" value={name} onChange={(e) => setName(e.target.value)} error={byField['redefine-name']} maxLength={80} />
      <TextArea id="redefine-description" label="Description" value={description} onChange={(e) => setDescription(e.target.value)} error={byField['redefine-description']} maxLength={1000} rows={3} />
      <TextField
        id="redefine-terms"
        label="Key words"
        hint="Separated by commas; up to 20. They help the product suggest observations for this theme."
        value={terms}
        onChange={(e) => setTerms(e.target.value)}
        error={byField['redefine-terms']}
      />
      {offered.length > 0 ? (
        <CheckboxGroup
          id="redefine-categories"
          name="redefine-categories"
          legend="Categories it covers"
          options={offered.map((c) => ({ value: c.id, label: c.retired ? `${c.name} (retired)` : c.name }))}
          values={categories}
          onChange={setCategories}
          error={byField['redefine-categories']}
        />
      ) : null}
      <Button type="submit" busy={saving}>
        Save changes
      </Button>
    </form>
  );
}

function Merge({ theme }: { readonly theme: Theme }) {
  const navigate = useNavigate();
  const index = useThemeIndex();
  const [into, setInto] = useState('');
  const [sure, setSure] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [merging, merge] = useCommand(MergeThemesDocument, [...THEMES, ...OBSERVATIONS]);
  const others = index.themes.filter((t) => t.id !== theme.id);
  const target = others.find((t) => t.id === into);
  const byField = Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message]));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (!into) found.push({ field: 'merge-into', message: 'Choose the theme this one is part of' });
    if (!sure) found.push({ field: 'merge-sure', message: 'Tick to confirm the merge: it cannot be undone, though observations can be split off again' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await merge({ input: { themeId: theme.id, intoThemeId: into } });
    if (!result.ok) {
      setProblems([{ message: result.failure.message }]);
      return;
    }
    navigate(`/themes/${into}`, { state: { notice: `“${theme.name}” was merged into this theme, with its observations.` } });
  };

  if (index.ready && others.length === 0) return <p>There is no other theme to merge it into.</p>;
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary problems={problems} />
      <SelectField
        id="merge-into"
        label="Merge into"
        hint="The theme that stays. This one closes, and its observations evidence the other."
        placeholder="Choose a theme"
        options={others.map((t) => ({ value: t.id, label: `${t.name} (${t.observationCount})` }))}
        value={into}
        onChange={(e) => setInto(e.target.value)}
        error={byField['merge-into']}
      />
      <Checkbox
        id="merge-sure"
        label={`Yes: “${theme.name}” and ${theme.observationCount === 1 ? 'its one observation' : `its ${theme.observationCount} observations`} become part of ${target ? `“${target.name}”` : 'the theme chosen'}`}
        checked={sure}
        onChange={setSure}
        error={byField['merge-sure']}
      />
      <Button type="submit" busy={merging} busyLabel="Merging…">
        Merge the themes
      </Button>
    </form>
  );
}

function History({ theme }: { readonly theme: Theme }) {
  const steps = [...theme.history].reverse();
  return (
    <section className="section" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <p className="aside">Every step, the latest first.</p>
      <ol className="timeline">
        {steps.map((step, i) => (
          <li className="timeline__step" key={`${step.at}-${i}`}>
            <p className="timeline__what">
              {themeChangeLabel(step.change)}
              {step.change === 'status_changed' ? `: ${themeStatusLabel(step.status)}` : ''}
              {step.observations > 0 ? ` (${step.observations === 1 ? 'one observation' : `${step.observations} observations`})` : ''}
            </p>
            <p className="timeline__when">
              {formatDay(step.at)} · as “{step.name}”
              {step.otherThemeId ? (
                <>
                  {' '}
                  · <Link to={`/themes/${step.otherThemeId}`}>the other theme</Link>
                </>
              ) : null}
            </p>
            {step.note ? <p className="timeline__note">{step.note}</p> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
