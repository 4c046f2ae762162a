import { type FormEvent, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { useHandover } from '../../components/Handover.js';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { PEOPLE, useCommand } from '../../api/command.js';
import { failureOf, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { Checkbox, RadioGroup } from '../../components/Field.js';
import { formatDay, today, uuid } from '../../lib/dates.js';
import { type Person, PersonFormPage } from './person-form.js';
import { ANSWERS, ITEMS, question, type Scale, SCORE_RANGE } from './wellbeing-items.js';

const CheckInWellbeingDocument = graphql(`
  mutation CoachCheckInWellbeing($commandId: ID, $input: CheckInWellbeingInput!) {
    checkInWellbeing(commandId: $commandId, input: $input) {
      id
    }
  }
`);

/** The person's check-ins, read again once theirs is recorded, for its score. */
const WellbeingScoresDocument = graphql(`
  query CoachWellbeingScores($id: ID!) {
    person(id: $id) {
      id
      wellbeingTrend {
        checkIns {
          id
          checkedInOn
          scale
          score
        }
      }
    }
  }
`);

type Stage =
  | { readonly kind: 'handover' }
  | { readonly kind: 'question'; readonly index: number }
  | { readonly kind: 'record' }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'done'; readonly checkInId: string };

/**
 * A wellbeing check-in the person fills in themselves, on the coach's phone. The coach chooses the
 * scale with them and hands the phone over; the person answers one question at a time, and can
 * stop at any point. Nothing is sent until they have answered every question and chosen, by
 * ticking "I want to record this", to record it. Then they see their score and, if they checked
 * in before on the same scale, the change; and hand the phone back.
 */
export function WellbeingCheckIn() {
  return (
    <PersonFormPage title="Wellbeing check-in" heading={() => 'Wellbeing check-in'}>
      {(person) => <CheckIn person={person} />}
    </PersonFormPage>
  );
}

function CheckIn({ person }: { readonly person: Person }) {
  const navigate = useNavigate();
  const [stage, setStage] = useState<Stage>({ kind: 'handover' });
  const [scale, setScale] = useState<Scale>('SWEMWBS');
  const [answers, setAnswers] = useState<number[]>([]);
  const [chose, setChose] = useState(false);
  const [checkInId, setCheckInId] = useState(uuid);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [recording, record] = useCommand(CheckInWellbeingDocument, PEOPLE);
  const items = ITEMS[scale];
  // From the first question until they hand back, the phone is theirs: no navigation, no names but theirs.
  useHandover(stage.kind !== 'handover');

  // Each step's heading takes focus, so the next Tab is its first control (not on first showing:
  // then the page's own heading has it).
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = useRef(false);
  const stageKey = stage.kind === 'question' ? `question-${stage.index}` : stage.kind;
  useEffect(() => {
    if (shown.current) heading.current?.focus();
    shown.current = true;
  }, [stageKey]);

  const go = (next: Stage) => {
    setProblems([]);
    setStage(next);
  };
  const backToPerson = (notice: string) => navigate(`/people/${person.id}`, { state: { notice } });
  const stop = () => {
    setAnswers([]);
    setChose(false);
    go({ kind: 'stopped' });
  };
  const start = (event: FormEvent) => {
    event.preventDefault();
    setAnswers([]);
    setChose(false);
    setCheckInId(uuid());
    go({ kind: 'question', index: 0 });
  };

  if (stage.kind === 'handover') {
    return (
      <Step heading="Hand your phone to them" headingRef={heading}>
        <p>
          This check-in is for {person.displayName ?? 'them'} to fill in themselves, if they want to: one question at a time, about the last two weeks.
          They can stop at any point, and nothing is recorded unless they finish and choose to record it.
        </p>
        <form className="form" onSubmit={start} noValidate>
          <RadioGroup
            id="scale"
            name="scale"
            legend="How many questions?"
            hint="Choose with them. Their scores are compared with their earlier check-ins on the same scale."
            options={[
              { value: 'SWEMWBS', label: '7 questions', hint: 'The short scale (SWEMWBS)' },
              { value: 'WEMWBS', label: '14 questions', hint: 'The full scale (WEMWBS)' },
            ]}
            value={scale}
            onChange={(value) => setScale(value as Scale)}
          />
          <Button type="submit">Start the check-in</Button>
        </form>
      </Step>
    );
  }

  if (stage.kind === 'question') {
    const { index } = stage;
    const label = items[index] ?? '';
    const next = (event: FormEvent) => {
      event.preventDefault();
      if (answers[index] === undefined) {
        setProblems([{ field: 'answer', message: 'Choose the answer closest to how it has been for you, or stop here' }]);
        return;
      }
      go(index + 1 < items.length ? { kind: 'question', index: index + 1 } : { kind: 'record' });
    };
    return (
      <div className="check-in">
        <p className="check-in__progress">
          Question {index + 1} of {items.length}
        </p>
        {index === 0 ? <p>There are no right or wrong answers. Choose what is closest to how it has been for you.</p> : null}
        <ErrorSummary problems={problems} />
        <form className="form" onSubmit={next} noValidate>
          <RadioGroup
            key={index}
            id="answer"
            name={`item${index + 1}`}
            legend={
              <h2 className="check-in__question" tabIndex={-1} ref={heading}>
                {question(label)}
              </h2>
            }
            options={ANSWERS.map(([value, text]) => ({ value: String(value), label: text }))}
            value={answers[index] === undefined ? undefined : String(answers[index])}
            onChange={(value) => {
              const changed = [...answers];
              changed[index] = Number(value);
              setAnswers(changed);
              setProblems([]);
            }}
            error={problems[0]?.message}
          />
          <div className="button-row">
            <Button type="submit">{index + 1 < items.length ? 'Next question' : 'Continue'}</Button>
            <Button type="button" variant="secondary" onClick={() => go(index > 0 ? { kind: 'question', index: index - 1 } : { kind: 'handover' })}>
              Back
            </Button>
          </div>
        </form>
        <StopHere onStop={stop} />
      </div>
    );
  }

  if (stage.kind === 'record') {
    const submit = async (event: FormEvent) => {
      event.preventDefault();
      if (recording) return;
      if (!chose) {
        setProblems([{ field: 'chose', message: 'Tick “I want to record this” to record your answers, or stop here to record nothing' }]);
        return;
      }
      const result = await record({
        input: { personId: person.id, checkInId, scale, answers: items.map((_, i) => answers[i] ?? null), checkedInOn: today(), personChoseToCheckIn: true },
      });
      if (!result.ok) {
        setProblems([{ message: result.failure.code === 'BAD_USER_INPUT' ? 'Some answers are missing: go back and answer every question, then try again.' : result.failure.message }]);
        return;
      }
      setAnswers([]);
      go({ kind: 'done', checkInId: result.data.checkInWellbeing.id });
    };
    return (
      <Step heading={`You have answered all ${items.length} questions`} headingRef={heading}>
        <p>
          If you want, your answers can be recorded. Your score then shows on your page with your coach, so you can both see how things change
          over time. If you would rather not, stop here and nothing is kept.
        </p>
        <ErrorSummary problems={problems} />
        <form className="form" onSubmit={submit} noValidate>
          <Checkbox
            id="chose"
            label="I want to record this"
            checked={chose}
            onChange={(checked) => {
              setChose(checked);
              setProblems([]);
            }}
            error={problems.find((p) => p.field === 'chose')?.message}
          />
          <div className="button-row">
            <Button type="submit" busy={recording} busyLabel="Recording…">
              Record my check-in
            </Button>
            <Button type="button" variant="secondary" onClick={() => go({ kind: 'question', index: items.length - 1 })}>
              Back
            </Button>
          </div>
        </form>
        <StopHere onStop={stop} />
      </Step>
    );
  }

  if (stage.kind === 'stopped') {
    return (
      <Step heading="Nothing was recorded" headingRef={heading}>
        <p>Your answers are cleared. Thank you: please hand the phone back to your coach.</p>
        <Button type="button" variant="secondary" onClick={() => backToPerson('The wellbeing check-in was stopped: nothing was recorded.')}>
          Back to their page
        </Button>
      </Step>
    );
  }

  return <Recorded person={person} scale={scale} checkInId={stage.checkInId} headingRef={heading} onBack={backToPerson} />;
}

function Step({ heading, headingRef, children }: { readonly heading: string; readonly headingRef: RefObject<HTMLHeadingElement | null>; readonly children: ReactNode }) {
  return (
    <div className="check-in">
      <h2 tabIndex={-1} ref={headingRef}>
        {heading}
      </h2>
      {children}
    </div>
  );
}

function StopHere({ onStop }: { readonly onStop: () => void }) {
  return (
    <p className="check-in__stop">
      You can stop at any point.{' '}
      <Button type="button" variant="link" onClick={onStop}>
        Stop here and record nothing
      </Button>
    </p>
  );
}

const formatScore = (score: number) => (Number.isInteger(score) ? String(score) : score.toFixed(2));

/** Their score, and the change since their last check-in on the same scale; then back to the coach. */
function Recorded({
  person,
  scale,
  checkInId,
  headingRef,
  onBack,
}: {
  readonly person: Person;
  readonly scale: Scale;
  readonly checkInId: string;
  readonly headingRef: RefObject<HTMLHeadingElement | null>;
  readonly onBack: (notice: string) => void;
}) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: WellbeingScoresDocument, variables: { id: person.id }, requestPolicy: 'network-only' });
  const checkIns = (data?.person.wellbeingTrend.checkIns ?? []).filter((c) => c.scale === scale);
  const at = checkIns.findIndex((c) => c.id === checkInId);
  const mine = at >= 0 ? checkIns[at] : undefined;
  const before = at > 0 ? checkIns[at - 1] : undefined;
  let score: ReactNode = null;
  if (mine) {
    const change = before ? Math.round((mine.score - before.score) * 100) / 100 : 0;
    score = (
      <>
        <p className="check-in__score">
          Your score: <strong>{formatScore(mine.score)}</strong> <span className="aside">(on a scale from {SCORE_RANGE[scale]})</span>
        </p>
        {before ? (
          <p>
            Last time, on {formatDay(before.checkedInOn)}, it was {formatScore(before.score)}:{' '}
            {change === 0 ? 'the same as now.' : `${change > 0 ? 'up' : 'down'} ${formatScore(Math.abs(change))} since then.`}
          </p>
        ) : (
          <p>This is your first check-in on this scale: next time, you can see how it has changed.</p>
        )}
      </>
    );
  }
  return (
    <div className="check-in">
      <h2 tabIndex={-1} ref={headingRef}>
        Your check-in is recorded
      </h2>
      {score}
      {!mine && fetching ? <Loading what="your score" /> : null}
      {!mine && !fetching ? (
        <>
          <ErrorAlert>{error ? failureOf(error).message : 'Your check-in is recorded, but its score could not be shown yet.'}</ErrorAlert>
          <Button type="button" variant="secondary" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Show my score
          </Button>
        </>
      ) : null}
      <h2>Hand back to your coach</h2>
      <p>Thank you. Please hand the phone back to your coach.</p>
      <Button type="button" onClick={() => onBack(mine ? `Wellbeing check-in recorded: a score of ${formatScore(mine.score)} (${scale}).` : 'Wellbeing check-in recorded.')}>
        Back to their page
      </Button>
    </div>
  );
}
