import { type FormEvent, useState } from 'react';
import { PEOPLE, useCommand } from '../../api/command.js';
import type { Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { StrengthNoticer } from '../../gql/graphql.js';
import { Button, ErrorSummary } from '../../components/Feedback.js';
import { RadioGroup, TextArea } from '../../components/Field.js';
import { today } from '../../lib/dates.js';
import { DateField, dateProblem, IN_THEIR_WORDS, type Person, PersonFormPage, refusalOf, useBackToPerson, useByField } from './person-form.js';

const NoticeStrengthDocument = graphql(`
  mutation CoachNoticeStrength($commandId: ID, $input: NoticeStrengthInput!) {
    noticeStrength(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const SUBJECTS: Record<string, string> = { inPersonsWords: 'The strength', noticedBy: 'Who noticed it', noticedOn: 'The date' };
const FORM_FIELDS: Record<string, string> = { noticedOn: 'on' };

/** Something the person is good at or enjoys, in their words, and who noticed it. */
export function NoticeStrength() {
  return (
    <PersonFormPage title="Notice a strength" heading={(name) => `Notice a strength of ${name}`}>
      {(person) => <StrengthForm person={person} />}
    </PersonFormPage>
  );
}

function StrengthForm({ person }: { readonly person: Person }) {
  const back = useBackToPerson(person.id);
  const [words, setWords] = useState('');
  const [noticedBy, setNoticedBy] = useState<StrengthNoticer>();
  const [on, setOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useByField(problems);
  const [saving, notice] = useCommand(NoticeStrengthDocument, PEOPLE);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const found: Problem[] = [];
    if (!words.trim()) found.push({ field: 'inPersonsWords', message: 'Write the strength, in their words' });
    if (!noticedBy) found.push({ field: 'noticedBy', message: 'Choose who noticed it' });
    const date = dateProblem('on', on, 'Enter the day it was noticed');
    if (date) found.push(date);
    setProblems(found);
    if (found.length > 0 || !noticedBy) return;
    const result = await notice({ input: { personId: person.id, inPersonsWords: words.trim(), noticedBy, noticedOn: on } });
    if (!result.ok) return setProblems(refusalOf(result.failure, SUBJECTS, FORM_FIELDS));
    back('Strength noted.');
  }

  return (
    <>
      <p>A strength is something {person.displayName ?? 'they'} is good at or enjoys.</p>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <TextArea
          id="inPersonsWords"
          label="The strength"
          hint={IN_THEIR_WORDS}
          value={words}
          onChange={(e) => setWords(e.target.value)}
          error={byField.inPersonsWords}
          maxLength={500}
          rows={2}
        />
        <RadioGroup
          id="noticedBy"
          name="noticedBy"
          legend="Who noticed it?"
          options={[
            { value: 'PERSON', label: 'They did' },
            { value: 'COACH', label: 'I did' },
          ]}
          value={noticedBy}
          onChange={(value) => setNoticedBy(value as StrengthNoticer)}
          error={byField.noticedBy}
          inline
        />
        <DateField id="on" label="When was it noticed?" value={on} onChange={setOn} error={byField.on} />
        <Button type="submit" busy={saving}>
          Save strength
        </Button>
      </form>
    </>
  );
}
