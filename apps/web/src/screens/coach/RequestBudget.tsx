import { type FormEvent, useState } from 'react';
import { useQuery } from 'urql';
import { PEOPLE, useCommand } from '../../api/command.js';
import { failureOf, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { BudgetPurposeCategory } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading, Notice } from '../../components/Feedback.js';
import { RadioGroup, TextArea, TextField } from '../../components/Field.js';
import { today } from '../../lib/dates.js';
import { BUDGET_PURPOSES, pounds } from '../../lib/words.js';
import { DateField, dateProblem, IN_THEIR_WORDS, type Person, PersonFormPage, refusalOf, useBackToPerson, useByField } from './person-form.js';

const BudgetPotDocument = graphql(`
  query CoachBudgetPot($teamId: ID!) {
    budgetPot(teamId: $teamId) {
      teamId
      availablePence
      awaitingDecisionPence
      awaitingDecisionCount
    }
  }
`);

const RequestBudgetDocument = graphql(`
  mutation CoachRequestBudget($commandId: ID, $input: RequestBudgetInput!) {
    requestBudget(commandId: $commandId, input: $input) {
      id
    }
  }
`);

/** The API's ceiling on one amount (£100,000). */
const MAX_PENCE = 10_000_000;

const SUBJECTS: Record<string, string> = { amountPence: 'The amount', purpose: 'What it is for', purposeCategory: 'The kind of thing', requestedOn: 'The date' };
const FORM_FIELDS: Record<string, string> = { amountPence: 'amount', requestedOn: 'on' };

/**
 * Pounds as typed ("45", "£45.50", "1,200") to whole pence, or why not. Worked out on the digits,
 * not with floating point, so 0.29 is 29 pence and never 28.
 */
export function penceOf(typed: string): { readonly pence: number } | { readonly problem: string } {
  let text = typed.trim().replace(/^£\s*/, '');
  if (!text) return { problem: 'Enter how much they are asking for, in pounds' };
  if (/^\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, '');
  if (/^[-−]\s*£?\s*[\d.,]+$/.test(text)) return { problem: 'The amount cannot be negative: enter how much they are asking for' };
  const parts = /^(\d*)(?:\.(\d+))?$/.exec(text);
  if (!parts || (!parts[1] && !parts[2])) return { problem: 'Enter the amount as a number of pounds, for example 45 or 45.50' };
  const [, whole = '', fraction = ''] = parts;
  if (fraction.length > 2) return { problem: 'Enter the amount in pounds and pence, with no more than 2 digits after the point' };
  const pence = Number(whole || '0') * 100 + Number(fraction.padEnd(2, '0') || '0');
  if (pence <= 0) return { problem: 'The amount must be more than £0' };
  if (pence > MAX_PENCE) return { problem: `The amount must be ${pounds(MAX_PENCE)} or less` };
  return { pence };
}

/** A personal budget request, in the person's words, drawn on their team's pot. */
export function RequestBudget() {
  return (
    <PersonFormPage title="Ask for a personal budget" heading={(name) => `Ask for a personal budget for ${name}`}>
      {(person) => <BudgetForm person={person} />}
    </PersonFormPage>
  );
}

function BudgetForm({ person }: { readonly person: Person }) {
  const [{ data, error }, refetch] = useQuery({ query: BudgetPotDocument, variables: { teamId: person.teamId }, requestPolicy: 'cache-and-network' });
  const name = person.displayName ?? 'they';
  const intro = (
    <p>
      A personal budget is money {name} decides how to use: ask for what they chose, described in their words. The request is then approved or
      declined, and what is spent is recorded against it.
    </p>
  );
  if (error && !data) {
    return (
      <>
        {intro}
        <ErrorAlert>
          {failureOf(error).code === 'FORBIDDEN'
            ? 'They are coached by another team, whose pot you cannot see: a coach in their team can ask for a personal budget for them.'
            : failureOf(error).message}
        </ErrorAlert>
        <Button type="button" variant="secondary" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          Try again
        </Button>
      </>
    );
  }
  if (!data) return <Loading what="what is left in the team’s pot" />;
  const { availablePence: available, awaitingDecisionPence, awaitingDecisionCount } = data.budgetPot;
  return (
    <>
      {intro}
      <div className="pot" id="pot">
        <p className="pot__label">Left in your team’s pot for new requests</p>
        <p className="pot__amount">{pounds(available)}</p>
        {awaitingDecisionCount > 0 && (
          <p className="pot__note">
            {awaitingDecisionCount === 1 ? 'One request' : `${awaitingDecisionCount} requests`} for {pounds(awaitingDecisionPence)} {awaitingDecisionCount === 1 ? 'is' : 'are'} waiting for a
            decision. {awaitingDecisionCount === 1 ? 'It comes' : 'They come'} out of this only when approved, and only while the pot has enough.
          </p>
        )}
      </div>
      {available > 0 ? (
        <RequestForm person={person} available={available} />
      ) : (
        <Notice kind="warning">
          <p>The pot has nothing left for new requests, so one cannot be asked for now. Ask whoever manages your team’s pot about adding money to it.</p>
        </Notice>
      )}
    </>
  );
}

function RequestForm({ person, available }: { readonly person: Person; readonly available: number }) {
  const back = useBackToPerson(person.id);
  const [amount, setAmount] = useState('');
  const [purpose, setPurpose] = useState('');
  const [category, setCategory] = useState<BudgetPurposeCategory>();
  const [on, setOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useByField(problems);
  const [saving, request] = useCommand(RequestBudgetDocument, [...PEOPLE, 'BudgetPotView']);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const found: Problem[] = [];
    const money = penceOf(amount);
    if ('problem' in money) found.push({ field: 'amount', message: money.problem });
    else if (money.pence > available) found.push({ field: 'amount', message: `The pot has ${pounds(available)} left for new requests: ask for that or less` });
    if (!purpose.trim()) found.push({ field: 'purpose', message: 'Write what it is for, in their words' });
    if (!category) found.push({ field: 'purposeCategory', message: 'Choose what kind of thing it is for' });
    const date = dateProblem('on', on, 'Enter the day they asked');
    if (date) found.push(date);
    setProblems(found);
    if (found.length > 0 || 'problem' in money || !category) return;
    const result = await request({
      input: { personId: person.id, teamId: person.teamId, amountPence: money.pence, purpose: purpose.trim(), purposeCategory: category, requestedOn: on },
    });
    if (!result.ok) return setProblems(refusalOf(result.failure, SUBJECTS, FORM_FIELDS));
    back(`Personal budget of ${pounds(money.pence)} asked for. It shows on their page until it is approved or declined.`);
  }

  return (
    <>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id="amount"
          label="How much, in pounds"
          hint="For example 45 or 45.50."
          inputMode="decimal"
          autoComplete="off"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={byField.amount}
          className="field--short field--pounds"
        />
        <TextArea
          id="purpose"
          label="What it is for"
          hint={IN_THEIR_WORDS}
          value={purpose}
          onChange={(e) => setPurpose(e.target.value)}
          error={byField.purpose}
          maxLength={500}
          rows={3}
        />
        <RadioGroup
          id="purposeCategory"
          name="purposeCategory"
          legend="What kind of thing is it for?"
          hint="Counted without names or words, to show what personal budgets are used for."
          options={BUDGET_PURPOSES.map(([value, label]) => ({ value, label }))}
          value={category}
          onChange={(value) => setCategory(value as BudgetPurposeCategory)}
          error={byField.purposeCategory}
        />
        <DateField id="on" label="When did they ask?" value={on} onChange={setOn} error={byField.on} />
        <Button type="submit" busy={saving}>
          Ask for the budget
        </Button>
      </form>
    </>
  );
}
