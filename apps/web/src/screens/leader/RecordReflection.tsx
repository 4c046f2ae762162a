import { type FormEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { CheckboxGroup, TextArea, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay, today, uuid } from '../../lib/dates.js';

const LeaderReflectionChoicesDocument = graphql(`
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

const LeaderRecordReflectionDocument = graphql(`
  mutation LeaderRecordReflection($commandId: ID!, $input: RecordReflectionInput!) {
    recordReflection(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const SUBJECTS: Record<string, string> = {
  occurredOn: 'The date',
  learningQuestion: 'The learning question',
  whatHappened: 'What happened',
  insight: 'What we learned',
  decision: 'What we decided',
  experiment: 'What we will try next',
  themeIds: 'The themes',
  reportIds: 'The reports',
};

const LIMITS = { learningQuestion: 500, whatHappened: 4000, insight: 4000, decision: 2000, experiment: 2000 } as const;

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
      {data ? <ReflectionForm themes={data.themes} reports={data.reports} /> : null}
    </Page>
  );
}

function ReflectionForm({
  themes,
  reports,
}: {
  readonly themes: readonly { id: string; name: string; status: string }[];
  readonly reports: readonly { id: string; title: string; sharedOn?: string | null }[];
}) {
  const navigate = useNavigate();
  const [commandId] = useState(uuid);
  const [occurredOn, setOccurredOn] = useState(today());
  const [text, setText] = useState({ learningQuestion: '', whatHappened: '', insight: '', decision: '', experiment: '' });
  const [themeIds, setThemeIds] = useState<string[]>([]);
  const [reportIds, setReportIds] = useState<string[]>([]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, record] = useMutation(LeaderRecordReflectionDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);
  const set = (field: keyof typeof text) => (event: { target: { value: string } }) => setText((old) => ({ ...old, [field]: event.target.value }));
  const shared = reports.filter((r) => r.sharedOn);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    const found: Problem[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$/.test(occurredOn)) found.push({ field: 'occurredOn', message: 'Enter the date the learning happened' });
    else if (occurredOn > today()) found.push({ field: 'occurredOn', message: 'The date cannot be in the future' });
    if (!text.learningQuestion.trim()) found.push({ field: 'learningQuestion', message: 'Write the learning question it answers' });
    if (!text.whatHappened.trim()) found.push({ field: 'whatHappened', message: 'Write what happened' });
    if (!text.insight.trim()) found.push({ field: 'insight', message: 'Write what you learned' });
    for (const [field, limit] of Object.entries(LIMITS)) {
      if (text[field as keyof typeof text].trim().length > limit) found.push({ field, message: `Shorten ${SUBJECTS[field].toLowerCase()} to ${limit} characters or fewer` });
    }
    setProblems(found);
    if (found.length > 0) return;
    const result = await record({
      commandId,
      input: {
        occurredOn,
        learningQuestion: text.learningQuestion.trim(),
        whatHappened: text.whatHappened.trim(),
        insight: text.insight.trim(),
        decision: text.decision.trim() || null,
        experiment: text.experiment.trim() || null,
        themeIds,
        reportIds,
      },
    });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: 'Saving did not work. Try again: nothing is recorded twice.', problems: [] };
      const { summary } = fieldErrors(failure.problems, SUBJECTS);
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    navigate('/learning', { state: { notice: `Reflection saved, dated ${formatDay(occurredOn)}. It is on the learning timeline below.` } });
  }

  return (
    <>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id="learningQuestion"
          label="The learning question"
          hint="What the organisation wanted to find out, such as “Does a named contact through a move keep people engaged?”"
          value={text.learningQuestion}
          onChange={set('learningQuestion')}
          error={byField.learningQuestion}
          maxLength={LIMITS.learningQuestion}
        />
        <TextField id="occurredOn" label="When it happened" type="date" max={today()} value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} error={byField.occurredOn} className="field--date" />
        <TextArea id="whatHappened" label="What happened" hint="Leave out names and anything that would identify a person." value={text.whatHappened} onChange={set('whatHappened')} error={byField.whatHappened} maxLength={LIMITS.whatHappened} />
        <TextArea id="insight" label="What we learned" value={text.insight} onChange={set('insight')} error={byField.insight} maxLength={LIMITS.insight} />
        <TextArea id="decision" label="What we decided (optional)" value={text.decision} onChange={set('decision')} error={byField.decision} maxLength={LIMITS.decision} rows={3} />
        <TextArea
          id="experiment"
          label="What we will try next (optional)"
          hint="“We will try…”: the experiment that follows from it."
          value={text.experiment}
          onChange={set('experiment')}
          error={byField.experiment}
          maxLength={LIMITS.experiment}
          rows={3}
        />
        {themes.length > 0 ? (
          <CheckboxGroup
            id="themeIds"
            name="themeIds"
            legend="Themes it draws on (optional)"
            options={themes.map((t) => ({ value: t.id, label: t.name }))}
            values={themeIds}
            onChange={setThemeIds}
            error={byField.themeIds}
          />
        ) : null}
        {shared.length > 0 ? (
          <CheckboxGroup
            id="reportIds"
            name="reportIds"
            legend="Feedback reports it draws on (optional)"
            options={shared.map((r) => ({ value: r.id, label: `${r.title} (shared ${formatDay(r.sharedOn)})` }))}
            values={reportIds}
            onChange={setReportIds}
            error={byField.reportIds}
          />
        ) : null}
        <Button type="submit" busy={fetching}>
          Save reflection
        </Button>
      </form>
    </>
  );
}
