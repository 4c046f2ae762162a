import { type FormEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type OperationResult, useClient, useQuery } from 'urql';
import { useCommand } from '../../api/command.js';
import { type ApiFailure, failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { useUser } from '../../api/session.js';
import { graphql } from '../../gql/index.js';
import type { LeaderReflectionLookupQuery, ReviseReflectionInput } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { TextArea } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay } from '../../lib/dates.js';
import { Announce } from '../partner/Announce.js';
import {
  draftProblems,
  LeaderReflectionChoicesDocument,
  ReflectionDetails,
  type ReflectionDraft,
  ReflectionFields,
  ReflectionReasons,
  REFLECTION_LIMITS,
  REFLECTION_SUBJECTS,
  TIMELINE,
} from './ReflectionFields.js';

/**
 * There is no query for one reflection: it is found on the learning timeline as it stands now
 * (withdrawn ones too, with why), first on the day the link says it happened, then anywhere.
 */
const LeaderReflectionLookupDocument = graphql(`
  query LeaderReflectionLookup($from: String, $to: String, $first: Int, $after: String) {
    learningTimeline(from: $from, to: $to, first: $first, after: $after, includeWithdrawn: true) {
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          recordedAt
          reflection {
            id
            revision
            ...LeaderReflectionFields
          }
        }
      }
    }
  }
`);

const LeaderReviseReflectionDocument = graphql(`
  mutation LeaderReviseReflection($commandId: ID!, $expectedRevision: Int, $input: ReviseReflectionInput!) {
    reviseReflection(commandId: $commandId, expectedRevision: $expectedRevision, input: $input) {
      id
    }
  }
`);

const LeaderWithdrawReflectionDocument = graphql(`
  mutation LeaderWithdrawReflection($commandId: ID!, $expectedRevision: Int, $input: WithdrawReflectionInput!) {
    withdrawReflection(commandId: $commandId, expectedRevision: $expectedRevision, input: $input) {
      id
    }
  }
`);

type Entry = LeaderReflectionLookupQuery['learningTimeline']['edges'][number]['node'];
type Reflection = NonNullable<Entry['reflection']>;

type Lookup = { readonly status: 'looking' } | { readonly status: 'found'; readonly entry: Entry; readonly reflection: Reflection } | { readonly status: 'missing' } | { readonly status: 'failed'; readonly message: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const PAGE = 100;

/** The reflection as it stands now, from the learning timeline; `reload` reads it again. */
function useReflection(reflectionId: string, on: string | undefined): [Lookup, () => void] {
  const client = useClient();
  const [lookup, setLookup] = useState<Lookup>({ status: 'looking' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let cancelled = false;
    const wanted = reflectionId.toLowerCase();
    const search = async (range: { from?: string; to?: string }): Promise<Entry | undefined> => {
      let after: string | null = null;
      for (;;) {
        const result: OperationResult<LeaderReflectionLookupQuery> = await client.query(LeaderReflectionLookupDocument, { ...range, first: PAGE, after }, { requestPolicy: 'network-only' }).toPromise();
        if (result.error || !result.data) throw result.error ?? new Error('The learning timeline could not be read.');
        const timeline = result.data.learningTimeline;
        const hit = timeline.edges.find(({ node }) => node.reflection?.id.toLowerCase() === wanted);
        if (hit) return hit.node;
        if (!timeline.pageInfo.hasNextPage || !timeline.pageInfo.endCursor || cancelled) return undefined;
        after = timeline.pageInfo.endCursor;
      }
    };
    (async () => {
      const entry = (on ? await search({ from: on, to: on }) : undefined) ?? (await search({}));
      if (cancelled) return;
      setLookup(entry?.reflection ? { status: 'found', entry, reflection: entry.reflection } : { status: 'missing' });
    })().catch((error: unknown) => {
      if (cancelled) return;
      const message =
        error && typeof error === 'object' && 'graphQLErrors' in error ? failureOf(error as Parameters<typeof failureOf>[0]).message : 'The reflection could not be read. Try again.';
      setLookup({ status: 'failed', message });
    });
    return () => {
      cancelled = true;
    };
  }, [client, reflectionId, on, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return [lookup, reload];
}

/**
 * One reflection, for leadership to correct (a revision, with its reason: the timeline keeps
 * every version) or withdraw (with the reason, after a confirmation). Reached from the
 * reflection on the learning timeline.
 */
export function ReflectionPage() {
  const { reflectionId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const hint = params.get('on');
  const [lookup, reload] = useReflection(reflectionId, hint && DAY.test(hint) ? hint : undefined);
  const back = { to: '/learning#timeline', label: 'Learning over time' };

  if (lookup.status === 'looking') {
    return (
      <Page title="Reflection" back={back}>
        <Loading what="the reflection" />
      </Page>
    );
  }
  if (lookup.status === 'failed') {
    return (
      <Page title="Reflection" back={back}>
        <ErrorAlert>{lookup.message}</ErrorAlert>
        <Button type="button" onClick={reload}>
          Try again
        </Button>
      </Page>
    );
  }
  if (lookup.status === 'missing') {
    return (
      <Page title="Reflection not found" back={back}>
        <p>This reflection is not on the learning timeline: the link may not be complete.</p>
        <p>
          <Link to="/learning#timeline">Go to the learning timeline</Link> to find the reflection you want.
        </p>
      </Page>
    );
  }
  if (lookup.reflection.withdrawal) {
    return (
      <Page title="Withdrawn reflection" back={back}>
        <WithdrawnReflection entry={lookup.entry} reflection={lookup.reflection} />
      </Page>
    );
  }
  return (
    <Page title="Reflection" back={back}>
      <ReflectionScreen
        key={lookup.reflection.id}
        entry={lookup.entry}
        reflection={lookup.reflection}
        onRevised={(occurredOn) => {
          if (occurredOn !== hint) setParams({ on: occurredOn }, { replace: true });
          reload();
        }}
      />
    </Page>
  );
}

/** A withdrawn reflection: what it said and why it was withdrawn; it takes no further change. */
function WithdrawnReflection({ entry, reflection }: { readonly entry: Entry; readonly reflection: Reflection }) {
  const user = useUser();
  return (
    <>
      <ReflectionReasons reflection={{ withdrawal: reflection.withdrawal }} userId={user.userId} />
      <p>
        It is no longer on the learning timeline, and cannot be revised. Looking back to a day before it was withdrawn still shows it, as it was known then. To use it again, add it
        as a new reflection.
      </p>
      <ReflectionDetails reflection={reflection} questionAsTerm />
      <RecordedMeta entry={entry} reflection={reflection} userId={user.userId} />
      <ReflectionReasons reflection={{ revisionReason: reflection.revisionReason }} userId={user.userId} />
    </>
  );
}

/** Who recorded it and when, and when it was last revised. */
function RecordedMeta({ entry, reflection, userId }: { readonly entry: Entry; readonly reflection: Reflection; readonly userId: string }) {
  return (
    <p className="entry__meta">
      {reflection.recordedBy === `user:${userId}` ? 'Recorded by you' : 'Recorded'} on {formatDay(entry.recordedAt)}
      {reflection.revisedAt ? `, last revised on ${formatDay(reflection.revisedAt)}` : ''}.
    </p>
  );
}

type Mode = 'view' | 'revise' | 'withdraw';

/**
 * What the revise and withdraw panels share: their heading takes focus when the panel opens (the
 * button that opened it has gone), and each field's message from the form's problems.
 */
function usePanel(problems: readonly Problem[]) {
  const heading = useRef<HTMLHeadingElement>(null);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  return { heading, byField };
}

function ReflectionScreen({
  entry,
  reflection,
  onRevised,
}: {
  readonly entry: Entry;
  readonly reflection: Reflection;
  readonly onRevised: (occurredOn: string) => void;
}) {
  const user = useUser();
  const [mode, setMode] = useState<Mode>('view');
  const [notice, setNotice] = useState<{ id: number; text: string }>();
  const left = useRef<Mode>('view');

  // Back from a form without saving: focus returns to the button that opened it.
  useEffect(() => {
    if (mode !== 'view' || notice) return;
    if (left.current !== 'view') document.getElementById(`${left.current}-open`)?.focus();
  }, [mode, notice]);

  const open = (next: Mode) => {
    left.current = next;
    setNotice(undefined);
    setMode(next);
  };

  return (
    <>
      {notice ? (
        <Announce id={notice.id}>
          <p>{notice.text}</p>
        </Announce>
      ) : null}
      <ReflectionDetails reflection={reflection} questionAsTerm />
      <RecordedMeta entry={entry} reflection={reflection} userId={user.userId} />
      <ReflectionReasons reflection={reflection} userId={user.userId} />
      {mode === 'view' ? (
        <div className="button-row">
          <Button type="button" id="revise-open" onClick={() => open('revise')}>
            Revise this reflection
          </Button>
          <Button type="button" variant="secondary" id="withdraw-open" onClick={() => open('withdraw')}>
            Withdraw this reflection…
          </Button>
        </div>
      ) : null}
      {mode === 'revise' ? (
        <ReviseForm
          reflection={reflection}
          onCancel={() => setMode('view')}
          onRevised={(occurredOn) => {
            setNotice({ id: Date.now(), text: 'Reflection revised. The learning timeline shows it as it is now; looking back to an earlier day still shows it as it was then.' });
            setMode('view');
            onRevised(occurredOn);
          }}
        />
      ) : null}
      {mode === 'withdraw' ? <WithdrawConfirmation reflection={reflection} onCancel={() => setMode('view')} /> : null}
    </>
  );
}

/** What a command's refusal says on this page: a change by someone else since it was opened gets its own words. */
function refusal(failure: ApiFailure, formField: Record<string, string> = {}): Problem[] {
  if (failure.code === 'CONFLICT') {
    // The event store's "changed since it was read" is about any record: say it of this one.
    const changed = failure.message.startsWith('The record changed since it was read');
    return [
      {
        message: changed
          ? 'This reflection has changed since you opened it: someone may have revised or withdrawn it. Reload this page to see it as it is now, then make your change again.'
          : `${failure.message} Reload this page to see it as it is now.`,
      },
    ];
  }
  const { summary } = fieldErrors(failure.problems, REFLECTION_SUBJECTS, formField);
  return summary.length > 0 ? summary : [{ message: failure.message }];
}

const draftOf = (r: Reflection): ReflectionDraft => ({
  occurredOn: r.occurredOn,
  learningQuestion: r.learningQuestion,
  whatHappened: r.whatHappened,
  insight: r.insight,
  decision: r.decision ?? '',
  experiment: r.experiment ?? '',
  themeIds: r.themes.map((t) => t.id),
  reportIds: r.reports.map((t) => t.id),
});

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value) => b.includes(value));

/** Only what changed, as the API takes a correction (an emptied decision or experiment is taken out). */
function corrections(before: Reflection, draft: ReflectionDraft): Omit<ReviseReflectionInput, 'reflectionId' | 'reason'> {
  const c: { -readonly [K in keyof Omit<ReviseReflectionInput, 'reflectionId' | 'reason'>]: ReviseReflectionInput[K] } = {};
  const text = (field: 'learningQuestion' | 'whatHappened' | 'insight') => {
    const value = draft[field].trim();
    if (value !== before[field]) c[field] = value;
  };
  text('learningQuestion');
  text('whatHappened');
  text('insight');
  const decision = draft.decision.trim();
  if (decision !== (before.decision ?? '')) {
    if (decision) c.decision = decision;
    else c.removeDecision = true;
  }
  const experiment = draft.experiment.trim();
  if (experiment !== (before.experiment ?? '')) {
    if (experiment) c.experiment = experiment;
    else c.removeExperiment = true;
  }
  if (draft.occurredOn !== before.occurredOn) c.occurredOn = draft.occurredOn;
  if (!sameSet(draft.themeIds, before.themes.map((t) => t.id))) c.themeIds = [...draft.themeIds];
  if (!sameSet(draft.reportIds, before.reports.map((r) => r.id))) c.reportIds = [...draft.reportIds];
  return c;
}

function ReviseForm({
  reflection,
  onCancel,
  onRevised,
}: {
  readonly reflection: Reflection;
  readonly onCancel: () => void;
  readonly onRevised: (occurredOn: string) => void;
}) {
  const [choices] = useQuery({ query: LeaderReflectionChoicesDocument, requestPolicy: 'cache-and-network' });
  const [draft, setDraft] = useState<ReflectionDraft>(() => draftOf(reflection));
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [revising, revise] = useCommand(LeaderReviseReflectionDocument, TIMELINE);
  const { heading, byField } = usePanel(problems);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (revising) return;
    const found = draftProblems(draft);
    if (reason.trim().length > REFLECTION_LIMITS.reason) found.push({ field: 'revise-reason', message: `Shorten why you are revising it to ${REFLECTION_LIMITS.reason} characters or fewer` });
    const changes = corrections(reflection, draft);
    if (found.length === 0 && Object.keys(changes).length === 0) found.push({ message: 'Nothing is changed yet. Correct what needs correcting, or cancel to keep the reflection as it is.' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await revise({
      expectedRevision: reflection.revision,
      input: { reflectionId: reflection.id, ...changes, reason: reason.trim() || null },
    });
    if (!result.ok) {
      setProblems(refusal(result.failure, { reason: 'revise-reason', removeDecision: 'decision', removeExperiment: 'experiment' }));
      return;
    }
    onRevised(draft.occurredOn);
  }

  return (
    <section className="section" aria-labelledby="revise-heading">
      <h2 id="revise-heading" tabIndex={-1} ref={heading}>
        Revise this reflection
      </h2>
      <p>Correct what needs correcting. The learning timeline shows the new version from now on; looking back to an earlier day still shows it as it was then.</p>
      {choices.error && !choices.data ? <ErrorAlert>{failureOf(choices.error).message}</ErrorAlert> : null}
      {!choices.data && !choices.error ? <Loading what="the form" /> : null}
      {choices.data ? (
        <>
          <ErrorSummary problems={problems} />
          <form className="form" onSubmit={submit} noValidate>
            <ReflectionFields draft={draft} onChange={setDraft} errors={byField} choices={choices.data} linked={reflection} />
            <TextArea
              id="revise-reason"
              label="Why you are revising it (optional)"
              hint="For example, “The date was wrong” or “Added what we decided”. It is kept with the reflection’s history."
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={byField['revise-reason']}
              maxLength={REFLECTION_LIMITS.reason}
              rows={2}
            />
            <div className="button-row">
              <Button type="submit" busy={revising}>
                Save changes
              </Button>
              <Button type="button" variant="secondary" onClick={onCancel}>
                Cancel
              </Button>
            </div>
          </form>
        </>
      ) : null}
    </section>
  );
}

function WithdrawConfirmation({ reflection, onCancel }: { readonly reflection: Reflection; readonly onCancel: () => void }) {
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [withdrawing, withdraw] = useCommand(LeaderWithdrawReflectionDocument, TIMELINE);
  const { heading, byField } = usePanel(problems);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (withdrawing) return;
    const found: Problem[] = [];
    if (!reason.trim()) found.push({ field: 'withdraw-reason', message: 'Write why you are withdrawing it' });
    else if (reason.trim().length > REFLECTION_LIMITS.reason) found.push({ field: 'withdraw-reason', message: `Shorten why you are withdrawing it to ${REFLECTION_LIMITS.reason} characters or fewer` });
    setProblems(found);
    if (found.length > 0) return;
    const result = await withdraw({ expectedRevision: reflection.revision, input: { reflectionId: reflection.id, reason: reason.trim() } });
    if (!result.ok) {
      setProblems(refusal(result.failure, { reason: 'withdraw-reason' }));
      return;
    }
    navigate('/learning', {
      state: { notice: `Reflection withdrawn: “${reflection.learningQuestion}”. It is no longer on the learning timeline; looking back to an earlier day still shows it.` },
    });
  }

  return (
    <section className="section confirm" aria-labelledby="withdraw-heading">
      <h2 id="withdraw-heading" tabIndex={-1} ref={heading}>
        Withdraw this reflection?
      </h2>
      <p>
        Withdrawing takes it off the learning timeline from now on. Looking back to an earlier day still shows it, as it was known then. It cannot be undone: to use it again, add
        it as a new reflection.
      </p>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <TextArea
          id="withdraw-reason"
          label="Why you are withdrawing it"
          hint="For example, “Recorded twice” or “It drew on a report that was wrong”. It is kept with the reflection’s history."
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={byField['withdraw-reason']}
          maxLength={REFLECTION_LIMITS.reason}
          rows={2}
        />
        <div className="button-row">
          <Button type="submit" busy={withdrawing} busyLabel="Withdrawing…">
            Yes, withdraw it
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel}>
            No, keep it
          </Button>
        </div>
      </form>
    </section>
  );
}
