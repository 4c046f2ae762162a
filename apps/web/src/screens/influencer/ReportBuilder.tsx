import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { InfluencerReportQuery, ReportAudience } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading, Notice } from '../../components/Feedback.js';
import { Checkbox, CheckboxGroup, RadioGroup, TextArea, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay, today } from '../../lib/dates.js';
import { REPORTS, useCommand } from '../../api/command.js';
import { useDirectory } from './lookups.js';
import { ReportContent } from './ReportContent.js';
import { AddressedTo } from './Reports.js';
import { ServiceFinder, type ServiceChosen } from './ServiceFinder.js';
import { dayBefore, excerpt } from './words.js';

const ReportDocument = graphql(`
  query InfluencerReport($id: ID!) {
    report(id: $id) {
      ...InfluencerReportListFields
      organisationIds
      revision
      whatMightHelp
      sharedAt
      response
      quoteObservationIds
      quoteCandidates {
        observationId
        text
        occurredOn
        categoryId
        themeNames
        chosen
      }
      actions {
        id
        what
        owner
        dueOn
        doneOn
        status
        overdue
        lastCheck {
          outcome
        }
      }
      content {
        ...ReportContentFields
      }
    }
  }
`);

const DraftReportDocument = graphql(`
  mutation InfluencerDraftReport($commandId: ID, $input: DraftReportInput!) {
    draftReport(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const EditReportDocument = graphql(`
  mutation InfluencerEditReport($commandId: ID, $expectedRevision: Int, $input: EditReportInput!) {
    editReport(commandId: $commandId, expectedRevision: $expectedRevision, input: $input) {
      id
      revision
    }
  }
`);

const ShareReportDocument = graphql(`
  mutation InfluencerShareReport($commandId: ID, $expectedRevision: Int, $reportId: ID!) {
    shareReport(commandId: $commandId, expectedRevision: $expectedRevision, reportId: $reportId) {
      id
    }
  }
`);

const DiscardReportDocument = graphql(`
  mutation InfluencerDiscardReport($commandId: ID, $expectedRevision: Int, $reportId: ID!) {
    discardReport(commandId: $commandId, expectedRevision: $expectedRevision, reportId: $reportId) {
      id
    }
  }
`);

type Report = InfluencerReportQuery['report'];

const SUBJECTS: Record<string, string> = {
  audience: 'Who it is for',
  organisationId: 'The service',
  areaIds: 'The areas',
  from: 'The first day',
  to: 'The last day',
  title: 'The title',
  whatMightHelp: 'What might help',
  quoteObservationIds: 'The quotes',
};
const FORM_FIELD: Record<string, string> = { organisationId: 'report-service', areaIds: 'report-areas', from: 'report-from', to: 'report-to', title: 'report-title', whatMightHelp: 'report-help', audience: 'report-audience', quoteObservationIds: 'report-quotes' };

const isDay = (text: string) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text));

/** Checks a period as the API will: both days, in order, the last not in the future. */
function periodProblems(from: string, to: string): Problem[] {
  const found: Problem[] = [];
  if (!isDay(from)) found.push({ field: 'report-from', message: 'Enter the first day of the period' });
  if (!isDay(to)) found.push({ field: 'report-to', message: 'Enter the last day of the period' });
  else if (to > today()) found.push({ field: 'report-to', message: 'The last day cannot be in the future' });
  if (isDay(from) && isDay(to) && from > to) found.push({ field: 'report-from', message: 'The first day must be on or before the last day' });
  return found;
}

/**
 * Start a feedback report: for a service (found by name) or for a commissioner's areas, over a
 * period. It is saved as a draft, whose page shows the preview and where quotes are chosen.
 */
export function NewReport() {
  const navigate = useNavigate();
  const directory = useDirectory();
  const [audience, setAudience] = useState<ReportAudience>();
  const [service, setService] = useState<ServiceChosen>();
  const [areaIds, setAreaIds] = useState<string[]>([]);
  const [from, setFrom] = useState(dayBefore(today(), 90));
  const [to, setTo] = useState(today());
  const [title, setTitle] = useState('');
  const [whatMightHelp, setWhatMightHelp] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [drafting, draft] = useCommand(DraftReportDocument, REPORTS);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);
  const suggestedTitle =
    audience === 'ORGANISATION' && service
      ? `What coaches saw: ${service.name}`
      : audience === 'COMMISSIONER' && areaIds.length > 0
        ? `What coaches saw in ${areaIds.map((id) => directory.areaName(id)).join(', ')}`
        : '';

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const finalTitle = (title.trim() || suggestedTitle).trim();
    const found: Problem[] = [];
    if (!audience) found.push({ field: 'report-audience', message: 'Choose who the report is for' });
    if (audience === 'ORGANISATION' && !service) found.push({ field: 'report-service', message: 'Find the service by name and choose it' });
    if (audience === 'COMMISSIONER' && areaIds.length === 0) found.push({ field: 'report-areas', message: 'Choose at least one area the commissioner covers' });
    found.push(...periodProblems(from, to));
    // Left empty, the title is made from the service or areas chosen: only a title typed can be wrong.
    if ((title.trim() || suggestedTitle) && (finalTitle.length < 3 || finalTitle.length > 160)) {
      found.push({ field: 'report-title', message: 'Give the report a title of 3 to 160 characters' });
    }
    setProblems(found);
    if (found.length > 0) return;
    const result = await draft({
      input: {
        audience: audience!,
        organisationId: audience === 'ORGANISATION' ? service!.id : null,
        areaIds: audience === 'COMMISSIONER' ? areaIds : null,
        from,
        to,
        title: finalTitle,
        whatMightHelp: whatMightHelp.trim() || null,
      },
    });
    if (!result.ok) {
      const { summary } = fieldErrors(result.failure.problems, SUBJECTS, FORM_FIELD);
      setProblems(summary.length > 0 ? summary : [{ message: result.failure.message }]);
      return;
    }
    navigate(`/reports/${result.data.draftReport.id}`, { state: { notice: 'Draft started. Check the preview, choose any quotes, then share it when it is ready.' } });
  };

  return (
    <Page title="Start a feedback report" back={{ to: '/reports', label: 'Feedback reports' }}>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <RadioGroup
          id="report-audience"
          name="report-audience"
          legend="Who is it for?"
          options={[
            { value: 'ORGANISATION', label: 'A service', hint: 'It sees feedback about itself (and the services below it) only.' },
            { value: 'COMMISSIONER', label: 'A commissioner', hint: 'Area-wide, across the services in the areas they cover.' },
          ]}
          value={audience}
          onChange={(value) => setAudience(value as ReportAudience)}
          error={byField['report-audience']}
        />
        {audience === 'ORGANISATION' ? <ServiceFinder id="report-service" label="Which service?" value={service} onChange={setService} error={byField['report-service']} /> : null}
        {audience === 'COMMISSIONER' ? (
          <CheckboxGroup
            id="report-areas"
            name="report-areas"
            legend="Which areas?"
            options={directory.areas.map((a) => ({ value: a.id, label: a.name }))}
            values={areaIds}
            onChange={setAreaIds}
            error={byField['report-areas']}
          />
        ) : null}
        <fieldset className="fieldset field">
          <legend className="field__label">The period</legend>
          <p className="field__hint">Observations that happened in it are counted, and compared with the period of the same length before.</p>
          <div className="filters__grid">
            <TextField id="report-from" label="First day" type="date" max={today()} value={from} onChange={(e) => setFrom(e.target.value)} error={byField['report-from']} />
            <TextField id="report-to" label="Last day" type="date" max={today()} value={to} onChange={(e) => setTo(e.target.value)} error={byField['report-to']} />
          </div>
        </fieldset>
        <TextField
          id="report-title"
          label="Title"
          hint={suggestedTitle ? `Left empty, it is “${suggestedTitle}”.` : '3 to 160 characters.'}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={byField['report-title']}
          maxLength={160}
        />
        <TextArea
          id="report-help"
          label="What might help (optional)"
          hint="Constructive suggestions for the service. You can write or change this on the draft."
          value={whatMightHelp}
          onChange={(e) => setWhatMightHelp(e.target.value)}
          error={byField['report-help']}
          maxLength={4000}
          rows={5}
        />
        <Button type="submit" busy={drafting} busyLabel="Saving the draft…">
          Save the draft
        </Button>
      </form>
    </Page>
  );
}

/** A report: while a draft, its editor with the preview and sharing; once shared, the frozen report. */
export function ReportPage() {
  const { reportId = '' } = useParams();
  const [{ data, error }] = useQuery({ query: ReportDocument, variables: { id: reportId }, requestPolicy: 'cache-and-network' });
  const report = data?.report;
  return (
    <Page title={report?.status === 'DRAFT' ? 'A draft report' : 'A feedback report'} heading={report?.title ?? 'A feedback report'} back={{ to: '/reports', label: 'Feedback reports' }} wide>
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && !error ? <Loading what="the report" /> : null}
      {report ? (
        <>
          <p className="report-for">
            For <AddressedTo report={report} />, {formatDay(report.from)} to {formatDay(report.to)}.{' '}
            {report.status === 'DRAFT' ? <span className="badge badge--draft">Draft</span> : null}
            {report.status === 'DISCARDED' ? <span className="badge">Discarded</span> : null}
          </p>
          {report.status === 'DRAFT' ? <DraftReport key={report.id} report={report} /> : null}
          {report.status === 'SHARED' ? <SharedReport report={report} /> : null}
          {report.status === 'DISCARDED' ? (
            <Notice kind="info">
              <p>
                This draft was discarded and was never shared. <Link to="/reports/new">Start a new report</Link> if one is still needed.
              </p>
            </Notice>
          ) : null}
        </>
      ) : null}
    </Page>
  );
}

function DraftReport({ report }: { readonly report: Report }) {
  const [title, setTitle] = useState(report.title);
  const [from, setFrom] = useState(report.from);
  const [to, setTo] = useState(report.to);
  const [whatMightHelp, setWhatMightHelp] = useState(report.whatMightHelp);
  const [quotes, setQuotes] = useState<string[]>([...report.quoteObservationIds]);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [notice, setNotice] = useState<string>();
  const [saving, edit] = useCommand(EditReportDocument, REPORTS);
  const navigate = useNavigate();
  const location = useLocation();
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);
  const dirty =
    title !== report.title || from !== report.from || to !== report.to || whatMightHelp !== report.whatMightHelp || quotes.join() !== report.quoteObservationIds.join();

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const found = periodProblems(from, to);
    if (title.trim().length < 3 || title.trim().length > 160) found.push({ field: 'report-title', message: 'Give the report a title of 3 to 160 characters' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await edit({
      expectedRevision: report.revision,
      input: { reportId: report.id, title: title.trim(), from, to, whatMightHelp: whatMightHelp.trim(), quoteObservationIds: quotes },
    });
    if (!result.ok) {
      const { summary } = fieldErrors(result.failure.problems, SUBJECTS, FORM_FIELD);
      setProblems(
        summary.length > 0
          ? summary
          : [{ message: result.failure.code === 'CONFLICT' ? `${result.failure.message} Reload the page to see the latest draft; your changes here are not saved.` : result.failure.message }],
      );
      return;
    }
    setTitle(title.trim());
    setWhatMightHelp(whatMightHelp.trim());
    setNotice('Draft saved. The preview shows it as it would be shared now.');
    // The notice that the draft was started has served its turn.
    navigate(location.pathname, { replace: true, state: null });
  };

  return (
    <div className="report-layout">
      <section className="section" aria-labelledby="edit-heading">
        <h2 id="edit-heading">The draft</h2>
        {notice && !dirty ? <Notice>{notice}</Notice> : null}
        <ErrorSummary problems={problems} />
        <form className="form" onSubmit={save} noValidate>
          <TextField id="report-title" label="Title" value={title} onChange={(e) => setTitle(e.target.value)} error={byField['report-title']} maxLength={160} />
          <div className="filters__grid">
            <TextField id="report-from" label="First day" type="date" max={today()} value={from} onChange={(e) => setFrom(e.target.value)} error={byField['report-from']} />
            <TextField id="report-to" label="Last day" type="date" max={today()} value={to} onChange={(e) => setTo(e.target.value)} error={byField['report-to']} />
          </div>
          {report.quoteCandidates.length === 0 ? (
            <div className="field" id="report-quotes">
              <p className="field__label">Quotes</p>
              <p className="aside">
                No approved quotes about this service from the period. Quotes can be included once approved on <Link to="/quotes">Quotes to approve</Link>.
              </p>
            </div>
          ) : (
            <CheckboxGroup
              id="report-quotes"
              name="report-quotes"
              legend="Quotes to include"
              hint="Approved quotes about this service from the period, names and places already taken out. Up to 20, in the order chosen."
              options={report.quoteCandidates.map((q) => ({
                value: q.observationId,
                label: (
                  <>
                    “{excerpt(q.text, 300)}”
                    <span className="choice__hint">
                      {formatDay(q.occurredOn)}
                      {q.themeNames.length > 0 ? ` · ${q.themeNames.join(', ')}` : ''}
                    </span>
                  </>
                ),
              }))}
              values={quotes}
              onChange={setQuotes}
              error={byField['report-quotes']}
            />
          )}
          <TextArea
            id="report-help"
            label="What might help"
            hint="Constructive suggestions, in plain words. Leave a blank line between paragraphs."
            value={whatMightHelp}
            onChange={(e) => setWhatMightHelp(e.target.value)}
            error={byField['report-help']}
            maxLength={4000}
            rows={6}
          />
          <Button type="submit" busy={saving}>
            Save the draft
          </Button>
        </form>
      </section>
      <section className="section preview" aria-labelledby="preview-heading">
        <h2 id="preview-heading">Preview: what would be shared now</h2>
        {dirty ? (
          <Notice kind="warning">
            <p>You have changes that are not saved yet. The preview shows the draft as last saved.</p>
          </Notice>
        ) : null}
        <ReportContent content={report.content} headingLevel={3} />
      </section>
      <ShareReport report={report} dirty={dirty} />
      <DiscardReport report={report} />
    </div>
  );
}

function ShareReport({ report, dirty }: { readonly report: Report; readonly dirty: boolean }) {
  const [asking, setAsking] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [sharing, share] = useCommand(ShareReportDocument, REPORTS);
  const navigate = useNavigate();
  const location = useLocation();
  const question = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  const content = report.content;
  const quotes = content.quotes.filter((q) => !q.removed).length;
  const service = report.audience === 'ORGANISATION';

  const confirm = async () => {
    const result = await share({ expectedRevision: report.revision, reportId: report.id });
    if (!result.ok) {
      setProblems([{ message: result.failure.code === 'CONFLICT' ? `${result.failure.message} Reload the page to see the latest draft before sharing.` : result.failure.message }]);
      return;
    }
    setAsking(false);
    navigate(location.pathname, {
      replace: true,
      state: { notice: 'Shared. They can read it when they sign in, and are asked to respond by the date below.' },
    });
  };

  return (
    <section className="section" aria-labelledby="share-heading">
      <h2 id="share-heading">Share</h2>
      <ErrorSummary problems={problems} />
      {dirty ? (
        <p>Save your changes first: the report is shared as it was last saved.</p>
      ) : !asking ? (
        <>
          <p>
            When it is ready, share it with <AddressedTo report={report} />. Once shared, it cannot be changed.
          </p>
          <Button type="button" onClick={() => setAsking(true)}>
            Share the report…
          </Button>
        </>
      ) : (
        <div className="confirm" role="group" aria-labelledby="confirm-heading">
          <h3 id="confirm-heading" tabIndex={-1} ref={question}>
            Share it with <AddressedTo report={report} />?
          </h3>
          <p>{service ? 'The service' : 'The commissioner'} will see, when they sign in to Learning Loop:</p>
          <ul>
            <li>
              the title, and the period from {formatDay(report.from)} to {formatDay(report.to)};
            </li>
            <li>
              {content.themes.length === 1 ? 'one theme with its count' : `${content.themes.length} themes with their counts`}, compared with the period before
              (counts below {content.threshold} shown only as “fewer than {content.threshold}”);
            </li>
            <li>what the barriers led to, and the bright spots: what worked;</li>
            <li>{quotes === 0 ? 'no quotes' : quotes === 1 ? 'one quote, as approved' : `${quotes} quotes, as approved`};</li>
            <li>what might help{report.whatMightHelp.trim() ? '' : ' (not written yet)'}.</li>
          </ul>
          <p>
            They never see a person’s name or how much it affected the person{service ? ', nor anything about other services' : ''}.
            They are asked to respond by a date a set number of working days from today. The report is frozen as it is now: it cannot
            be changed after.
          </p>
          <div className="button-row">
            <Button type="button" busy={sharing} busyLabel="Sharing…" onClick={confirm}>
              Yes, share it now
            </Button>
            <Button type="button" variant="secondary" onClick={() => setAsking(false)}>
              Not yet
            </Button>
          </div>
        </div>
      )}
    </section>
  );
}

function DiscardReport({ report }: { readonly report: Report }) {
  const [sure, setSure] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [discarding, discard] = useCommand(DiscardReportDocument, REPORTS);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!sure) {
      setProblems([{ field: 'discard-sure', message: 'Tick to confirm the draft should be discarded' }]);
      return;
    }
    const result = await discard({ expectedRevision: report.revision, reportId: report.id });
    if (!result.ok) setProblems([{ message: result.failure.message }]);
  };
  return (
    <details className="more">
      <summary>Discard this draft</summary>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorSummary problems={problems} />
        <Checkbox
          id="discard-sure"
          label="Yes, discard it: it will not be shared"
          checked={sure}
          onChange={setSure}
          error={problems.find((p) => p.field === 'discard-sure')?.message}
        />
        <Button type="submit" variant="secondary" busy={discarding} busyLabel="Discarding…">
          Discard the draft
        </Button>
      </form>
    </details>
  );
}

const OUTCOMES: Record<string, string> = {
  CLOSED: 'it fell clearly: the loop is closed',
  NOT_YET_CLEAR: 'not yet clear',
  REOPENED: 'it rose again: the theme is re-opened',
};

function SharedReport({ report }: { readonly report: Report }) {
  return (
    <>
      <Notice kind="info">
        <p>
          Shared on {formatDay(report.sharedOn)}. This is the report as it was shared: it no longer changes.
        </p>
      </Notice>
      <ul className="actions">
        <li>
          <a className="button button--secondary" href={`/reports/${report.id}/print`}>
            Printable page<span className="visually-hidden"> of this report</span>
          </a>
        </li>
        <li>
          <a className="button button--secondary" href={`/reports/${report.id}/figures.csv`} download>
            Figures as CSV<span className="visually-hidden"> for this report</span>
          </a>
        </li>
      </ul>
      <section className="section" aria-labelledby="answer-heading">
        <h2 id="answer-heading">How they answered</h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>Asked to respond by</dt>
            <dd>
              {formatDay(report.responseDueOn)} {report.overdue ? <span className="badge badge--overdue">Overdue</span> : null}
            </dd>
          </div>
          <div className="facts__row">
            <dt>Received</dt>
            <dd>{report.acknowledgedAt ? formatDay(report.acknowledgedAt) : 'Not acknowledged yet'}</dd>
          </div>
          <div className="facts__row">
            <dt>Response</dt>
            <dd>{report.respondedAt ? <>On {formatDay(report.respondedAt)}:</> : 'None yet'}</dd>
          </div>
        </dl>
        {report.response ? <blockquote className="quote">{report.response}</blockquote> : null}
        <h3>Actions they agreed</h3>
        {report.actions.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <ul className="entries">
            {report.actions.map((action) => (
              <li className="entry" key={action.id}>
                <p className="entry__title">{action.what}</p>
                <p className="entry__meta">
                  {action.owner} · due {formatDay(action.dueOn)} ·{' '}
                  {action.status === 'DONE' ? `done ${formatDay(action.doneOn)}` : action.overdue ? 'overdue' : 'agreed'}
                  {action.lastCheck ? ` · change checked: ${OUTCOMES[action.lastCheck.outcome] ?? action.lastCheck.outcome}` : ''}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="content-heading">
        <h2 id="content-heading">The report as shared</h2>
        <ReportContent content={report.content} headingLevel={3} />
      </section>
    </>
  );
}
