import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { failureOf, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { InfluencerQuotesQuery, QuoteApprovalFilter } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { TextArea } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay } from '../../lib/dates.js';
import { OBSERVATIONS, REPORTS, useCommand } from '../../api/command.js';
import { useDirectory } from './lookups.js';
import { ServiceOf } from './ObservationCard.js';
import { Answered } from './parts.js';
import { kindLabel, redactionProblem } from './words.js';

const QuotesDocument = graphql(`
  query InfluencerQuotes($approval: QuoteApprovalFilter!, $after: String) {
    observations(filter: { quoteApproval: $approval }, first: 20, after: $after) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          ...InfluencerObservationFields
          quote
          approvedQuote
          revision
        }
      }
    }
  }
`);

const ApproveQuoteDocument = graphql(`
  mutation InfluencerApproveQuote($commandId: ID, $expectedRevision: Int, $input: ApproveQuoteInput!) {
    approveQuote(commandId: $commandId, expectedRevision: $expectedRevision, input: $input) {
      id
    }
  }
`);

const WithdrawQuoteApprovalDocument = graphql(`
  mutation InfluencerWithdrawQuoteApproval($commandId: ID, $expectedRevision: Int, $input: WithdrawQuoteApprovalInput!) {
    withdrawQuoteApproval(commandId: $commandId, expectedRevision: $expectedRevision, input: $input) {
      id
    }
  }
`);

type QuoteObservation = InfluencerQuotesQuery['observations']['edges'][number]['node'];

/**
 * Quotes in people's own words, shared only with their consent and only once an influencer has
 * taken out anything that could identify them. Waiting ones first: the words as the coach wrote
 * them, and a copy to take names and places out of; then the approved ones, each with a way to
 * withdraw the approval.
 */
export function QuoteApproval() {
  return (
    <Page title="Quotes to approve" wide>
      <div className="rule">
        <h2 className="rule__title">The rule for taking words out</h2>
        <p>
          Only remove words, or replace them with a short placeholder in square brackets, such as [name], [a town] or [the hospital].
          Do not add, change or reorder words: these are the person’s own words. Take out names of people and places, dates, and any
          detail that could point to them.
        </p>
        <p>The person agreed to their words being shared anonymised. If they change their mind, the quote disappears from here and from every report.</p>
      </div>
      <QuoteList approval="PENDING" />
      <QuoteList approval="APPROVED" />
    </Page>
  );
}

function QuoteList({ approval }: { readonly approval: QuoteApprovalFilter }) {
  // What was just done here: the quote itself moves to the other list, so the message stays here.
  const [answered, setAnswered] = useState<{ message: string; n: number }>();
  const onDone = (message: string) => setAnswered((a) => ({ message, n: (a?.n ?? 0) + 1 }));
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const after = cursors[cursors.length - 1];
  const [{ data, error, fetching }, refetch] = useQuery({ query: QuotesDocument, variables: { approval, after }, requestPolicy: 'cache-and-network' });
  const pending = approval === 'PENDING';
  const headingId = pending ? 'pending-heading' : 'approved-heading';
  const items = data?.observations.edges.map((e) => e.node) ?? [];
  const total = data?.observations.totalCount ?? 0;
  return (
    <section className="section" aria-labelledby={headingId}>
      <h2 id={headingId}>{pending ? 'Waiting for approval' : 'Approved for sharing'}</h2>
      {answered ? <Answered key={answered.n} message={answered.message} /> : null}
      {error && !data ? (
        <>
          <ErrorAlert>{failureOf(error).message}</ErrorAlert>
          <Button type="button" variant="secondary" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Try again
          </Button>
        </>
      ) : null}
      {!data && fetching ? <Loading what={pending ? 'quotes waiting' : 'approved quotes'} /> : null}
      {data && total === 0 ? (
        pending ? (
          <div className="empty">
            <p>No quotes are waiting. Quotes appear here when a coach records a person’s words and the person agreed to share them.</p>
          </div>
        ) : (
          <p>None approved yet. Approved quotes can be chosen for feedback reports.</p>
        )
      ) : null}
      {data && total > 0 ? (
        <>
          <p className="results-count" role="status">
            {total === 1 ? 'One quote' : `${total} quotes`}
            {total > items.length ? `; ${cursors.length === 1 ? 'the newest' : 'these'} ${items.length} shown` : ''}.
          </p>
          <ul className="quotes">
            {items.map((observation) => (
              <li key={observation.id}>{pending ? <PendingQuote observation={observation} onDone={onDone} /> : <ApprovedQuote observation={observation} onDone={onDone} />}</li>
            ))}
          </ul>
          <div className="button-row">
            {cursors.length > 1 ? (
              <Button type="button" variant="secondary" onClick={() => setCursors((c) => c.slice(0, -1))}>
                Previous {pending ? 'quotes' : 'approved quotes'}
              </Button>
            ) : null}
            {data.observations.pageInfo.hasNextPage ? (
              <Button type="button" variant="secondary" onClick={() => setCursors((c) => [...c, data.observations.pageInfo.endCursor ?? null])}>
                Next {pending ? 'quotes' : 'approved quotes'}
              </Button>
            ) : null}
          </div>
        </>
      ) : null}
    </section>
  );
}

function QuoteContext({ observation }: { readonly observation: QuoteObservation }) {
  const directory = useDirectory();
  return (
    <p className="observation__meta">
      {kindLabel(observation.kind)} · {formatDay(observation.occurredOn)} · {directory.categoryName(observation.categoryId)} · <ServiceOf observation={observation} /> ·{' '}
      <Link to={`/observations/${observation.id}`}>
        open the observation<span className="visually-hidden"> of {formatDay(observation.occurredOn)}</span>
      </Link>
    </p>
  );
}

function PendingQuote({ observation, onDone }: { readonly observation: QuoteObservation; readonly onDone: (message: string) => void }) {
  const original = observation.quote ?? '';
  const [text, setText] = useState(original);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [approving, approve] = useCommand(ApproveQuoteDocument, [...OBSERVATIONS, ...REPORTS]);
  const fieldId = `approve-${observation.id}`;
  const unexpected = redactionProblem(original, text);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found: Problem[] = [];
    if (!text.trim()) found.push({ field: fieldId, message: 'Keep at least some of their words, or leave this quote unapproved' });
    else if (unexpected) found.push({ field: fieldId, message: `“${unexpected}” is not in their words at that point: only remove words, or put a [placeholder] where they were` });
    setProblems(found);
    if (found.length > 0) return;
    const result = await approve({ expectedRevision: observation.revision, input: { observationId: observation.id, text: text.trim() } });
    if (!result.ok) {
      const problem = result.failure.problems.find((p) => p.field === 'text' || p.field === 'input.text');
      setProblems([problem ? { field: fieldId, message: `The words to share ${problem.message}` } : { message: result.failure.message }]);
      return;
    }
    onDone(
      `${text.trim() === original.trim() ? 'Approved as they said it' : 'Approved with the identifying words taken out'}: it is now under “Approved for sharing”, and can be chosen for feedback reports.`,
    );
  };

  return (
    <article className="quote-card">
      <QuoteContext observation={observation} />
      <p className="quote-card__label" id={`${fieldId}-said`}>
        What they said
      </p>
      <blockquote className="quote" aria-labelledby={`${fieldId}-said`}>
        {original}
      </blockquote>
      <form className="form" onSubmit={submit} noValidate>
          <ErrorSummary problems={problems} />
          <TextArea
            id={fieldId}
            label="Words to share"
            hint="Take out names, places and anything else that could identify them. Remove words or put a [placeholder] where they were."
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={problems.find((p) => p.field === fieldId)?.message}
            maxLength={1000}
            rows={3}
          />
          {unexpected && problems.length === 0 ? (
            <p className="field__warning" role="status">
              “{unexpected}” is not in their words at that point. Only remove words, or use a [placeholder].
            </p>
          ) : null}
          <div className="button-row">
            <Button type="submit" busy={approving} busyLabel="Approving…">
              Approve<span className="visually-hidden"> these words</span>
            </Button>
            {text !== original ? (
              <Button type="button" variant="link" onClick={() => setText(original)}>
                Start again from their words
              </Button>
            ) : null}
          </div>
        </form>
    </article>
  );
}

function ApprovedQuote({ observation, onDone }: { readonly observation: QuoteObservation; readonly onDone: (message: string) => void }) {
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [sending, withdraw] = useCommand(WithdrawQuoteApprovalDocument, [...OBSERVATIONS, ...REPORTS]);
  const fieldId = `withdraw-${observation.id}`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!reason.trim()) {
      setProblems([{ field: fieldId, message: 'Write why the approval is withdrawn, for the observation’s history' }]);
      return;
    }
    const result = await withdraw({ expectedRevision: observation.revision, input: { observationId: observation.id, reason: reason.trim() } });
    if (!result.ok) {
      setProblems([{ message: result.failure.message }]);
      return;
    }
    onDone('Approval withdrawn: the quote is no longer offered for new reports, and it is back among the quotes waiting for approval.');
  };

  return (
    <article className="quote-card">
      <QuoteContext observation={observation} />
      <p className="quote-card__label" id={`${fieldId}-shared`}>
        Shared as
      </p>
      <blockquote className="quote" aria-labelledby={`${fieldId}-shared`}>
        {observation.approvedQuote}
      </blockquote>
      {observation.quote && observation.quote !== observation.approvedQuote ? (
        <details className="more">
          <summary>What they said, before words were taken out</summary>
          <blockquote className="quote">{observation.quote}</blockquote>
        </details>
      ) : null}
      {withdrawing ? (
        <form className="form" onSubmit={submit} noValidate>
          <ErrorSummary problems={problems} />
          <TextArea
            id={fieldId}
            label="Why withdraw the approval?"
            hint="For example: it could still identify them. Up to 500 characters."
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={problems.find((p) => p.field === fieldId)?.message}
            maxLength={500}
            rows={2}
          />
          <div className="button-row">
            <Button type="submit" busy={sending} busyLabel="Withdrawing…">
              Withdraw the approval
            </Button>
            <Button type="button" variant="secondary" onClick={() => setWithdrawing(false)}>
              Keep it approved
            </Button>
          </div>
        </form>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setWithdrawing(true)}>
          Withdraw<span className="visually-hidden"> the approval of this quote</span>
        </Button>
      )}
    </article>
  );
}
