import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { failureOf, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { CaseloadQuery } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { RadioGroup, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { daysAgo, formatDay } from '../../lib/dates.js';
import { relationshipLabel } from '../../lib/words.js';
import { type CoachRecord, useMyCoach } from './my-coach.js';

const CaseloadDocument = graphql(`
  query Caseload($coachId: ID!) {
    caseload(coachId: $coachId, includeEnded: true) {
      personId
      displayName
      status
      lastContactOn
      daysSinceContact
    }
  }
`);

/** A coach's people, longest without contact first (as the API orders them). */
export function MyPeople() {
  const me = useMyCoach();
  return (
    <Page title="My people">
      {me.status === 'loading' ? <Loading what="your coach record" /> : null}
      {me.status === 'failed' ? <ErrorAlert>{me.failure.message}</ErrorAlert> : null}
      {me.status === 'none' ? (
        <div className="empty">
          <p>
            You have the coach role{me.teams.length > 0 ? <> in {me.teams.map((t) => t.name).join(', ')}</> : null}, but there is no coach
            record for you there yet, so nobody can be on your caseload.
          </p>
          <p>Ask an administrator to add you as a coach of your team. Then the people you coach appear here.</p>
        </div>
      ) : null}
      {me.status === 'choose' ? <ChooseCoach candidates={me.candidates} onChoose={me.choose} /> : null}
      {me.status === 'chosen' ? (
        <>
          {me.candidates.length > 1 && !me.linked ? (
            <p className="aside">
              Showing the caseload of {me.coach.displayName}.{' '}
              <Button type="button" variant="link" onClick={me.change}>
                Not you? Choose again
              </Button>
            </p>
          ) : null}
          <p className="welcome-link">
            <Link className="button button--secondary" to="/people/new">
              Welcome someone new
            </Link>
          </p>
          <Caseload coachId={me.coach.id} />
        </>
      ) : null}
    </Page>
  );
}

export function ChooseCoach({ candidates, onChoose }: { readonly candidates: readonly CoachRecord[]; readonly onChoose: (id: string) => void }) {
  const [value, setValue] = useState<string>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value) setProblems([{ field: 'coach', message: 'Choose the coach you are' }]);
    else onChoose(value);
  };
  const error = problems[0]?.message;
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorSummary problems={problems} />
      <RadioGroup
        id="coach"
        name="coach"
        legend="Which coach are you?"
        hint="Your team has more than one coach. This device remembers your answer."
        options={candidates.map((c) => ({ value: c.id, label: c.displayName }))}
        value={value}
        onChange={setValue}
        error={error}
      />
      <Button type="submit">Show my people</Button>
    </form>
  );
}

function Caseload({ coachId }: { readonly coachId: string }) {
  const [{ data, error, fetching }, refetch] = useQuery({ query: CaseloadDocument, variables: { coachId }, requestPolicy: 'cache-and-network' });
  const [filter, setFilter] = useState('');
  if (error && !data) {
    return (
      <>
        <ErrorAlert>{failureOf(error).message}</ErrorAlert>
        <Button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          Try again
        </Button>
      </>
    );
  }
  if (!data) return <Loading what="your people" />;
  const people = data.caseload.filter((p) => p.status !== 'ended');
  const ended = data.caseload.filter((p) => p.status === 'ended');
  if (people.length === 0 && ended.length === 0) {
    return (
      <div className="empty">
        <p>Nobody is on your caseload yet.</p>
        <p>
          When someone chooses to work with you, welcome them with “Welcome someone new”: they appear here, with the people you have not
          been in touch with for longest at the top.
        </p>
      </div>
    );
  }
  const needle = filter.trim().toLowerCase();
  const shown = needle ? people.filter((p) => (p.displayName ?? '').toLowerCase().includes(needle)) : people;
  return (
    <>
      <p>
        {people.length === 0
          ? 'Nobody is being coached by you at the moment.'
          : `${people.length === 1 ? 'One person' : `${people.length} people`}, the longest without contact first.`}
        {fetching ? <span className="visually-hidden"> Updating.</span> : null}
      </p>
      {people.length > 5 ? (
        <TextField
          id="filter"
          label="Find a person"
          type="search"
          autoComplete="off"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          hint="Type part of their name."
        />
      ) : null}
      {needle ? (
        <p role="status" className="aside">
          {shown.length === 0 ? 'Nobody matches that name.' : `${shown.length} shown.`}
        </p>
      ) : null}
      <ul className="people">
        {shown.map((person) => (
          <PersonItem key={person.personId} person={person} />
        ))}
      </ul>
      {ended.length > 0 ? (
        <details className="more">
          <summary>Coaching ended ({ended.length})</summary>
          <p className="aside">If someone comes back, open their page and re-open coaching. Latest contact first.</p>
          <ul className="people">
            {ended.map((person) => (
              <PersonItem key={person.personId} person={person} />
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

type CaseloadEntry = CaseloadQuery['caseload'][number];

function PersonItem({ person }: { readonly person: CaseloadEntry }) {
  return (
    <li className="people__item">
      <Link className="people__name" to={`/people/${person.personId}`}>
        {person.displayName ?? 'Name no longer held'}
      </Link>
      <span className={`badge badge--${person.status}`}>{relationshipLabel(person.status)}</span>
      <p className="people__meta">
        {person.lastContactOn ? (
          <>
            Last contact {formatDay(person.lastContactOn)} ({daysAgo(person.daysSinceContact)})
          </>
        ) : (
          <>No conversation yet{person.daysSinceContact !== null && person.daysSinceContact !== undefined ? <>: joined {daysAgo(person.daysSinceContact)}</> : null}</>
        )}
      </p>
    </li>
  );
}
