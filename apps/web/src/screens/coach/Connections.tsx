import { type FormEvent, useState } from 'react';
import { useParams } from 'react-router';
import { PEOPLE, useCommand } from '../../api/command.js';
import type { Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { ConnectionKind } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary } from '../../components/Feedback.js';
import { RadioGroup, TextArea } from '../../components/Field.js';
import { formatDay, today } from '../../lib/dates.js';
import { CONNECTION_KINDS, connectionLabel } from '../../lib/words.js';
import { DateField, dateProblem, IN_THEIR_WORDS, type Person, PersonFormPage, refusalOf, useBackToPerson, useByField } from './person-form.js';

const MakeConnectionDocument = graphql(`
  mutation CoachMakeConnection($commandId: ID, $input: MakeConnectionInput!) {
    makeConnection(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const EndConnectionDocument = graphql(`
  mutation CoachEndConnection($commandId: ID, $input: EndConnectionInput!) {
    endConnection(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const SUBJECTS: Record<string, string> = { kind: 'The kind of connection', description: 'Who or what', madeOn: 'The date', endedOn: 'The date', note: 'The note' };
const FORM_FIELDS: Record<string, string> = { madeOn: 'on', endedOn: 'on' };

/** A person, group or community activity the person is now linked with. */
export function MakeConnection() {
  return (
    <PersonFormPage title="Add a connection" heading={(name) => `Add a connection for ${name}`}>
      {(person) => <MakeConnectionForm person={person} />}
    </PersonFormPage>
  );
}

function MakeConnectionForm({ person }: { readonly person: Person }) {
  const back = useBackToPerson(person.id);
  const [kind, setKind] = useState<ConnectionKind>();
  const [description, setDescription] = useState('');
  const [on, setOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useByField(problems);
  const [saving, make] = useCommand(MakeConnectionDocument, PEOPLE);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const found: Problem[] = [];
    if (!kind) found.push({ field: 'kind', message: 'Choose what kind of connection it is' });
    if (!description.trim()) found.push({ field: 'description', message: 'Write who or what they are connected with, in their words' });
    const date = dateProblem('on', on, 'Enter the day the connection was made');
    if (date) found.push(date);
    setProblems(found);
    if (found.length > 0 || !kind) return;
    const result = await make({ input: { personId: person.id, kind, description: description.trim(), madeOn: on } });
    if (!result.ok) return setProblems(refusalOf(result.failure, SUBJECTS, FORM_FIELDS));
    back('Connection added.');
  }

  return (
    <>
      <p>A connection is a person, group or community activity {person.displayName ?? 'they'} is now linked with.</p>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <RadioGroup
          id="kind"
          name="kind"
          legend="What kind of connection?"
          options={CONNECTION_KINDS.map(([value, label]) => ({ value, label }))}
          value={kind}
          onChange={(value) => setKind(value as ConnectionKind)}
          error={byField.kind}
          inline
        />
        <TextArea
          id="description"
          label="Who or what"
          hint={`${IN_THEIR_WORDS} For example, the name of the group or what they do there.`}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={byField.description}
          maxLength={500}
          rows={2}
        />
        <DateField id="on" label="When was it made?" value={on} onChange={setOn} error={byField.on} />
        <Button type="submit" busy={saving}>
          Save connection
        </Button>
      </form>
    </>
  );
}

/** A connection ends: when, and how, in their words if they want. */
export function EndConnection() {
  const { connectionId = '' } = useParams();
  return (
    <PersonFormPage title="End a connection" heading={(name) => `End a connection of ${name}`}>
      {(person) => {
        const connection = person.connections.find((c) => c.id === connectionId);
        if (!connection) return <ErrorAlert>This connection is not on their page. Go back to their page and choose it from the list of connections.</ErrorAlert>;
        if (!connection.current) {
          return (
            <p>
              This connection ({connection.description ?? 'words no longer held'}) already ended on {formatDay(connection.endedOn)}: nothing more needs recording.
            </p>
          );
        }
        return <EndConnectionForm person={person} connection={connection} />;
      }}
    </PersonFormPage>
  );
}

type Connection = Person['connections'][number];

function EndConnectionForm({ person, connection }: { readonly person: Person; readonly connection: Connection }) {
  const back = useBackToPerson(person.id);
  const [on, setOn] = useState(today);
  const [note, setNote] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useByField(problems);
  const [saving, end] = useCommand(EndConnectionDocument, PEOPLE);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const date = dateProblem('on', on, 'Enter the day it ended', { day: connection.madeOn, why: 'when the connection was made' });
    const found = date ? [date] : [];
    setProblems(found);
    if (found.length > 0) return;
    const result = await end({ input: { personId: person.id, connectionId: connection.id, endedOn: on, note: note.trim() || null } });
    if (!result.ok) return setProblems(refusalOf(result.failure, SUBJECTS, FORM_FIELDS));
    back('Connection ended. It stays on their page as a past connection.');
  }

  return (
    <>
      <div className="words-card">
        <p className="words-card__label">In their words</p>
        <p className="words-card__words">{connection.description ?? 'Words no longer held'}</p>
        <p className="entry__meta">
          <span className="badge">{connectionLabel(connection.kind)}</span> Since {formatDay(connection.madeOn)}
        </p>
      </div>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <DateField id="on" label="When did it end?" value={on} onChange={setOn} error={byField.on} min={connection.madeOn} />
        <TextArea
          id="note"
          label="How it ended (optional)"
          hint="In their words, if they want something kept."
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={byField.note}
          maxLength={2000}
          rows={3}
        />
        <Button type="submit" busy={saving}>
          End connection
        </Button>
      </form>
    </>
  );
}
