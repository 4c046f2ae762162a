import { type FormEvent, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { PEOPLE, useCommand } from '../../api/command.js';
import type { Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorAlert, ErrorSummary } from '../../components/Feedback.js';
import { RadioGroup, TextArea } from '../../components/Field.js';
import { formatDay, today } from '../../lib/dates.js';
import { humanise } from '../../lib/words.js';
import { DateField, dateProblem, IN_THEIR_WORDS, latestDay, type Person, PersonFormPage, refusalOf, useBackToPerson, useByField } from './person-form.js';

const SetAspirationDocument = graphql(`
  mutation CoachSetAspiration($commandId: ID, $input: SetAspirationInput!) {
    setAspiration(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const NoteAspirationProgressDocument = graphql(`
  mutation CoachNoteAspirationProgress($commandId: ID, $input: NoteAspirationProgressInput!) {
    noteAspirationProgress(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const AchieveAspirationDocument = graphql(`
  mutation CoachAchieveAspiration($commandId: ID, $input: AchieveAspirationInput!) {
    achieveAspiration(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const ChangeAspirationDocument = graphql(`
  mutation CoachChangeAspiration($commandId: ID, $input: ChangeAspirationInput!) {
    changeAspiration(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const LetGoOfAspirationDocument = graphql(`
  mutation CoachLetGoOfAspiration($commandId: ID, $input: LetGoOfAspirationInput!) {
    letGoOfAspiration(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const WORDS_MAX = 500;
const NOTE_MAX = 2000;

/** How each API field is named in messages. Every form's date is the field `on`. */
const SUBJECTS: Record<string, string> = {
  inPersonsWords: 'Their aspiration',
  note: 'The note',
  setOn: 'The date',
  notedOn: 'The date',
  achievedOn: 'The date',
  changedOn: 'The date',
  letGoOn: 'The date',
};
const FORM_FIELDS: Record<string, string> = { setOn: 'on', notedOn: 'on', achievedOn: 'on', changedOn: 'on', letGoOn: 'on' };

/** Sets an aspiration, in the person's own words. */
export function NewAspiration() {
  return (
    <PersonFormPage title="Add an aspiration" heading={(name) => `Add an aspiration for ${name}`}>
      {(person) => <NewAspirationForm person={person} />}
    </PersonFormPage>
  );
}

function NewAspirationForm({ person }: { readonly person: Person }) {
  const back = useBackToPerson(person.id);
  const [words, setWords] = useState('');
  const [on, setOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useByField(problems);
  const [saving, setAspiration] = useCommand(SetAspirationDocument, PEOPLE);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const found: Problem[] = [];
    if (!words.trim()) found.push({ field: 'inPersonsWords', message: 'Write their aspiration, in their words' });
    const date = dateProblem('on', on, 'Enter the day they set it');
    if (date) found.push(date);
    setProblems(found);
    if (found.length > 0) return;
    const result = await setAspiration({ input: { personId: person.id, inPersonsWords: words.trim(), setOn: on } });
    if (!result.ok) return setProblems(refusalOf(result.failure, SUBJECTS, FORM_FIELDS));
    back('Aspiration added.');
  }

  return (
    <>
      <p>An aspiration is something {person.displayName ?? 'they'} wants, set by them. It stays in their words.</p>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <TextArea
          id="inPersonsWords"
          label="Their aspiration"
          hint={IN_THEIR_WORDS}
          value={words}
          onChange={(e) => setWords(e.target.value)}
          error={byField.inPersonsWords}
          maxLength={WORDS_MAX}
          rows={3}
        />
        <DateField id="on" label="When did they set it?" value={on} onChange={setOn} error={byField.on} />
        <Button type="submit" busy={saving}>
          Add aspiration
        </Button>
      </form>
    </>
  );
}

type Step = 'progress' | 'achieved' | 'changed' | 'let-go';

const STEPS: ReadonlyArray<{ readonly value: Step; readonly label: string; readonly hint: string }> = [
  { value: 'progress', label: 'Progress', hint: 'Something moved on towards it.' },
  { value: 'achieved', label: 'They achieved it', hint: 'It is done: it stays on their page as achieved.' },
  { value: 'changed', label: 'They changed it', hint: 'They reshaped it into a new aspiration; this one is kept as it was.' },
  { value: 'let-go', label: 'They let it go', hint: 'Their choice, not a failure.' },
];

const isStep = (value: string | null): value is Step => STEPS.some((s) => s.value === value);

/** One aspiration: its history, and (while it is open) progress, achieved, changed or let go. */
export function AspirationPage() {
  const { aspirationId = '' } = useParams();
  return (
    <PersonFormPage title="An aspiration" heading={(name) => `${name}’s aspiration`}>
      {(person) => {
        const aspiration = person.aspirations.find((a) => a.id === aspirationId);
        if (!aspiration) {
          return (
            <ErrorAlert>
              This aspiration is not on their page. Go back to their page and choose it from the list of aspirations.
            </ErrorAlert>
          );
        }
        return <AspirationDetails person={person} aspiration={aspiration} />;
      }}
    </PersonFormPage>
  );
}

type Aspiration = Person['aspirations'][number];

function AspirationDetails({ person, aspiration }: { readonly person: Person; readonly aspiration: Aspiration }) {
  const changedTo = aspiration.changedTo ? person.aspirations.find((a) => a.id === aspiration.changedTo) : undefined;
  return (
    <>
      <div className="words-card">
        <p className="words-card__label">In their words</p>
        <p className="words-card__words">{aspiration.inPersonsWords ?? 'Words no longer held'}</p>
        <p className="entry__meta">
          <span className={`badge badge--${aspiration.status.toLowerCase()}`}>{humanise(aspiration.status)}</span> Set {formatDay(aspiration.setOn)}
          {aspiration.closedOn ? (
            <>
              , {humanise(aspiration.status).toLowerCase()} {formatDay(aspiration.closedOn)}
            </>
          ) : null}
        </p>
        {aspiration.history.length > 1 ? (
          <>
            <h2 className="words-card__history">What happened so far</h2>
            <ol className="history">
              {aspiration.history.map((step, i) => (
                <li key={i}>
                  {formatDay(step.occurredOn)}: {humanise(step.kind.replace(/^aspiration\./, ''))}
                  {/* A step that sets it carries the words shown above. */}
                  {step.note && step.kind !== 'aspiration.set' ? <> – “{step.note}”</> : null}
                </li>
              ))}
            </ol>
          </>
        ) : null}
      </div>
      {aspiration.status === 'ACTIVE' ? (
        <AspirationStepForm person={person} aspiration={aspiration} />
      ) : (
        <p>
          This aspiration is {humanise(aspiration.status).toLowerCase()}, so nothing more can be recorded on it.{' '}
          {changedTo ? <Link to={`/people/${person.id}/aspirations/${changedTo.id}`}>Open the aspiration it was changed into</Link> : null}
        </p>
      )}
    </>
  );
}

function AspirationStepForm({ person, aspiration }: { readonly person: Person; readonly aspiration: Aspiration }) {
  const back = useBackToPerson(person.id);
  const [search] = useSearchParams();
  const asked = search.get('action');
  const [step, setStep] = useState<Step | undefined>(isStep(asked) ? asked : undefined);
  const [on, setOn] = useState(today);
  const [note, setNote] = useState('');
  const [words, setWords] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useByField(problems);
  const [noting, noteProgress] = useCommand(NoteAspirationProgressDocument, PEOPLE);
  const [achieving, achieve] = useCommand(AchieveAspirationDocument, PEOPLE);
  const [changing, change] = useCommand(ChangeAspirationDocument, PEOPLE);
  const [lettingGo, letGo] = useCommand(LetGoOfAspirationDocument, PEOPLE);
  const busy = noting || achieving || changing || lettingGo;
  // Progress can be dated back to the day it was set; closing it, not before its last step.
  const earliest =
    step === 'progress'
      ? { day: aspiration.setOn, why: 'the day it was set' }
      : { day: latestDay([aspiration.setOn, ...aspiration.history.map((h) => h.occurredOn)]), why: 'the last step recorded for it' };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Problem[] = [];
    if (!step) found.push({ field: 'step', message: 'Choose what you want to record' });
    if (step === 'changed' && !words.trim()) found.push({ field: 'inPersonsWords', message: 'Write the new aspiration, in their words' });
    if (step === 'progress' && !note.trim()) found.push({ field: 'note', message: 'Write what moved on, in a few words' });
    if (step) {
      const date = dateProblem('on', on, 'Enter the date', earliest);
      if (date) found.push(date);
    }
    setProblems(found);
    if (found.length > 0 || !step) return;
    const ids = { personId: person.id, aspirationId: aspiration.id };
    const optionalNote = note.trim() || null;
    const result =
      step === 'progress'
        ? await noteProgress({ input: { ...ids, note: note.trim(), notedOn: on } })
        : step === 'achieved'
          ? await achieve({ input: { ...ids, achievedOn: on, note: optionalNote } })
          : step === 'changed'
            ? await change({ input: { ...ids, inPersonsWords: words.trim(), changedOn: on, note: optionalNote } })
            : await letGo({ input: { ...ids, letGoOn: on, note: optionalNote } });
    if (!result.ok) return setProblems(refusalOf(result.failure, SUBJECTS, FORM_FIELDS));
    back(
      {
        progress: 'Progress noted.',
        achieved: 'Aspiration marked as achieved.',
        changed: 'Aspiration changed: the new one is on their page, and the old one is kept as changed.',
        'let-go': 'Aspiration marked as let go.',
      }[step],
    );
  }

  const noteLabel = {
    progress: 'What moved on?',
    achieved: 'Anything they want to say about it? (optional)',
    changed: 'Why it changed (optional)',
    'let-go': 'Why they let it go (optional)',
  };
  const dateLabel = { progress: 'When', achieved: 'When did they achieve it?', changed: 'When did they change it?', 'let-go': 'When did they let it go?' };
  const submitLabel = { progress: 'Save progress', achieved: 'Mark as achieved', changed: 'Save the new aspiration', 'let-go': 'Mark as let go' };

  return (
    <>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <RadioGroup
          id="step"
          name="step"
          legend="What do you want to record?"
          options={STEPS}
          value={step}
          onChange={(value) => setStep(value as Step)}
          error={byField.step}
        />
        {step === 'changed' ? (
          <TextArea
            id="inPersonsWords"
            label="The new aspiration"
            hint={IN_THEIR_WORDS}
            value={words}
            onChange={(e) => setWords(e.target.value)}
            error={byField.inPersonsWords}
            maxLength={WORDS_MAX}
            rows={3}
          />
        ) : null}
        {step ? (
          <>
            <TextArea
              id="note"
              label={noteLabel[step]}
              hint={step === 'progress' ? 'Ideally in their words.' : 'In their words, if they want something kept.'}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              error={byField.note}
              maxLength={NOTE_MAX}
              rows={3}
            />
            <DateField id="on" label={dateLabel[step]} value={on} onChange={setOn} error={byField.on} min={earliest.day} />
          </>
        ) : null}
        <Button type="submit" busy={busy}>
          {step ? submitLabel[step] : 'Save'}
        </Button>
      </form>
    </>
  );
}
