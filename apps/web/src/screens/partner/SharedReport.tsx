import { type FormEvent, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { SelectField, TextArea, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay, today, uuid } from '../../lib/dates.js';
import { Announce } from './Announce.js';
import { ActionList, type Report, type ReportAction, ReportContent, ReportDownloads, ReportFacts } from './ReportParts.js';

const PartnerReportDocument = graphql(`
  query PartnerReport($id: ID!) {
    report(id: $id) {
      ...ReportDetail
    }
  }
`);

const PartnerAcknowledgeDocument = graphql(`
  mutation PartnerAcknowledgeReport($commandId: ID!, $reportId: ID!) {
    acknowledgeReport(commandId: $commandId, reportId: $reportId) {
      id
    }
  }
`);

const PartnerRespondDocument = graphql(`
  mutation PartnerRespondToReport($commandId: ID!, $input: RespondToReportInput!) {
    respondToReport(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const PartnerAgreeActionDocument = graphql(`
  mutation PartnerAgreeReportAction($commandId: ID!, $input: AgreeReportActionInput!) {
    agreeReportAction(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const PartnerMarkDoneDocument = graphql(`
  mutation PartnerMarkReportActionDone($commandId: ID!, $input: MarkReportActionDoneInput!) {
    markReportActionDone(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const SAVE_FAILED = 'Saving did not work. Try again: nothing is recorded twice.';
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/**
 * One report shared with the partner's service: its content, then the service's answer —
 * acknowledge it, respond (once), agree what will change, and mark each change done — and what
 * coaches' later observations showed.
 */
export function SharedReport() {
  const { reportId = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: PartnerReportDocument, variables: { id: reportId }, requestPolicy: 'cache-and-network' });
  const report = data?.report;
  const reload = () => refetch({ requestPolicy: 'network-only' });
  const missing = error && ['NOT_FOUND', 'FORBIDDEN'].includes(failureOf(error).code);
  return (
    <Page title={report ? report.title : 'A shared report'} back={{ to: '/shared-reports', label: 'Reports shared with your service' }} wide>
      {error && !report ? (
        <ErrorAlert>
          {missing ? 'No report at this address has been shared with your service. Go back to the list and open one from there.' : failureOf(error).message}
        </ErrorAlert>
      ) : null}
      {!report && !error ? <Loading what="the report" /> : null}
      {report ? <ReportWithAnswers report={report} reload={reload} /> : null}
    </Page>
  );
}

function ReportWithAnswers({ report, reload }: { readonly report: Report; readonly reload: () => void }) {
  const [notice, setNotice] = useState<{ text: string; n: number }>();
  const announce = (text: string) => setNotice((old) => ({ text, n: (old?.n ?? 0) + 1 }));
  // Two forms, one error summary at a time (the summary's heading id is fixed): the last form sent shows its own.
  const [summaryOf, setSummaryOf] = useState<string>();
  return (
    <>
      <ReportFacts report={report} />
      <ReportDownloads reportId={report.id} />
      {notice ? (
        <Announce id={notice.n}>
          <p>{notice.text}</p>
        </Announce>
      ) : null}
      <section className="section section--answer" aria-labelledby="answer-heading">
        <h2 id="answer-heading">Your service’s answer</h2>
        <Acknowledge
          report={report}
          onDone={() => {
            announce('Thank you: the report is marked as received.');
            reload();
          }}
        />
        <Respond
          report={report}
          summary={summaryOf === 'respond'}
          onSubmit={() => setSummaryOf('respond')}
          onDone={() => {
            announce('Your response is sent. You can now agree the changes you will make.');
            reload();
          }}
        />
      </section>
      <ReportContent report={report} />
      <section className="section" aria-labelledby="actions-heading">
        <h2 id="actions-heading">Changes agreed</h2>
        {report.actions.length === 0 ? (
          <p>No change has been agreed yet. Agree one below: what will change, who will do it and by when.</p>
        ) : (
          <ActionList
            report={report}
            renderDone={(action) => (
              <MarkDone
                report={report}
                action={action}
                onDone={(on) => {
                  announce(`Marked done on ${formatDay(on)}: “${action.what}”.`);
                  reload();
                }}
              />
            )}
          />
        )}
        <AgreeAction
          report={report}
          summary={summaryOf === 'agree'}
          onSubmit={() => setSummaryOf('agree')}
          onDone={(what) => {
            announce(`Change agreed: “${what}”.`);
            reload();
          }}
        />
      </section>
    </>
  );
}

function Acknowledge({ report, onDone }: { readonly report: Report; readonly onDone: () => void }) {
  const [commandId, setCommandId] = useState(uuid);
  const [problem, setProblem] = useState<string>();
  const [{ fetching }, acknowledge] = useMutation(PartnerAcknowledgeDocument);
  if (report.acknowledgedAt) return <p>You acknowledged this report on {formatDay(report.acknowledgedAt)}.</p>;
  return (
    <div className="answer-step">
      <p>Let the coaches’ organisation know your service has received this report.</p>
      {problem ? <ErrorAlert>{problem}</ErrorAlert> : null}
      <Button
        type="button"
        busy={fetching}
        onClick={async () => {
          const result = await acknowledge({ commandId, reportId: report.id });
          if (result.error || !result.data) {
            setProblem(result.error ? failureOf(result.error).message : SAVE_FAILED);
            return;
          }
          setProblem(undefined);
          setCommandId(uuid());
          onDone();
        }}
      >
        Acknowledge receipt
      </Button>
    </div>
  );
}

interface FormProps {
  readonly report: Report;
  /** Whether this form's problems go in an error summary (only one form's at a time). */
  readonly summary: boolean;
  readonly onSubmit: () => void;
}

function Respond({ report, summary, onSubmit, onDone }: FormProps & { readonly onDone: () => void }) {
  const [commandId, setCommandId] = useState(uuid);
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, respond] = useMutation(PartnerRespondDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);
  if (report.respondedAt) {
    return (
      <div className="answer-step">
        <h3>Your response, sent on {formatDay(report.respondedAt)}</h3>
        <blockquote className="response">
          {(report.response ?? '').split('\n').map((line, index) => (
            <p key={index}>{line}</p>
          ))}
        </blockquote>
      </div>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    onSubmit();
    const found: Problem[] = [];
    if (!text.trim()) found.push({ field: 'response', message: 'Write your response to the report' });
    else if (text.trim().length > 4000) found.push({ field: 'response', message: 'Shorten your response to 4000 characters or fewer' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await respond({ commandId, input: { reportId: report.id, response: text.trim() } });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: SAVE_FAILED, problems: [] };
      const { summary } = fieldErrors(failure.problems, { response: 'Your response' });
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    setCommandId(uuid());
    setText('');
    onDone();
  }

  return (
    <form className="form answer-step" onSubmit={submit} noValidate>
      <ErrorSummary problems={summary ? problems : []} />
      <TextArea
        id="response"
        label="Your response"
        hint="What your service makes of the report and what it will look at. You respond once; the changes you agree are added below, as many as you like."
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={byField.response}
        maxLength={4000}
        rows={5}
      />
      <Button type="submit" busy={fetching} busyLabel="Sending…">
        Send response
      </Button>
    </form>
  );
}

const ACTION_FIELDS: Record<string, string> = { what: 'What will change', owner: 'Who will do it', dueOn: 'By when', themeId: 'The theme', agreedOn: 'The date agreed' };

function AgreeAction({ report, summary, onSubmit, onDone }: FormProps & { readonly onDone: (what: string) => void }) {
  const [commandId, setCommandId] = useState(uuid);
  const [what, setWhat] = useState('');
  const [owner, setOwner] = useState('');
  const [dueOn, setDueOn] = useState('');
  const [themeId, setThemeId] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, agree] = useMutation(PartnerAgreeActionDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    onSubmit();
    const found: Problem[] = [];
    if (what.trim().length < 3) found.push({ field: 'action-what', message: 'Write what will change, in at least 3 characters' });
    else if (what.trim().length > 500) found.push({ field: 'action-what', message: 'Shorten what will change to 500 characters or fewer' });
    if (!owner.trim()) found.push({ field: 'action-owner', message: 'Write who at your service will do it: a role or a team' });
    if (!isDay(dueOn)) found.push({ field: 'action-dueOn', message: 'Enter the date it will be done by' });
    else if (dueOn < today()) found.push({ field: 'action-dueOn', message: 'The date it will be done by cannot be before today' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await agree({
      commandId,
      input: { reportId: report.id, what: what.trim(), owner: owner.trim(), dueOn, themeId: themeId || null, agreedOn: today() },
    });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: SAVE_FAILED, problems: [] };
      const { summary } = fieldErrors(failure.problems, ACTION_FIELDS, { what: 'action-what', owner: 'action-owner', dueOn: 'action-dueOn', themeId: 'action-themeId', agreedOn: 'action-dueOn' });
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    const agreed = what.trim();
    setCommandId(uuid());
    setWhat('');
    setOwner('');
    setDueOn('');
    setThemeId('');
    onDone(agreed);
  }

  return (
    <form className="form agree-form" onSubmit={submit} noValidate aria-labelledby="agree-heading">
      <h3 id="agree-heading">Agree a change</h3>
      <ErrorSummary problems={summary ? problems : []} />
      <TextField id="action-what" label="What will change" value={what} onChange={(e) => setWhat(e.target.value)} error={byField['action-what']} maxLength={500} />
      <TextField
        id="action-owner"
        label="Who will do it"
        hint="A role or a team at your service, such as “Housing options team lead”."
        value={owner}
        onChange={(e) => setOwner(e.target.value)}
        error={byField['action-owner']}
        maxLength={200}
      />
      <TextField
        id="action-dueOn"
        label="By when"
        type="date"
        min={today()}
        value={dueOn}
        onChange={(e) => setDueOn(e.target.value)}
        error={byField['action-dueOn']}
        className="field--date"
      />
      <SelectField
        id="action-themeId"
        label="The theme it answers (optional)"
        hint="Name one, and coaches’ later observations can show whether the theme fell after the change."
        placeholder="No particular theme"
        options={report.content.themes.map((t) => ({ value: t.themeId, label: t.name }))}
        value={themeId}
        onChange={(e) => setThemeId(e.target.value)}
        error={byField['action-themeId']}
      />
      <Button type="submit" busy={fetching}>
        Agree this change
      </Button>
    </form>
  );
}

function MarkDone({ report, action, onDone }: { readonly report: Report; readonly action: ReportAction; readonly onDone: (on: string) => void }) {
  const [commandId, setCommandId] = useState(uuid);
  const [doneOn, setDoneOn] = useState(today());
  const [problem, setProblem] = useState<string>();
  const [{ fetching }, markDone] = useMutation(PartnerMarkDoneDocument);
  const id = `done-${action.id}`;

  // One field: its message is the summary, and focus goes to it so that the message is read.
  const fail = (message: string) => {
    setProblem(message);
    document.getElementById(id)?.focus();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    if (!isDay(doneOn)) return fail('Enter the date it was done');
    if (doneOn > today()) return fail('The date it was done cannot be in the future');
    if (doneOn < action.agreedOn) return fail(`The date it was done cannot be before it was agreed (${formatDay(action.agreedOn)})`);
    const result = await markDone({ commandId, input: { reportId: report.id, actionId: action.id, doneOn } });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: SAVE_FAILED, problems: [] };
      fail(failure.problems[0] ? `The date it was done ${failure.problems[0].message}` : failure.message);
      return;
    }
    setProblem(undefined);
    setCommandId(uuid());
    onDone(doneOn);
  }

  return (
    <form className="done-form" onSubmit={submit} noValidate aria-label={`Mark done: ${action.what}`}>
      <TextField
        id={id}
        label="Done on"
        type="date"
        min={action.agreedOn}
        max={today()}
        value={doneOn}
        onChange={(e) => setDoneOn(e.target.value)}
        error={problem}
        className="field--date"
      />
      <Button type="submit" variant="secondary" busy={fetching}>
        Mark done
      </Button>
    </form>
  );
}
