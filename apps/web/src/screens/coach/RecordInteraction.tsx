import { type FormEvent, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { Channel, Initiator, PersonQuery, Place } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { RadioGroup, SelectField, TextArea, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { today, uuid } from '../../lib/dates.js';
import { CHANNELS, PLACES } from '../../lib/words.js';
import { canRecordConversation, PersonDocument } from './PersonPage.js';

const RecordInteractionDocument = graphql(`
  mutation RecordInteraction($commandId: ID!, $input: RecordInteractionInput!) {
    recordInteraction(commandId: $commandId, input: $input) {
      id
      replayed
    }
  }
`);

/** How each API field is named in messages ("The length in minutes must be …"). */
const SUBJECTS: Record<string, string> = {
  occurredOn: 'The date',
  channel: 'How you talked',
  initiatedBy: 'Who got in touch',
  place: 'The place',
  minutes: 'The length in minutes',
  whatMattered: 'What mattered to them',
  strengthsNoticed: 'Strengths noticed',
  aspirationsMentioned: 'Aspirations mentioned',
  connectionsMade: 'Connections made',
};

const QUICK_MINUTES = [15, 30, 45, 60];

/** One entry per line, blank lines left out. */
const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/**
 * Record a conversation in under a minute: today, and how the last conversation went (channel,
 * who got in touch, place, length), are already filled in; only what mattered needs typing.
 */
export function RecordInteraction() {
  const { personId = '' } = useParams();
  const [{ data, error }] = useQuery({ query: PersonDocument, variables: { id: personId } });
  const person = data?.person;
  const name = person?.displayName ?? 'them';
  return (
    <Page title="Record a conversation" heading={person ? `Record a conversation with ${name}` : 'Record a conversation'} back={{ to: `/people/${personId}`, label: `Back to ${person ? name : 'their page'}` }}>
      {error && !person ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!person && !error ? <Loading what="their details" /> : null}
      {person ? <InteractionForm person={person} /> : null}
    </Page>
  );
}

type Person = PersonQuery['person'];

function InteractionForm({ person }: { readonly person: Person }) {
  const navigate = useNavigate();
  const last = person.interactions[0];
  // One command id for this form: pressing Save again after a dropped connection records nothing twice.
  const [commandId] = useState(uuid);
  const [occurredOn, setOccurredOn] = useState(today);
  const [channel, setChannel] = useState<Channel>(last?.channel ?? 'IN_PERSON');
  const [initiatedBy, setInitiatedBy] = useState<Initiator>(last?.initiatedBy ?? 'PERSON');
  const [place, setPlace] = useState<string>(last?.channel === 'IN_PERSON' && last.place ? last.place : '');
  const [minutes, setMinutes] = useState(String(last?.minutes ?? 30));
  const [whatMattered, setWhatMattered] = useState('');
  const [strengths, setStrengths] = useState('');
  const [aspirations, setAspirations] = useState('');
  const [connections, setConnections] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, record] = useMutation(RecordInteractionDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);
  const [moreOpen, setMoreOpen] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    // In the order the form shows the fields.
    const found: Problem[] = [];
    if (!whatMattered.trim()) found.push({ field: 'whatMattered', message: 'Write what mattered to them, in a few words' });
    if (!/^\d{4}-\d{2}-\d{2}$/.test(occurredOn)) found.push({ field: 'occurredOn', message: 'Enter the date of the conversation' });
    else if (occurredOn > today()) found.push({ field: 'occurredOn', message: 'The date cannot be in the future' });
    const length = Number(minutes.trim());
    if (!/^\d+$/.test(minutes.trim()) || length < 1 || length > 600) found.push({ field: 'minutes', message: 'Enter how long it took, in whole minutes from 1 to 600' });
    setProblems(found);
    if (found.length > 0) return;

    const result = await record({
      commandId,
      input: {
        personId: person.id,
        occurredOn,
        channel,
        initiatedBy,
        place: channel === 'IN_PERSON' && place ? (place as Place) : null,
        minutes: length,
        whatMattered: whatMattered.trim(),
        strengthsNoticed: lines(strengths),
        aspirationsMentioned: lines(aspirations),
        connectionsMade: lines(connections),
      },
    });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: 'Saving did not work. Try again: nothing is recorded twice.', problems: [] };
      const { summary } = fieldErrors(failure.problems, SUBJECTS);
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    navigate(`/people/${person.id}`, {
      state: {
        notice: 'Conversation saved.',
        next: { to: `/people/${person.id}/observations/new?interaction=${result.data.recordInteraction.id}`, label: 'Record an observation from this conversation' },
      },
    });
  }

  return (
    <>
      {person.relationship.status === 'paused' ? <p className="aside">Coaching is paused at their request; you can still record a conversation.</p> : null}
      {!canRecordConversation(person.relationship.status) ? (
        <ErrorAlert>Coaching with {person.displayName ?? 'this person'} is not active, so a conversation cannot be recorded.</ErrorAlert>
      ) : null}
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <TextArea
          id="whatMattered"
          label="What mattered to them?"
          hint="In a few words, ideally theirs."
          value={whatMattered}
          onChange={(e) => setWhatMattered(e.target.value)}
          error={byField.whatMattered}
          maxLength={4000}
          rows={3}
        />
        <TextField
          id="occurredOn"
          label="When"
          type="date"
          max={today()}
          value={occurredOn}
          onChange={(e) => setOccurredOn(e.target.value)}
          error={byField.occurredOn}
        />
        <RadioGroup
          id="channel"
          name="channel"
          legend="How did you talk?"
          options={CHANNELS.map(([value, label]) => ({ value, label }))}
          value={channel}
          onChange={(value) => setChannel(value as Channel)}
          error={byField.channel}
          inline
        />
        {channel === 'IN_PERSON' ? (
          <SelectField
            id="place"
            label="Where? (optional)"
            hint="Where they chose to meet."
            placeholder="Not recorded"
            options={PLACES.map(([value, label]) => ({ value, label }))}
            value={place}
            onChange={(e) => setPlace(e.target.value)}
            error={byField.place}
          />
        ) : null}
        <RadioGroup
          id="initiatedBy"
          name="initiatedBy"
          legend="Who got in touch?"
          options={[
            { value: 'PERSON', label: 'They did' },
            { value: 'COACH', label: 'I did' },
          ]}
          value={initiatedBy}
          onChange={(value) => setInitiatedBy(value as Initiator)}
          error={byField.initiatedBy}
          inline
        />
        <div className="minutes">
          <TextField
            id="minutes"
            label="How long, in minutes"
            inputMode="numeric"
            pattern="[0-9]*"
            autoComplete="off"
            value={minutes}
            onChange={(e) => setMinutes(e.target.value)}
            error={byField.minutes}
            className="field--short"
          />
          <div className="quick-picks" role="group" aria-label="Common lengths">
            {QUICK_MINUTES.map((m) => (
              <button key={m} type="button" className="chip" aria-pressed={minutes === String(m)} onClick={() => setMinutes(String(m))}>
                {m}
                <span className="visually-hidden"> minutes</span>
              </button>
            ))}
          </div>
        </div>
        <details
          className="more"
          open={moreOpen || Boolean(byField.strengthsNoticed || byField.aspirationsMentioned || byField.connectionsMade)}
          onToggle={(e) => setMoreOpen((e.target as HTMLDetailsElement).open)}>
          <summary>Strengths, aspirations and connections (optional)</summary>
          <TextArea
            id="strengthsNoticed"
            label="Strengths noticed"
            hint="One per line, e.g. good with people."
            value={strengths}
            onChange={(e) => setStrengths(e.target.value)}
            error={byField.strengthsNoticed}
            rows={2}
          />
          <TextArea
            id="aspirationsMentioned"
            label="Aspirations mentioned"
            hint="One per line, in their words."
            value={aspirations}
            onChange={(e) => setAspirations(e.target.value)}
            error={byField.aspirationsMentioned}
            rows={2}
          />
          <TextArea
            id="connectionsMade"
            label="Connections made"
            hint="One per line: a person, group or activity they are now linked with."
            value={connections}
            onChange={(e) => setConnections(e.target.value)}
            error={byField.connectionsMade}
            rows={2}
          />
        </details>
        <Button type="submit" busy={fetching}>
          Save conversation
        </Button>
      </form>
    </>
  );
}
