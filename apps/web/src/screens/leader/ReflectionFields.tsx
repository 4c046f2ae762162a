import type { Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { CheckboxGroup, TextArea, TextField } from '../../components/Field.js';
import { formatDay, today } from '../../lib/dates.js';

/** The GraphQL types that show reflections: a command on one has the learning timeline read again. */
export const TIMELINE = ['LearningTimelineConnection', 'LearningReflectionView'];

/** The themes and shared reports a reflection can draw on. */
/** What the timeline and a reflection's own page show of a reflection. */
graphql(`
  fragment LeaderReflectionFields on LearningReflectionView {
    learningQuestion
    whatHappened
    insight
    decision
    experiment
    occurredOn
    recordedBy
    revisedAt
    revisionReason
    withdrawal {
      reason
      withdrawnAt
      withdrawnBy
    }
    themes {
      id
      name
    }
    reports {
      id
      title
    }
  }
`);

export const LeaderReflectionChoicesDocument = graphql(`
  query LeaderReflectionChoices {
    themes {
      id
      name
      status
    }
    reports {
      id
      title
      sharedOn
    }
  }
`);

/** How the API's field problems begin, e.g. "What happened is required". */
export const REFLECTION_SUBJECTS: Record<string, string> = {
  occurredOn: 'The date',
  learningQuestion: 'The learning question',
  whatHappened: 'What happened',
  insight: 'What we learned',
  decision: 'What we decided',
  experiment: 'What we will try next',
  themeIds: 'The themes',
  reportIds: 'The reports',
  reason: 'Why',
};

/** The API's length limits, in characters. */
export const REFLECTION_LIMITS = { learningQuestion: 500, whatHappened: 4000, insight: 4000, decision: 2000, experiment: 2000, reason: 500 } as const;

/** A reflection as the form holds it: texts untrimmed, optional ones empty when left out. */
export interface ReflectionDraft {
  readonly occurredOn: string;
  readonly learningQuestion: string;
  readonly whatHappened: string;
  readonly insight: string;
  readonly decision: string;
  readonly experiment: string;
  readonly themeIds: readonly string[];
  readonly reportIds: readonly string[];
}

export type ReflectionText = 'learningQuestion' | 'whatHappened' | 'insight' | 'decision' | 'experiment';

export function emptyDraft(): ReflectionDraft {
  return { occurredOn: today(), learningQuestion: '', whatHappened: '', insight: '', decision: '', experiment: '', themeIds: [], reportIds: [] };
}

/** What to fix before sending, against the form's fields (whose ids are the API's field names). */
export function draftProblems(draft: ReflectionDraft): Problem[] {
  const found: Problem[] = [];
  if (!/^\d{4}-\d{2}-\d{2}$/.test(draft.occurredOn)) found.push({ field: 'occurredOn', message: 'Enter the date the learning happened' });
  else if (draft.occurredOn > today()) found.push({ field: 'occurredOn', message: 'The date cannot be in the future' });
  if (!draft.learningQuestion.trim()) found.push({ field: 'learningQuestion', message: 'Write the learning question it answers' });
  if (!draft.whatHappened.trim()) found.push({ field: 'whatHappened', message: 'Write what happened' });
  if (!draft.insight.trim()) found.push({ field: 'insight', message: 'Write what you learned' });
  for (const field of ['learningQuestion', 'whatHappened', 'insight', 'decision', 'experiment'] as const) {
    const limit = REFLECTION_LIMITS[field];
    if (draft[field].trim().length > limit) found.push({ field, message: `Shorten ${REFLECTION_SUBJECTS[field].toLowerCase()} to ${limit} characters or fewer` });
  }
  return found;
}

export interface ReflectionChoices {
  readonly themes: readonly { id: string; name: string }[];
  readonly reports: readonly { id: string; title: string; sharedOn?: string | null }[];
}

/**
 * The fields of a reflection, for recording one and for revising one: the learning question,
 * when it happened, what happened, what was learned, decided and will be tried next, and the
 * themes and shared reports it draws on. `linked` are the themes and reports a reflection being
 * revised already names, offered even when they are no longer among the choices, so that
 * revising it does not drop them unasked.
 */
export function ReflectionFields({
  draft,
  onChange,
  errors,
  choices,
  linked,
}: {
  readonly draft: ReflectionDraft;
  readonly onChange: (draft: ReflectionDraft) => void;
  readonly errors: Record<string, string | undefined>;
  readonly choices: ReflectionChoices;
  readonly linked?: { readonly themes: readonly { id: string; name?: string | null }[]; readonly reports: readonly { id: string; title?: string | null }[] };
}) {
  const text = (field: ReflectionText) => ({
    id: field,
    value: draft[field],
    onChange: (event: { target: { value: string } }) => onChange({ ...draft, [field]: event.target.value }),
    error: errors[field],
    maxLength: REFLECTION_LIMITS[field],
  });
  const themeOptions = [
    ...choices.themes.map((t) => ({ value: t.id, label: t.name })),
    ...(linked?.themes ?? []).filter((t) => !choices.themes.some((c) => c.id === t.id)).map((t) => ({ value: t.id, label: t.name ?? 'A theme not yet named' })),
  ];
  const shared = choices.reports.filter((r) => r.sharedOn);
  const reportOptions = [
    ...shared.map((r) => ({ value: r.id, label: `${r.title} (shared ${formatDay(r.sharedOn)})` })),
    ...(linked?.reports ?? []).filter((r) => !shared.some((c) => c.id === r.id)).map((r) => ({ value: r.id, label: r.title ?? 'A report not yet shared' })),
  ];
  return (
    <>
      <TextField
        {...text('learningQuestion')}
        label="The learning question"
        hint="What the organisation wanted to find out, such as “Does a named contact through a move keep people engaged?”"
      />
      <TextField
        id="occurredOn"
        label="When it happened"
        type="date"
        max={today()}
        value={draft.occurredOn}
        onChange={(e) => onChange({ ...draft, occurredOn: e.target.value })}
        error={errors.occurredOn}
        className="field--date"
      />
      <TextArea {...text('whatHappened')} label="What happened" hint="Leave out names and anything that would identify a person." />
      <TextArea {...text('insight')} label="What we learned" />
      <TextArea {...text('decision')} label="What we decided (optional)" rows={3} />
      <TextArea {...text('experiment')} label="What we will try next (optional)" hint="“We will try…”: the experiment that follows from it." rows={3} />
      {themeOptions.length > 0 ? (
        <CheckboxGroup
          id="themeIds"
          name="themeIds"
          legend="Themes it draws on (optional)"
          options={themeOptions}
          values={draft.themeIds}
          onChange={(themeIds) => onChange({ ...draft, themeIds })}
          error={errors.themeIds}
        />
      ) : null}
      {reportOptions.length > 0 ? (
        <CheckboxGroup
          id="reportIds"
          name="reportIds"
          legend="Feedback reports it draws on (optional)"
          options={reportOptions}
          values={draft.reportIds}
          onChange={(reportIds) => onChange({ ...draft, reportIds })}
          error={errors.reportIds}
        />
      ) : null}
    </>
  );
}

/** What a reflection says, as the learning timeline and the reflection's own page show it. */
export function ReflectionDetails({
  reflection,
  questionAsTerm,
}: {
  readonly reflection: {
    readonly learningQuestion: string;
    readonly whatHappened: string;
    readonly insight: string;
    readonly decision?: string | null;
    readonly experiment?: string | null;
    readonly occurredOn?: string;
    readonly themes: readonly { id: string; name?: string | null }[];
    readonly reports: readonly { id: string; title?: string | null }[];
  };
  /** On its own page the question and the date are listed too; on the timeline they head the entry. */
  questionAsTerm?: boolean;
}) {
  return (
    <dl className="reflection">
      {questionAsTerm ? (
        <>
          <dt>The learning question</dt>
          <dd>{reflection.learningQuestion}</dd>
          <dt>When it happened</dt>
          <dd>{formatDay(reflection.occurredOn)}</dd>
        </>
      ) : null}
      <dt>What happened</dt>
      <dd>{reflection.whatHappened}</dd>
      <dt>What we learned</dt>
      <dd>{reflection.insight}</dd>
      {reflection.decision ? (
        <>
          <dt>What we decided</dt>
          <dd>{reflection.decision}</dd>
        </>
      ) : null}
      {reflection.experiment ? (
        <>
          <dt>What we will try next</dt>
          <dd>{reflection.experiment}</dd>
        </>
      ) : null}
      {reflection.themes.length > 0 ? (
        <>
          <dt>Themes it draws on</dt>
          <dd>{reflection.themes.map((t) => t.name ?? 'A theme not yet named').join('; ')}</dd>
        </>
      ) : null}
      {reflection.reports.length > 0 ? (
        <>
          <dt>Reports it draws on</dt>
          <dd>{reflection.reports.map((r) => r.title ?? 'A report not yet shared').join('; ')}</dd>
        </>
      ) : null}
    </dl>
  );
}

/**
 * Why a reflection was last revised, and why it was withdrawn (when it was), as given then: the
 * reasons kept with its history, in the leader's words.
 */
export function ReflectionReasons({
  reflection,
  userId,
}: {
  readonly reflection: {
    readonly revisionReason?: string | null;
    readonly withdrawal?: { readonly reason: string; readonly withdrawnAt: string; readonly withdrawnBy: string } | null;
  };
  readonly userId: string;
}) {
  const { revisionReason, withdrawal } = reflection;
  return (
    <>
      {revisionReason ? <p className="entry__meta">Why it was revised: “{revisionReason}”</p> : null}
      {withdrawal ? (
        <p className="reflection-withdrawal">
          Withdrawn {withdrawal.withdrawnBy === `user:${userId}` ? 'by you ' : ''}on {formatDay(withdrawal.withdrawnAt)}: “{withdrawal.reason}”
        </p>
      ) : null}
    </>
  );
}
