import { type FormEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useQuery } from 'urql';
import { useCommand } from '../../api/command.js';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { Page } from '../../components/Page.js';
import { formatDay } from '../../lib/dates.js';
import {
  draftProblems,
  emptyDraft,
  LeaderReflectionChoicesDocument,
  type ReflectionChoices,
  type ReflectionDraft,
  ReflectionFields,
  REFLECTION_SUBJECTS,
  TIMELINE,
} from './ReflectionFields.js';

const LeaderRecordReflectionDocument = graphql(`
  mutation LeaderRecordReflection($commandId: ID!, $input: RecordReflectionInput!) {
    recordReflection(commandId: $commandId, input: $input) {
      id
    }
  }
`);

/**
 * Record what the organisation learned: the question it answers, what happened, what was
 * learned, and what was decided and will be tried next, with the themes and reports it draws on.
 */
export function RecordReflection() {
  const [{ data, error }] = useQuery({ query: LeaderReflectionChoicesDocument, requestPolicy: 'cache-and-network' });
  return (
    <Page title="Add a reflection" back={{ to: '/learning', label: 'Learning over time' }}>
      <p>What the organisation learned, in its own words: from a theme, a report, a change a service made, or its own practice.</p>
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && !error ? <Loading what="the form" /> : null}
      {data ? <ReflectionForm choices={data} /> : null}
    </Page>
  );
}

function ReflectionForm({ choices }: { readonly choices: ReflectionChoices }) {
  const navigate = useNavigate();
  const [draft, setDraft] = useState<ReflectionDraft>(emptyDraft);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [fetching, record] = useCommand(LeaderRecordReflectionDocument, TIMELINE);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    const found = draftProblems(draft);
    setProblems(found);
    if (found.length > 0) return;
    const result = await record({
      input: {
        occurredOn: draft.occurredOn,
        learningQuestion: draft.learningQuestion.trim(),
        whatHappened: draft.whatHappened.trim(),
        insight: draft.insight.trim(),
        decision: draft.decision.trim() || null,
        experiment: draft.experiment.trim() || null,
        themeIds: [...draft.themeIds],
        reportIds: [...draft.reportIds],
      },
    });
    if (!result.ok) {
      const { summary } = fieldErrors(result.failure.problems, REFLECTION_SUBJECTS);
      setProblems(summary.length > 0 ? summary : [{ message: result.failure.message }]);
      return;
    }
    navigate('/learning', { state: { notice: `Reflection saved, dated ${formatDay(draft.occurredOn)}. It is on the learning timeline below.` } });
  }

  return (
    <>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <ReflectionFields draft={draft} onChange={setDraft} errors={byField} choices={choices} />
        <Button type="submit" busy={fetching}>
          Save reflection
        </Button>
      </form>
    </>
  );
}
