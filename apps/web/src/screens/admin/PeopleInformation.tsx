import { type FormEvent, useState } from 'react';
import { useCommand, PEOPLE } from '../../api/command.js';
import { fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { ForgetReason } from '../../gql/graphql.js';
import { Button, ErrorSummary } from '../../components/Feedback.js';
import { Checkbox, RadioGroup, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { PersonRecordDownload } from '../../components/PersonRecordDownload.js';
import { Announce } from '../partner/Announce.js';
import { AdminNav } from './AdminParts.js';

const AdminForgetPersonDocument = graphql(`
  mutation AdminForgetPerson($commandId: ID, $input: ForgetPersonInput!) {
    forgetPerson(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const REASONS: ReadonlyArray<{ value: ForgetReason; label: string }> = [
  { value: 'PERSON_ASKED' as ForgetReason, label: 'They asked to be forgotten' },
  { value: 'CONSENT_WITHDRAWN' as ForgetReason, label: 'They withdrew their consent for us to hold their information' },
  { value: 'NO_LONGER_NEEDED' as ForgetReason, label: 'We no longer need to hold it' },
  { value: 'OTHER' as ForgetReason, label: 'Another reason' },
];

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The reference a coach passed on: the id itself, or a link to the person's page holding it. */
function referenceIn(text: string): string | undefined {
  return UUID.exec(text.trim())?.[0].toLowerCase();
}

/**
 * A person's rights over what is held about them, for administrators, who never see people's
 * pages: by the reference their coach passes on, download everything held (a subject access
 * export), or forget them for good.
 */
export function PeopleInformation() {
  const [text, setText] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [personId, setPersonId] = useState<string>();
  const [forgotten, setForgotten] = useState<{ n: number }>();

  function find(event: FormEvent) {
    event.preventDefault();
    const found = referenceIn(text);
    setForgotten(undefined);
    if (!found) {
      setPersonId(undefined);
      setProblems([
        {
          field: 'person-reference',
          message: text.trim() ? 'A reference looks like 1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed: copy it whole from their coach' : 'Enter the reference their coach passed on',
        },
      ]);
      return;
    }
    setProblems([]);
    setPersonId(found);
  }

  return (
    <Page title="People’s information" wide>
      <AdminNav />
      <p>
        A person can ask to see everything held about them, and to be forgotten. Their coach finds their reference on the person’s page, under “Their information”, and passes
        it on.
      </p>
      <form className="form section" onSubmit={find} noValidate aria-labelledby="find-heading">
        <h2 id="find-heading">Whose information</h2>
        <ErrorSummary problems={problems} />
        <TextField
          id="person-reference"
          label="Their reference"
          hint="Or a link to their page, which holds it."
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={problems.find((p) => p.field === 'person-reference')?.message}
          autoComplete="off"
          spellCheck={false}
        />
        <Button type="submit">Continue</Button>
      </form>
      {forgotten ? (
        <Announce id={forgotten.n}>
          <p>
            Forgotten. Their name, contact details and words can no longer be read anywhere, in the records or in anything shared; the anonymous counts stay. Their record
            in the audit log shows who did it and why.
          </p>
        </Announce>
      ) : null}
      {personId && !forgotten ? (
        <div className="admin-columns">
          <section className="section" aria-labelledby="see-heading">
            <h2 id="see-heading">See what is held</h2>
            <p>
              Everything held about <code className="reference">{personId}</code>, with their words opened, as one file to give them.
            </p>
            <PersonRecordDownload personId={personId} label="Download everything held" />
          </section>
          <Forget key={personId} personId={personId} onDone={() => setForgotten((old) => ({ n: (old?.n ?? 0) + 1 }))} />
        </div>
      ) : null}
    </Page>
  );
}

function Forget({ personId, onDone }: { readonly personId: string; readonly onDone: () => void }) {
  const [reason, setReason] = useState<ForgetReason>();
  const [sure, setSure] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, forget] = useCommand(AdminForgetPersonDocument, PEOPLE);
  const byField = Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message]));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Problem[] = [];
    if (!reason) found.push({ field: 'forget-reason', message: 'Choose why they are being forgotten' });
    if (!sure) found.push({ field: 'forget-sure', message: 'Confirm that you understand forgetting cannot be undone' });
    setProblems(found);
    if (found.length > 0 || !reason) return;
    const result = await forget({ input: { personId, reason } });
    if (!result.ok) {
      const { failure } = result;
      const message =
        failure.code === 'NOT_FOUND'
          ? 'Nobody with this reference has joined: check it with their coach.'
          : failure.code === 'CONFLICT'
            ? 'They have already been forgotten: nothing more can be read about them.'
            : failure.message;
      const { summary } = fieldErrors(failure.problems, { reason: 'Why' }, { reason: 'forget-reason' });
      setProblems(summary.length > 0 ? summary : [{ message }]);
      return;
    }
    onDone();
  }

  return (
    <form className="form section" onSubmit={submit} noValidate aria-labelledby="forget-heading">
      <h2 id="forget-heading">Forget them</h2>
      <p>
        Their key is destroyed: their name, contact details and words become unreadable everywhere at once, and cannot be brought back. What they did stays only as
        anonymous counts.
      </p>
      <ErrorSummary problems={problems} />
      <RadioGroup
        id="forget-reason"
        name="forget-reason"
        legend="Why are they being forgotten?"
        options={REASONS}
        value={reason}
        onChange={(value) => setReason(value as ForgetReason)}
        error={byField['forget-reason']}
      />
      <Checkbox id="forget-sure" label="I understand that this cannot be undone" checked={sure} onChange={setSure} error={byField['forget-sure']} />
      <Button type="submit" busy={busy} busyLabel="Forgetting…">
        Forget this person
      </Button>
    </form>
  );
}
