import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { PEOPLE, useCommand } from '../../api/command.js';
import type { Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorSummary, Notice } from '../../components/Feedback.js';
import { RadioGroup } from '../../components/Field.js';
import { today } from '../../lib/dates.js';
import { DateField, dateProblem, type Person, PersonFormPage, refusalOf, useBackToPerson, useByField } from './person-form.js';

const RecordConsentDocument = graphql(`
  mutation CoachRecordConsent($commandId: ID, $input: RecordConsentInput!) {
    recordConsent(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const SUBJECTS: Record<string, string> = { recordedOn: 'The date' };
const FORM_FIELDS: Record<string, string> = { recordedOn: 'on' };
const YES_NO = [
  { value: 'yes', label: 'Yes' },
  { value: 'no', label: 'No' },
] as const;

/** The person's consent as it now stands: to hold their information, and to share their words anonymised. */
export function Consent() {
  return (
    <PersonFormPage title="Their consent" heading={(name) => `Consent of ${name}`}>
      {(person) => <ConsentForm person={person} />}
    </PersonFormPage>
  );
}

function ConsentForm({ person }: { readonly person: Person }) {
  const back = useBackToPerson(person.id);
  const [hold, setHold] = useState(person.consent.toHoldInformation ? 'yes' : 'no');
  const [share, setShare] = useState(person.consent.toShareWordsAnonymised ? 'yes' : 'no');
  const [on, setOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useByField(problems);
  const [saving, record] = useCommand(RecordConsentDocument, PEOPLE);
  const unchanged = (hold === 'yes') === person.consent.toHoldInformation && (share === 'yes') === person.consent.toShareWordsAnonymised;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const found: Problem[] = [];
    if (unchanged) found.push({ message: 'Nothing has changed: change an answer, or go back to their page' });
    const date = dateProblem('on', on, 'Enter the day they told you');
    if (date) found.push(date);
    setProblems(found);
    if (found.length > 0) return;
    const result = await record({ input: { personId: person.id, consentToHoldInformation: hold === 'yes', consentToShareWordsAnonymised: hold === 'yes' && share === 'yes', recordedOn: on } });
    if (!result.ok) return setProblems(refusalOf(result.failure, SUBJECTS, FORM_FIELDS));
    back(hold === 'yes' ? 'Their consent is recorded.' : 'Their consent is recorded. Pass their reference to an administrator, who can forget them.');
  }

  return (
    <>
      <p>Ask again whenever they want to change their mind. What they say now applies from now on.</p>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <RadioGroup
          id="hold"
          name="hold"
          legend="May we hold their information?"
          hint="Their name, contact details and what they share in coaching, kept sealed."
          options={YES_NO}
          value={hold}
          onChange={setHold}
          inline
        />
        {hold === 'no' ? (
          <Notice kind="warning">
            <p>
              Without this, nothing more should be recorded about them, and they should be forgotten: pass the reference under{' '}
              <Link to={`/people/${person.id}#information`}>Their information</Link> to an administrator once you have saved this.
            </p>
          </Notice>
        ) : (
          <RadioGroup
            id="share"
            name="share"
            legend="May their words be shared, anonymised?"
            hint="Quotes in feedback to services, with nothing that could identify them. Quotes already shared in reports stay as they were shared."
            options={YES_NO}
            value={share}
            onChange={setShare}
            inline
          />
        )}
        <DateField id="on" label="When did they tell you?" value={on} onChange={setOn} error={byField.on} />
        <Button type="submit" busy={saving}>
          Save their consent
        </Button>
      </form>
    </>
  );
}
