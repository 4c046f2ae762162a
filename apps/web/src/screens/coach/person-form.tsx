import { type ReactNode, useCallback, useMemo } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useQuery } from 'urql';
import { type ApiFailure, failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { CoachGrowthPersonQuery } from '../../gql/graphql.js';
import { Button, ErrorAlert, Loading } from '../../components/Feedback.js';
import { useHandedOver } from '../../components/Handover.js';
import { TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatDay, today } from '../../lib/dates.js';

/**
 * What the coach's forms about one person share (aspirations, strengths, connections, a personal
 * budget, a wellbeing check-in, their consent, a move to another area): a page about one person,
 * a date field that starts at today, date checks before anything is sent, the API's refusals
 * shown against the form's fields, and the way back to the person's page with what was saved.
 */

/** Who the person is, where they are coached and their consent: on their page and on every form about them. */
graphql(`
  fragment CoachPersonFields on PersonPageView {
    id
    displayName
    phone
    email
    areaId
    teamId
    coachId
    consent {
      toHoldInformation
      toShareWordsAnonymised
    }
  }
`);

/** What the forms about one person need to know about them: no more than that. */
export const GrowthPersonDocument = graphql(`
  query CoachGrowthPerson($id: ID!) {
    person(id: $id) {
      ...CoachPersonFields
      aspirations {
        id
        inPersonsWords
        status
        setOn
        closedOn
        changedTo
        history {
          kind
          occurredOn
          note
        }
      }
      connections {
        id
        kind
        description
        madeOn
        current
        endedOn
      }
      wellbeingTrend {
        checkIns {
          id
          checkedInOn
          scale
          score
        }
      }
    }
  }
`);

export type Person = CoachGrowthPersonQuery['person'];

/** Said beside every field that holds the person's own words. */
export const IN_THEIR_WORDS = 'In their words: write it the way they said it.';

/**
 * A page about one person. The document title stays generic (browser history and tab lists must
 * not collect names); the heading names them. The form is shown once their details have loaded.
 */
export function PersonFormPage({
  title,
  heading,
  children,
}: {
  /** The document title: no names. */
  readonly title: string;
  /** The page's heading, given the person's name (or "them" once it is no longer held). */
  readonly heading: (name: string) => string;
  readonly children: (person: Person) => ReactNode;
}) {
  const { personId = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: GrowthPersonDocument, variables: { id: personId }, requestPolicy: 'cache-and-network' });
  const person = data?.person;
  const name = person?.displayName ?? 'them';
  const handedOver = useHandedOver();
  return (
    <Page
      title={title}
      heading={person ? heading(name) : title}
      back={handedOver ? undefined : { to: `/people/${personId}`, label: `Back to ${person?.displayName ?? 'their page'}` }}
    >
      {error && !person ? (
        <>
          <ErrorAlert>
            {failureOf(error).code === 'NOT_FOUND' ? 'There is nobody with this address on record. Go back to My people and choose them from the list.' : failureOf(error).message}
          </ErrorAlert>
          <Button type="button" variant="secondary" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Try again
          </Button>
        </>
      ) : null}
      {!person && !error ? <Loading what="their details" /> : null}
      {person ? children(person) : null}
    </Page>
  );
}

/** Back to the person's page, which shows `notice` in its status message. */
export function useBackToPerson(personId: string): (notice: string) => void {
  const navigate = useNavigate();
  return useCallback((notice: string) => navigate(`/people/${personId}`, { state: { notice } }), [navigate, personId]);
}

/** Each field's first problem, for the field's own error message. */
export function useByField(problems: readonly Problem[]): Record<string, string> {
  return useMemo(() => {
    const byField: Record<string, string> = {};
    for (const problem of problems) if (problem.field) byField[problem.field] ??= problem.message;
    return byField;
  }, [problems]);
}

/**
 * The API's refusal as the form shows it: each field problem against the form's field, named by
 * `subjects` ("The date cannot be in the future"); otherwise the API's message alone.
 */
export function refusalOf(failure: ApiFailure, subjects: Record<string, string>, formField: Record<string, string> = {}): Problem[] {
  const { summary } = fieldErrors(failure.problems, subjects, formField);
  return summary.length > 0 ? summary : [{ message: failure.message }];
}

/**
 * A date the form is about to send: present, not in the future, and not before `earliest` (for
 * example the day an aspiration was set, or a connection made). Undefined when it is fine.
 */
export function dateProblem(field: string, value: string, missing: string, earliest?: { readonly day: string; readonly why: string }): Problem | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return { field, message: missing };
  if (value > today()) return { field, message: 'The date cannot be in the future' };
  if (earliest && value < earliest.day.slice(0, 10)) return { field, message: `The date cannot be before ${formatDay(earliest.day)}, ${earliest.why}` };
  return undefined;
}

/** A date field that starts at today and offers no later day. */
export function DateField({
  id,
  label,
  hint,
  value,
  onChange,
  error,
  min,
}: {
  readonly id: string;
  readonly label: string;
  readonly hint?: string;
  readonly value: string;
  readonly onChange: (value: string) => void;
  readonly error?: string;
  readonly min?: string;
}) {
  return (
    <TextField
      id={id}
      label={label}
      hint={hint}
      type="date"
      min={min?.slice(0, 10)}
      max={today()}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      error={error}
      className="field--date"
    />
  );
}

// As the API checks them.
const PHONE = /^\+?[0-9 ()-]{6,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** What is wrong with a name and the contact details a person gave, in the order forms show them. */
export function detailsProblems(name: string, phone: string, email: string): Problem[] {
  const found: Problem[] = [];
  if (!name) found.push({ field: 'displayName', message: 'Enter the name they would like to be known by' });
  else if (name.length > 80) found.push({ field: 'displayName', message: 'The name must be 80 characters or fewer' });
  if (phone && !PHONE.test(phone)) found.push({ field: 'phone', message: 'Enter a phone number using digits, spaces and + ( ) -, or leave it empty' });
  if (email && (!EMAIL.test(email) || email.length > 200)) found.push({ field: 'email', message: 'Enter an email address like name@example.com, or leave it empty' });
  return found;
}

type Details = { readonly displayName: string; readonly phone: string; readonly email: string };

/** The name a person chose and the contact details they want held, for welcoming them and for changing them. */
export function NameAndContactFields({
  values,
  onChange,
  errors,
}: {
  readonly values: Details;
  readonly onChange: { readonly [K in keyof Details]: (value: string) => void };
  readonly errors: Record<string, string | undefined>;
}) {
  return (
    <>
      <TextField
        id="displayName"
        label="The name they would like to be known by"
        hint="A first name or a nickname is enough. Up to 80 characters."
        autoComplete="off"
        spellCheck={false}
        value={values.displayName}
        onChange={(e) => onChange.displayName(e.target.value)}
        error={errors.displayName}
      />
      <TextField
        id="phone"
        label="Phone number (optional)"
        hint="Only if they want you to have it."
        type="tel"
        autoComplete="off"
        value={values.phone}
        onChange={(e) => onChange.phone(e.target.value)}
        error={errors.phone}
      />
      <TextField
        id="email"
        label="Email address (optional)"
        hint="Only if they want you to have it."
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={values.email}
        onChange={(e) => onChange.email(e.target.value)}
        error={errors.email}
      />
    </>
  );
}

/** The last day anything happened to something: a later step cannot be dated before it. */
export function latestDay(days: readonly string[]): string {
  return days.reduce((latest, day) => (day > latest ? day : latest), '');
}
