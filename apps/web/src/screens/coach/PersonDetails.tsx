import { type FormEvent, useState } from 'react';
import { PEOPLE, useCommand } from '../../api/command.js';
import type { Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { ChangePersonDetailsInput } from '../../gql/graphql.js';
import { Button, ErrorSummary } from '../../components/Feedback.js';
import { detailsProblems, NameAndContactFields, type Person, PersonFormPage, refusalOf, useBackToPerson, useByField } from './person-form.js';

const ChangePersonDetailsDocument = graphql(`
  mutation CoachChangePersonDetails($commandId: ID, $input: ChangePersonDetailsInput!) {
    changePersonDetails(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const SUBJECTS: Record<string, string> = { displayName: 'The name', phone: 'The phone number', email: 'The email address' };

/**
 * The name a person chose and their contact details, as they now want them: what is changed
 * replaces, and a contact detail emptied is removed (they no longer want it held).
 */
export function ChangeDetails() {
  return (
    <PersonFormPage title="Name and contact details" heading={(name) => `Name and contact details of ${name}`}>
      {(person) => <DetailsForm person={person} />}
    </PersonFormPage>
  );
}

function DetailsForm({ person }: { readonly person: Person }) {
  const back = useBackToPerson(person.id);
  const [displayName, setDisplayName] = useState(person.displayName ?? '');
  const [phone, setPhone] = useState(person.phone ?? '');
  const [email, setEmail] = useState(person.email ?? '');
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useByField(problems);
  const [saving, change] = useCommand(ChangePersonDetailsDocument, PEOPLE);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const [name, newPhone, newEmail] = [displayName.trim(), phone.trim(), email.trim()];
    const found = detailsProblems(name, newPhone, newEmail);
    const input: ChangePersonDetailsInput = { personId: person.id };
    if (name !== (person.displayName ?? '')) input.displayName = name;
    if (newPhone !== (person.phone ?? '')) {
      if (newPhone) input.phone = newPhone;
      else input.removePhone = true;
    }
    if (newEmail !== (person.email ?? '')) {
      if (newEmail) input.email = newEmail;
      else input.removeEmail = true;
    }
    if (found.length === 0 && Object.keys(input).length === 1) found.push({ message: 'Nothing has changed: change a detail, or go back to their page' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await change({ input });
    if (!result.ok) return setProblems(refusalOf(result.failure, SUBJECTS));
    const removed = [input.removePhone ? 'phone number' : '', input.removeEmail ? 'email address' : ''].filter(Boolean);
    back(removed.length > 0 ? `Details saved. Their ${removed.join(' and ')} is no longer held.` : 'Details saved.');
  }

  return (
    <>
      <p>Change what they ask you to. Empty a phone number or an email address to stop holding it.</p>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <NameAndContactFields
          values={{ displayName, phone, email }}
          onChange={{ displayName: setDisplayName, phone: setPhone, email: setEmail }}
          errors={byField}
        />
        <Button type="submit" busy={saving}>
          Save details
        </Button>
      </form>
    </>
  );
}
