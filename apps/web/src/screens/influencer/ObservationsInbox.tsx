import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useClient, useQuery } from 'urql';
import type { ApiFailure } from '../../api/errors.js';
import { failureOf } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { ObservationFilter, ObservationKind } from '../../gql/graphql.js';
import { Button, ErrorAlert, Loading } from '../../components/Feedback.js';
import { RadioGroup, SelectField, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay, today } from '../../lib/dates.js';
import { Answered, SuggestionAnswer } from './parts.js';
import { ThemeSuggestionsDocument } from './documents.js';
import { useDirectory, useThemeIndex } from './lookups.js';
import { ObservationCard, type ObservationFields } from './ObservationCard.js';
import { ServiceFinder, type ServiceChosen } from './ServiceFinder.js';
import { kindLabel } from './words.js';

const InboxDocument = graphql(`
  query InfluencerInbox($filter: ObservationFilter, $first: Int, $after: String) {
    observations(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          ...InfluencerObservationFields
        }
      }
    }
  }
`);

/** Rows shown at a time. */
const PAGE = 20;
/** When only unthemed observations are shown, pages this big are read and filtered here. */
const SCAN = 100;
/** At most this many pages are read for one "show more", so a filter with few unthemed ones stays quick. */
const SCANS_PER_LOAD = 5;

interface Suggestion {
  readonly themeId: string;
  readonly themeName: string;
  readonly score: number;
  readonly sharedTerms: readonly string[];
}

interface Filters {
  readonly unthemed: boolean;
  readonly kind: string;
  readonly category: string;
  readonly area: string;
  readonly service?: ServiceChosen;
  readonly from: string;
  readonly to: string;
  readonly words: string;
}

function filtersFrom(params: URLSearchParams): Filters {
  const service = params.get('service');
  return {
    unthemed: params.get('show') !== 'all',
    kind: params.get('kind') ?? '',
    category: params.get('category') ?? '',
    area: params.get('area') ?? '',
    service: service ? { id: service, name: params.get('serviceName') ?? 'the chosen service' } : undefined,
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    words: params.get('words') ?? '',
  };
}

function paramsFrom(filters: Filters): Record<string, string> {
  const out: Record<string, string> = {};
  if (!filters.unthemed) out.show = 'all';
  if (filters.kind) out.kind = filters.kind;
  if (filters.category) out.category = filters.category;
  if (filters.area) out.area = filters.area;
  if (filters.service) {
    out.service = filters.service.id;
    out.serviceName = filters.service.name;
  }
  if (filters.from) out.from = filters.from;
  if (filters.to) out.to = filters.to;
  if (filters.words.trim()) out.words = filters.words.trim();
  return out;
}

function apiFilter(filters: Filters): ObservationFilter {
  return {
    kind: (filters.kind || null) as ObservationKind | null,
    categoryId: filters.category || null,
    areaId: filters.area || null,
    organisationId: filters.service?.id ?? null,
    from: filters.from || null,
    to: filters.to || null,
    search: filters.words.trim() || null,
  };
}

const activeCount = (f: Filters) => [f.kind, f.category, f.area, f.service, f.from, f.to, f.words.trim()].filter(Boolean).length;

/**
 * The influencer's inbox: observations not yet in a theme first (or all of them), newest first,
 * with filters. The API has no "not in a theme" filter, so pages are read here and the themed
 * ones left out, using every theme's list of observations. Each row links to the observation; a
 * row the product thinks looks like a theme can be added to it, or the suggestion dismissed.
 */
export function ObservationsInbox() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  // Kept here too, so the radio buttons answer at once (the address follows a moment later).
  const [show, setShow] = useState(filters.unthemed ? 'unthemed' : 'all');
  useEffect(() => setShow(filters.unthemed ? 'unthemed' : 'all'), [filters.unthemed]);
  const index = useThemeIndex();
  const directory = useDirectory();
  const [suggestions] = useQuery({ query: ThemeSuggestionsDocument, requestPolicy: 'cache-and-network' });
  const bestSuggestion = useMemo(() => {
    const best = new Map<string, Suggestion>();
    for (const s of suggestions.data?.themeSuggestions.suggestions ?? []) {
      const known = best.get(s.observationId);
      if (!known || s.score > known.score) best.set(s.observationId, s);
    }
    return best;
  }, [suggestions.data]);

  const scan = useObservationScan(filters, index.ready ? index.themesOf : undefined);
  // A row whose suggestion was answered here stays in view, with what was done, until the filters change.
  const [answered, setAnswered] = useState<ReadonlyMap<string, Suggestion>>(new Map());
  useEffect(() => setAnswered(new Map()), [filters]);
  const suggestionFor = (id: string) => answered.get(id) ?? (index.themesOf(id).length === 0 ? bestSuggestion.get(id) : undefined);
  const shown = filters.unthemed ? scan.items.filter((o) => answered.has(o.id) || index.themesOf(o.id).length === 0) : scan.items;
  const error = index.error ?? directory.error;

  return (
    <Page title="Observations" wide>
      <p className="lede">
        What coaches saw services do, newest first. Start with the ones not in a theme yet: add each to the theme it evidences, or
        leave it until a pattern shows.
      </p>
      {error ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      <RadioGroup
        id="show"
        name="show"
        legend="Show"
        inline
        options={[
          { value: 'unthemed', label: 'Not in a theme yet' },
          { value: 'all', label: 'All observations' },
        ]}
        value={show}
        onChange={(value) => {
          setShow(value);
          setParams(paramsFrom({ ...filters, unthemed: value === 'unthemed' }));
        }}
      />
      <FilterForm filters={filters} onApply={(next) => setParams(paramsFrom(next))} />

      {!index.ready || !directory.ready || (scan.loading && scan.items.length === 0) ? <Loading what="observations" /> : null}
      {scan.error ? (
        <>
          <ErrorAlert>{scan.error.message}</ErrorAlert>
          <Button type="button" variant="secondary" onClick={scan.loadMore}>
            Try again
          </Button>
        </>
      ) : null}
      {index.ready && directory.ready && scan.started ? (
        <>
          <p role="status" className="results-count">
            {scan.loading
              ? 'Looking…'
              : filters.unthemed
                ? `${shown.length === 0 ? 'None' : shown.length} not in a theme yet, among the ${scan.items.length} most recent of the ${scan.totalCount} ${scan.totalCount === 1 ? 'observation' : 'observations'} that match.`
                : `Showing ${scan.items.length} of ${scan.totalCount} ${scan.totalCount === 1 ? 'observation' : 'observations'}.`}
          </p>
          {shown.length === 0 && !scan.loading ? <EmptyInbox filters={filters} anyAtAll={scan.totalCount > 0} /> : null}
          <ul className="observations">
            {shown.map((observation) => (
              <li key={observation.id}>
                <ObservationCard observation={observation} themes={index.themesOf(observation.id)} headingLevel={2}>
                  {suggestionFor(observation.id) ? (
                    <InlineSuggestion
                      observationId={observation.id}
                      suggestion={suggestionFor(observation.id)!}
                      onAnswered={(suggestion) => setAnswered((map) => new Map(map).set(observation.id, suggestion))}
                    />
                  ) : null}
                </ObservationCard>
              </li>
            ))}
          </ul>
          {scan.hasNext ? (
            <Button type="button" variant="secondary" busy={scan.loading} busyLabel="Loading…" onClick={scan.loadMore}>
              Show more observations
            </Button>
          ) : scan.items.length > 0 ? (
            <p className="aside">That is every observation that matches.</p>
          ) : null}
        </>
      ) : null}
      <p className="aside">
        Kinds: {kindLabel('BARRIER')} is a service not working for the person; {kindLabel('BRIGHT_SPOT').toLowerCase()} is something
        that worked. Quotes waiting for approval are on <Link to="/quotes">Quotes to approve</Link>.
      </p>
    </Page>
  );
}

function EmptyInbox({ filters, anyAtAll }: { readonly filters: Filters; readonly anyAtAll: boolean }) {
  if (filters.unthemed && anyAtAll) {
    return (
      <div className="empty">
        <p>Every observation read so far is in a theme.</p>
        <p>Show more to look further back, or choose “All observations” to see them with their themes.</p>
      </div>
    );
  }
  if (activeCount(filters) > 0) {
    return (
      <div className="empty">
        <p>No observation matches these filters.</p>
        <p>
          <Link to="/observations">Clear the filters</Link> to see every observation.
        </p>
      </div>
    );
  }
  return (
    <div className="empty">
      <p>No observations have been recorded yet.</p>
      <p>Coaches record what services do from their phones; they appear here as they are saved.</p>
    </div>
  );
}

function FilterForm({ filters, onApply }: { readonly filters: Filters; readonly onApply: (filters: Filters) => void }) {
  const directory = useDirectory();
  const [draft, setDraft] = useState(filters);
  useEffect(() => setDraft(filters), [filters]);
  const active = activeCount(filters);
  const set = (change: Partial<Filters>) => setDraft((d) => ({ ...d, ...change }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply(draft);
  };
  const categories = directory.categories.filter((c) => !draft.kind || c.polarity === draft.kind);
  return (
    <details className="more filters" open={active > 0 || undefined}>
      <summary>
        Filter observations{active > 0 ? ` (${active} ${active === 1 ? 'filter' : 'filters'} in use)` : ''}
      </summary>
      <form className="form filters__form" onSubmit={submit} noValidate role="search" aria-label="Filter observations">
        <div className="filters__grid">
          <SelectField
            id="filter-kind"
            label="Barrier or bright spot"
            placeholder="Either"
            options={[
              { value: 'BARRIER', label: 'Barriers' },
              { value: 'BRIGHT_SPOT', label: 'Bright spots' },
            ]}
            value={draft.kind}
            onChange={(e) => set({ kind: e.target.value, category: '' })}
          />
          <SelectField
            id="filter-category"
            label="Category"
            placeholder="Any category"
            options={categories.map((c) => ({ value: c.id, label: c.retired ? `${c.name} (retired)` : c.name }))}
            value={draft.category}
            onChange={(e) => set({ category: e.target.value })}
          />
          <SelectField
            id="filter-area"
            label="Area"
            placeholder="Any area"
            options={directory.areas.map((a) => ({ value: a.id, label: a.name }))}
            value={draft.area}
            onChange={(e) => set({ area: e.target.value })}
          />
          <TextField id="filter-from" label="Happened on or after" type="date" max={today()} value={draft.from} onChange={(e) => set({ from: e.target.value })} />
          <TextField id="filter-to" label="Happened on or before" type="date" max={today()} value={draft.to} onChange={(e) => set({ to: e.target.value })} />
        </div>
        <TextField
          id="filter-words"
          label="Words"
          hint="Every word must appear in what happened, the impact, their words or the service’s name."
          type="search"
          value={draft.words}
          onChange={(e) => set({ words: e.target.value })}
        />
        <ServiceFinder
          id="filter-service"
          label="Service"
          hint="Type part of its name. Services below it are included."
          value={draft.service}
          onChange={(service) => set({ service })}
        />
        <div className="button-row">
          <Button type="submit">Apply filters</Button>
          {active > 0 ? (
            <Link className="button button--secondary" to={filters.unthemed ? '/observations' : '/observations?show=all'}>
              Clear filters
            </Link>
          ) : null}
        </div>
        {draft.from && draft.to && draft.from > draft.to ? (
          <p className="field__error">The first date is after the last: swap them, or no observation can match.</p>
        ) : null}
        {filters.from || filters.to ? (
          <p className="aside">
            Showing {filters.from ? `from ${formatDay(filters.from)}` : ''} {filters.to ? `to ${formatDay(filters.to)}` : ''}.
          </p>
        ) : null}
      </form>
    </details>
  );
}

interface Scan {
  readonly started: boolean;
  readonly items: readonly ObservationFields[];
  readonly totalCount: number;
  readonly hasNext: boolean;
  readonly loading: boolean;
  readonly error?: ApiFailure;
  readonly loadMore: () => void;
}

/**
 * Reads observations a page at a time for these filters. When only unthemed ones are wanted it
 * reads bigger pages and keeps going (a few pages at most) until a screenful is not in a theme.
 */
function useObservationScan(filters: Filters, themesOf: ((id: string) => readonly unknown[]) | undefined): Scan {
  const client = useClient();
  const key = JSON.stringify([apiFilter(filters), filters.unthemed]);
  const [state, setState] = useState<Omit<Scan, 'loadMore'> & { cursor: string | null; key: string }>({
    started: false,
    items: [],
    totalCount: 0,
    hasNext: false,
    loading: false,
    cursor: null,
    key,
  });
  const generation = useRef(0);
  const themes = useRef(themesOf);
  themes.current = themesOf;
  const current = useRef(state);
  current.current = state;

  const load = useCallback(
    async (fresh: boolean) => {
      const run = ++generation.current;
      const base = fresh ? { started: true, items: [] as ObservationFields[], totalCount: 0, hasNext: false, cursor: null as string | null, key } : current.current;
      setState({ ...base, started: true, loading: true, error: undefined, key });
      const items = [...base.items];
      let cursor = base.cursor;
      let hasNext = base.hasNext || fresh;
      let totalCount = base.totalCount;
      let added = 0;
      for (let batch = 0; batch < (filters.unthemed ? SCANS_PER_LOAD : 1) && hasNext; batch++) {
        const result = await client
          .query(InboxDocument, { filter: apiFilter(filters), first: filters.unthemed ? SCAN : PAGE, after: cursor }, { requestPolicy: 'network-only' })
          .toPromise();
        if (run !== generation.current) return;
        if (result.error || !result.data) {
          setState({ started: true, items, totalCount, hasNext, cursor, loading: false, key, error: result.error ? failureOf(result.error) : { code: 'INTERNAL', message: 'Observations could not be read. Try again.', problems: [] } });
          return;
        }
        const page = result.data.observations;
        const nodes = page.edges.map((e) => e.node);
        items.push(...nodes);
        cursor = page.pageInfo.endCursor ?? null;
        hasNext = page.pageInfo.hasNextPage;
        totalCount = page.totalCount;
        added += filters.unthemed ? nodes.filter((n) => (themes.current?.(n.id).length ?? 0) === 0).length : nodes.length;
        if (added >= PAGE) break;
      }
      setState({ started: true, items, totalCount, hasNext, cursor, loading: false, key });
    },
    // `key` stands for the filters.
    [client, key],
  );

  const ready = themesOf !== undefined;
  useEffect(() => {
    if (ready) void load(true);
  }, [ready, load]);

  return { ...state, loadMore: () => void load(state.items.length === 0) };
}

/** "Looks like <theme>": add it to the theme, or say it is not that theme (not offered again). */
function InlineSuggestion({
  observationId,
  suggestion,
  onAnswered,
}: {
  readonly observationId: string;
  readonly onAnswered: (suggestion: Suggestion) => void;
  readonly suggestion: Suggestion;
}) {
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  if (done) return <Answered message={done} />;
  return (
    <div className="suggestion">
      <p className="suggestion__text">
        Looks like <Link to={`/themes/${suggestion.themeId}`}>{suggestion.themeName}</Link>
        {suggestion.sharedTerms.length > 0 ? <> (both mention {suggestion.sharedTerms.slice(0, 4).join(', ')})</> : null}.
      </p>
      <SuggestionAnswer
        themeId={suggestion.themeId}
        observationId={observationId}
        accept={
          <>
            Add to this theme<span className="visually-hidden">: {suggestion.themeName}</span>
          </>
        }
        dismiss={
          <>
            Not this theme<span className="visually-hidden">: {suggestion.themeName}</span>
          </>
        }
        onAccepted={() => {
          onAnswered(suggestion);
          setDone(`Added to “${suggestion.themeName}”.`);
        }}
        onDismissed={() => {
          onAnswered(suggestion);
          setDone(`“${suggestion.themeName}” will not be suggested for this observation again.`);
        }}
        onProblem={setProblem}
      />
      {problem ? <ErrorAlert>{problem}</ErrorAlert> : null}
    </div>
  );
}

