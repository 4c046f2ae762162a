import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { PEOPLE, useCommand } from '../../api/command.js';
import { type ApiFailure, failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { Channel, Ending, Frequency, PauseRequester, PersonQuery } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading, Notice } from '../../components/Feedback.js';
import { RadioGroup, TextArea, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay, today } from '../../lib/dates.js';
import { CHANNELS, connectionLabel, ENDINGS, FREQUENCIES, humanise, meetingLabel, PAUSE_REQUESTERS } from '../../lib/words.js';
import { NotFound } from '../NotFound.js';
import { ALLOWED_FROM, type CoachingAction, isCoachingAction, latestStep } from './CoachingRelationship.js';
import { type MyCoach, useMyCoach } from './my-coach.js';
import { PersonDocument } from './PersonPage.js';

export const StartCoachingDocument = graphql(`
  mutation StartCoaching($commandId: ID!, $input: StartCoachingInput!) {
    startCoaching(commandId: $commandId, input: $input) {
      id
      replayed
    }
  }
`);

const PauseCoachingDocument = graphql(`
  mutation PauseCoaching($commandId: ID!, $input: PauseCoachingInput!) {
    pauseCoaching(commandId: $commandId, input: $input) {
      id
      replayed
    }
  }
`);

const ResumeCoachingDocument = graphql(`
  mutation ResumeCoaching($commandId: ID!, $input: ResumeCoachingInput!) {
    resumeCoaching(commandId: $commandId, input: $input) {
      id
      replayed
    }
  }
`);

const VaryCoachingDocument = graphql(`
  mutation VaryCoaching($commandId: ID!, $input: VaryCoachingInput!) {
    varyCoaching(commandId: $commandId, input: $input) {
      id
      replayed
    }
  }
`);

const EndCoachingDocument = graphql(`
  mutation EndCoaching($commandId: ID!, $input: EndCoachingInput!) {
    endCoaching(commandId: $commandId, input: $input) {
      id
      replayed
    }
  }
`);

const ReopenCoachingDocument = graphql(`
  mutation ReopenCoaching($commandId: ID!, $input: ReopenCoachingInput!) {
    reopenCoaching(commandId: $commandId, input: $input) {
      id
      replayed
    }
  }
`);

type Person = PersonQuery['person'];

/** Each page's title (no names: browser history keeps titles) and how its heading starts. */
const TITLES: Record<CoachingAction, string> = {
  start: 'Start coaching',
  pause: 'Pause coaching',
  resume: 'Resume coaching',
  vary: 'Change how you meet',
  end: 'End coaching',
  reopen: 'Re-open coaching',
};

/** How each API field is named in messages ("The date must be …"). */
const SUBJECTS: Record<string, string> = {
  startedOn: 'The date',
  pausedOn: 'The date',
  resumedOn: 'The date',
  variedOn: 'The date',
  endedOn: 'The date',
  reopenedOn: 'The date',
  requestedBy: 'Who asked for the pause',
  reason: 'Why',
  frequency: 'How often',
  preferredChannel: 'How they would like to keep in touch',
  ending: 'How it ended',
  endingConversationHeld: 'Whether you had an ending conversation',
  inPersonsWords: 'Their words',
};

const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`));

/**
 * A date as the API takes it: a real day, not in the future, and not before `notBefore` (the
 * last change to the relationship: the API refuses changes dated before it).
 */
export function dateProblem(field: string, value: string, notBefore: { readonly day?: string | null; readonly what: string }): Problem | undefined {
  if (!isDay(value)) return { field, message: 'Enter the date, for example today' };
  if (value > today()) return { field, message: 'The date cannot be in the future' };
  if (notBefore.day && value < notBefore.day) return { field, message: `The date cannot be before ${formatDay(notBefore.day)}, ${notBefore.what}` };
  return undefined;
}

/** What the API refused, for the error summary: field problems linked to their fields, else its message. */
export function problemsOf(failure: ApiFailure, subjects: Record<string, string>, formField: Record<string, string> = {}): Problem[] {
  const { summary } = fieldErrors(failure.problems, subjects, formField);
  return summary.length > 0 ? summary : [{ message: failure.message }];
}

const byFieldOf = (problems: readonly Problem[]) => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field!, p.message])) as Record<string, string>;

/** The coach a start or re-opening is with: the signed-in coach's record, else the person's coach. */
function coachIdFor(me: MyCoach, person: Person): string {
  return me.status === 'chosen' ? me.coach.id : person.coachId;
}

/**
 * One change to a coaching relationship, on its own page (one-handed on a phone): start, pause,
 * resume, vary, end (with the planned-ending prompts) or re-open. Dates start at today; on
 * success the coach is back on the person's page with a notice saying what changed.
 */
export function CoachingChange() {
  const { personId = '', action = '' } = useParams();
  if (!isCoachingAction(action)) return <NotFound />;
  return <ChangePage key={`${personId}/${action}`} personId={personId} action={action} />;
}

function ChangePage({ personId, action }: { readonly personId: string; readonly action: CoachingAction }) {
  const [{ data, error }] = useQuery({ query: PersonDocument, variables: { id: personId }, requestPolicy: 'cache-and-network' });
  const person = data?.person;
  const title = TITLES[action];
  return (
    <Page
      title={title}
      heading={person ? `${title} with ${person.displayName ?? 'them'}` : title}
      back={{ to: `/people/${personId}`, label: `Back to ${person?.displayName ?? 'their page'}` }}>
      {error && !person ? <ErrorAlert>{failureOf(error).code === 'NOT_FOUND' ? 'There is nobody with this address on record. Go back to My people and choose them from the list.' : failureOf(error).message}</ErrorAlert> : null}
      {!person && !error ? <Loading what="their details" /> : null}
      {person ? <ChangeFor person={person} action={action} /> : null}
    </Page>
  );
}

function ChangeFor({ person, action }: { readonly person: Person; readonly action: CoachingAction }) {
  const status = person.relationship.status;
  if (!ALLOWED_FROM[action].includes(status)) return <NotNow person={person} action={action} />;
  switch (action) {
    case 'start':
      return <StartForm person={person} />;
    case 'pause':
      return <PauseForm person={person} />;
    case 'resume':
      return <ResumeForm person={person} />;
    case 'vary':
      return <VaryForm person={person} />;
    case 'end':
      return <EndForm person={person} />;
    case 'reopen':
      return <ReopenForm person={person} />;
  }
}

/** The change cannot be made in the relationship's current status (e.g. the page was opened again after it was made). */
function NotNow({ person, action }: { readonly person: Person; readonly action: CoachingAction }) {
  const name = person.displayName ?? 'this person';
  const status = person.relationship.status;
  const since = person.relationship.since ? ` since ${formatDay(person.relationship.since)}` : '';
  const where: Record<string, string> = {
    not_started: `Coaching with ${name} has not started yet.`,
    active: `Coaching with ${name} is going on${since}.`,
    paused: `Coaching with ${name} is paused${since}.`,
    ended: `Coaching with ${name} ended${since}.`,
  };
  const what: Record<CoachingAction, string> = {
    start: 'It has already started, so there is nothing to start.',
    pause: 'Only coaching that is going on can be paused.',
    resume: 'Only coaching that is paused can be resumed.',
    vary: 'How often and how you meet can be changed while coaching is going on or paused.',
    end: 'Only coaching that is going on or paused can be ended.',
    reopen: 'Only coaching that has ended can be re-opened.',
  };
  return (
    <div className="empty">
      <p>
        {where[status] ?? `Coaching with ${name} is ${humanise(status).toLowerCase()}.`} {what[action]}
      </p>
      <p>
        <Link to={`/people/${person.id}`}>See what can be done from their page</Link>
      </p>
    </div>
  );
}

/** The form's frame: the error summary, the form, and its one button. */
function ChangeForm({
  problems,
  onSubmit,
  busy,
  submit,
  children,
}: {
  readonly problems: readonly Problem[];
  readonly onSubmit: (event: FormEvent) => void;
  readonly busy: boolean;
  readonly submit: string;
  readonly children: ReactNode;
}) {
  return (
    <>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={onSubmit} noValidate>
        {children}
        <Button type="submit" busy={busy}>
          {submit}
        </Button>
      </form>
    </>
  );
}

function DateField({ id, label, value, onChange, error }: { readonly id: string; readonly label: string; readonly value: string; readonly onChange: (value: string) => void; readonly error?: string }) {
  return <TextField id={id} label={label} hint="Today, unless it was another day." type="date" max={today()} value={value} onChange={(e) => onChange(e.target.value)} error={error} className="field--date" />;
}

/** Back on the person's page, with what changed in a status notice. */
function useBackToPerson(person: Person) {
  const navigate = useNavigate();
  return (notice: string) => navigate(`/people/${person.id}`, { state: { notice } });
}

const SINCE_LAST_CHANGE = 'the last change to their coaching';

function StartForm({ person }: { readonly person: Person }) {
  const me = useMyCoach();
  const back = useBackToPerson(person);
  const [startedOn, setStartedOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, start] = useCommand(StartCoachingDocument, PEOPLE);
  const byField = useMemo(() => byFieldOf(problems), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = [dateProblem('startedOn', startedOn, { day: person.joinedOn, what: 'the day they joined' })].filter((p): p is Problem => !!p);
    setProblems(found);
    if (found.length > 0) return;
    const result = await start({ input: { personId: person.id, coachId: coachIdFor(me, person), startedOn } });
    if (!result.ok) return setProblems(problemsOf(result.failure, SUBJECTS));
    back('Coaching has started. Record your conversations with them from this page.');
  }

  return (
    <>
      <p>Start once you have met and they want to go ahead. From then on you can record your conversations with them.</p>
      <ChangeForm problems={problems} onSubmit={submit} busy={busy} submit="Start coaching">
        <DateField id="startedOn" label="The day coaching starts" value={startedOn} onChange={setStartedOn} error={byField.startedOn} />
      </ChangeForm>
    </>
  );
}

function PauseForm({ person }: { readonly person: Person }) {
  const back = useBackToPerson(person);
  const [requestedBy, setRequestedBy] = useState<PauseRequester>();
  const [reason, setReason] = useState('');
  const [pausedOn, setPausedOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, pause] = useCommand(PauseCoachingDocument, PEOPLE);
  const byField = useMemo(() => byFieldOf(problems), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Problem[] = [];
    if (!requestedBy) found.push({ field: 'requestedBy', message: 'Choose who asked for the pause' });
    if (reason.trim().length > 500) found.push({ field: 'reason', message: 'Keep why to 500 characters or fewer' });
    const date = dateProblem('pausedOn', pausedOn, { day: person.relationship.since, what: SINCE_LAST_CHANGE });
    if (date) found.push(date);
    setProblems(found);
    if (found.length > 0) return;
    const result = await pause({ input: { personId: person.id, requestedBy: requestedBy!, reason: reason.trim() || null, pausedOn } });
    if (!result.ok) return setProblems(problemsOf(result.failure, SUBJECTS));
    back('Coaching is paused. Resume it from this page whenever they are ready.');
  }

  return (
    <>
      <p>A pause keeps the relationship open: nothing ends, and coaching can resume whenever they are ready. You can still record a conversation while it is paused.</p>
      <ChangeForm problems={problems} onSubmit={submit} busy={busy} submit="Pause coaching">
        <RadioGroup
          id="requestedBy"
          name="requestedBy"
          legend="Who asked for the pause?"
          options={PAUSE_REQUESTERS.map(([value, label]) => ({ value, label }))}
          value={requestedBy}
          onChange={(value) => setRequestedBy(value as PauseRequester)}
          error={byField.requestedBy}
        />
        <TextArea
          id="reason"
          label="Why, in a few words (optional)"
          hint="Ideally in their words. They can ask to see everything held about them."
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={byField.reason}
          maxLength={500}
          rows={3}
        />
        <DateField id="pausedOn" label="The day it pauses" value={pausedOn} onChange={setPausedOn} error={byField.pausedOn} />
      </ChangeForm>
    </>
  );
}

function ResumeForm({ person }: { readonly person: Person }) {
  const back = useBackToPerson(person);
  const [resumedOn, setResumedOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, resume] = useCommand(ResumeCoachingDocument, PEOPLE);
  const byField = useMemo(() => byFieldOf(problems), [problems]);
  const pause = latestStep(person, 'coaching.paused');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = [dateProblem('resumedOn', resumedOn, { day: person.relationship.since, what: 'the day it paused' })].filter((p): p is Problem => !!p);
    setProblems(found);
    if (found.length > 0) return;
    const result = await resume({ input: { personId: person.id, resumedOn } });
    if (!result.ok) return setProblems(problemsOf(result.failure, SUBJECTS));
    back('Coaching has resumed.');
  }

  return (
    <>
      <p>
        Coaching has been paused since {formatDay(person.relationship.since)}
        {pause?.detail === 'person' ? ', at their request' : ''}. Resuming carries on the same relationship.
      </p>
      <ChangeForm problems={problems} onSubmit={submit} busy={busy} submit="Resume coaching">
        <DateField id="resumedOn" label="The day it resumes" value={resumedOn} onChange={setResumedOn} error={byField.resumedOn} />
      </ChangeForm>
    </>
  );
}

function VaryForm({ person }: { readonly person: Person }) {
  const back = useBackToPerson(person);
  // Starts from the way of meeting agreed until now, if any.
  const current = person.relationship.meeting;
  const [frequency, setFrequency] = useState<Frequency | undefined>(current?.frequency);
  const [preferredChannel, setPreferredChannel] = useState<Channel | undefined>(current?.preferredChannel);
  const [variedOn, setVariedOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, vary] = useCommand(VaryCoachingDocument, PEOPLE);
  const byField = useMemo(() => byFieldOf(problems), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Problem[] = [];
    if (!frequency) found.push({ field: 'frequency', message: 'Choose how often they would like to meet' });
    if (!preferredChannel) found.push({ field: 'preferredChannel', message: 'Choose how they would like to keep in touch' });
    // Varying does not change the relationship's status, so the API takes any day up to today.
    const date = dateProblem('variedOn', variedOn, { what: '' });
    if (date) found.push(date);
    setProblems(found);
    if (found.length > 0) return;
    const result = await vary({ input: { personId: person.id, frequency: frequency!, preferredChannel: preferredChannel!, variedOn } });
    if (!result.ok) return setProblems(problemsOf(result.failure, SUBJECTS));
    back(`Saved: they would like to meet ${meetingLabel(frequency!, preferredChannel!).toLowerCase()}.`);
  }

  return (
    <>
      <p>Coaching follows their lead. Record how often, and how, they would like to keep in touch from now on.</p>
      {current ? (
        <p className="aside">
          Until now: {meetingLabel(current.frequency, current.preferredChannel).toLowerCase()} (agreed {formatDay(current.agreedOn)}).
        </p>
      ) : null}
      <ChangeForm problems={problems} onSubmit={submit} busy={busy} submit="Save how you meet">
        <RadioGroup
          id="frequency"
          name="frequency"
          legend="How often would they like to meet?"
          options={FREQUENCIES.map(([value, label]) => ({ value, label }))}
          value={frequency}
          onChange={(value) => setFrequency(value as Frequency)}
          error={byField.frequency}
        />
        <RadioGroup
          id="preferredChannel"
          name="preferredChannel"
          legend="How would they like to keep in touch?"
          options={CHANNELS.map(([value, label]) => ({ value, label }))}
          value={preferredChannel}
          onChange={(value) => setPreferredChannel(value as Channel)}
          error={byField.preferredChannel}
          inline
        />
        <DateField id="variedOn" label="The day they asked for it" value={variedOn} onChange={setVariedOn} error={byField.variedOn} />
      </ChangeForm>
    </>
  );
}

/**
 * Ending well: a cliff-edge ending can leave someone more isolated than before, so the page
 * first offers the planned-ending conversation, drawing on what their page holds (their
 * aspirations, strengths and current connections), then records how it ended.
 */
function EndForm({ person }: { readonly person: Person }) {
  const back = useBackToPerson(person);
  const [held, setHeld] = useState<'yes' | 'no'>();
  const [ending, setEnding] = useState<Ending>();
  const [inPersonsWords, setInPersonsWords] = useState('');
  const [endedOn, setEndedOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, end] = useCommand(EndCoachingDocument, PEOPLE);
  const byField = useMemo(() => byFieldOf(problems), [problems]);
  const name = person.displayName ?? 'them';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Problem[] = [];
    if (!held) found.push({ field: 'endingConversationHeld', message: 'Say whether you have had an ending conversation with them' });
    if (!ending) found.push({ field: 'ending', message: 'Choose how coaching ended' });
    else if (ending === 'PLANNED_WITH_PERSON' && held === 'no') {
      found.push({ field: 'ending', message: 'A planned ending is agreed in a conversation with them: hold it first, or choose another way it ended' });
    }
    if (inPersonsWords.trim().length > 2000) found.push({ field: 'inPersonsWords', message: 'Keep their words to 2,000 characters or fewer' });
    const date = dateProblem('endedOn', endedOn, { day: person.relationship.since, what: SINCE_LAST_CHANGE });
    if (date) found.push(date);
    setProblems(found);
    if (found.length > 0) return;
    const result = await end({
      input: { personId: person.id, ending: ending!, endingConversationHeld: held === 'yes', inPersonsWords: inPersonsWords.trim() || null, endedOn },
    });
    if (!result.ok) return setProblems(problemsOf(result.failure, SUBJECTS));
    back('Coaching has ended. They move to “Coaching ended” on My people. If they come back, re-open coaching from their page: everything recorded so far stays.');
  }

  return (
    <>
      <p className="lede">
        An ending is best planned together. Endings that come suddenly can leave people more alone than before, so talk it through with {name} before you record it.
      </p>
      <EndingPrompts person={person} />
      <ChangeForm problems={problems} onSubmit={submit} busy={busy} submit="End coaching">
        <RadioGroup
          id="endingConversationHeld"
          name="endingConversationHeld"
          legend="Have you had an ending conversation with them?"
          options={[
            { value: 'yes', label: 'Yes, we talked it through' },
            { value: 'no', label: 'No, not yet' },
          ]}
          value={held}
          onChange={(value) => setHeld(value as 'yes' | 'no')}
          error={byField.endingConversationHeld}
          inline
        />
        {held === 'no' ? (
          <Notice kind="warning">
            <p>A planned ending conversation is the usual way to end. If you can still reach them, hold one first, using the prompts above, and come back to this page afterwards.</p>
            <p>If that is not possible, for example because you have lost touch, you can still record the ending now.</p>
          </Notice>
        ) : null}
        <RadioGroup
          id="ending"
          name="ending"
          legend="How did coaching end?"
          options={ENDINGS.map(([value, label]) => ({ value, label, hint: value === 'PLANNED_WITH_PERSON' ? 'You agreed the ending together.' : undefined }))}
          value={ending}
          onChange={(value) => setEnding(value as Ending)}
          error={byField.ending}
        />
        <TextArea
          id="inPersonsWords"
          label="In their words, how would they like the ending described? (optional)"
          hint="Only if they want to say. They can ask to see everything held about them."
          value={inPersonsWords}
          onChange={(e) => setInPersonsWords(e.target.value)}
          error={byField.inPersonsWords}
          maxLength={2000}
          rows={3}
        />
        <DateField id="endedOn" label="The day coaching ends" value={endedOn} onChange={setEndedOn} error={byField.endedOn} />
      </ChangeForm>
    </>
  );
}

/** Things to talk about in the ending conversation, with what the person's page already holds. */
function EndingPrompts({ person }: { readonly person: Person }) {
  const current = person.connections.filter((c) => c.current);
  const achieved = person.aspirations.filter((a) => a.status === 'ACHIEVED');
  return (
    <section className="card ending-prompts" aria-labelledby="ending-prompts-heading">
      <h2 id="ending-prompts-heading">Before you end: talk it through together</h2>
      <ol className="ending-prompts__list">
        <li>
          <strong>What has changed for them</strong> since they joined on {formatDay(person.joinedOn)}? Look back together at where they started and where they are now.
          {achieved.length > 0 ? (
            <> Aspirations they reached: {achieved.map((a) => a.inPersonsWords ?? 'words no longer held').join('; ')}.</>
          ) : null}
        </li>
        <li>
          <strong>What they are proud of</strong>, and the strengths they can take with them.
          {person.strengths.length > 0 ? <> Noted so far: {person.strengths.map((s) => s.inPersonsWords ?? 'words no longer held').join('; ')}.</> : null}
        </li>
        <li>
          <strong>Who is around them now</strong>: the people, groups and activities they can lean on.{' '}
          {current.length > 0 ? (
            <>
              Their current connections:
              <ul className="ending-prompts__connections">
                {current.map((c) => (
                  <li key={c.id}>
                    {c.description ?? 'Words no longer held'} ({connectionLabel(c.kind).toLowerCase()})
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <>No current connections are recorded: talk about who they could turn to.</>
          )}
        </li>
        <li>
          <strong>What they will do if things get hard</strong>: who they would contact first, and what has helped before.
        </li>
        <li>
          <strong>That they can come back.</strong> If they get in touch again, coaching can be re-opened: the same relationship carries on, and they will not have to tell their story again.
        </li>
      </ol>
    </section>
  );
}

function ReopenForm({ person }: { readonly person: Person }) {
  const me = useMyCoach();
  const back = useBackToPerson(person);
  const [reopenedOn, setReopenedOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, reopen] = useCommand(ReopenCoachingDocument, PEOPLE);
  const byField = useMemo(() => byFieldOf(problems), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found = [dateProblem('reopenedOn', reopenedOn, { day: person.relationship.since, what: 'the day it ended' })].filter((p): p is Problem => !!p);
    setProblems(found);
    if (found.length > 0) return;
    const result = await reopen({ input: { personId: person.id, coachId: coachIdFor(me, person), reopenedOn } });
    if (!result.ok) return setProblems(problemsOf(result.failure, SUBJECTS));
    back('Coaching is re-opened: welcome back. Everything recorded before is still here.');
  }

  return (
    <>
      <p>
        They came back. Coaching ended on {formatDay(person.relationship.since)}; re-opening carries on the same relationship, with everything recorded before, so they do not
        have to tell their story again.
      </p>
      <ChangeForm problems={problems} onSubmit={submit} busy={busy} submit="Re-open coaching">
        <DateField id="reopenedOn" label="The day coaching re-opens" value={reopenedOn} onChange={setReopenedOn} error={byField.reopenedOn} />
      </ChangeForm>
    </>
  );
}
