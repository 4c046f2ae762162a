import { Link } from 'react-router';
import type { PersonQuery } from '../../gql/graphql.js';
import { Fact } from '../../components/Facts.js';
import { formatDay } from '../../lib/dates.js';
import { endingLabel, meetingLabel } from '../../lib/words.js';

type Person = PersonQuery['person'];
type Step = Person['timeline'][number];

/** The changes to a coaching relationship, each with its own page at /people/:personId/coaching/:action. */
export const COACHING_ACTIONS = ['start', 'pause', 'resume', 'vary', 'end', 'reopen'] as const;
export type CoachingAction = (typeof COACHING_ACTIONS)[number];

export const isCoachingAction = (value: string): value is CoachingAction => (COACHING_ACTIONS as readonly string[]).includes(value);

/** Which statuses each change can be made from (the API refuses the others). */
export const ALLOWED_FROM: Record<CoachingAction, readonly string[]> = {
  start: ['not_started'],
  pause: ['active'],
  resume: ['paused'],
  vary: ['active', 'paused'],
  end: ['active', 'paused'],
  reopen: ['ended'],
};

/** What the person's page offers in each status, the usual next step first. */
const OFFERED: Record<string, readonly CoachingAction[]> = {
  not_started: ['start'],
  active: ['vary', 'pause', 'end'],
  paused: ['resume', 'end'],
  ended: ['reopen'],
};

/** The link to each change, as the person's page words it. */
export const ACTION_LINKS: Record<CoachingAction, string> = {
  start: 'Start coaching',
  pause: 'Pause coaching',
  resume: 'Resume coaching',
  vary: 'Change how often or how you meet',
  end: 'End coaching',
  reopen: 'Re-open coaching',
};

const PRIMARY: readonly CoachingAction[] = ['start', 'resume', 'reopen'];

export const coachingPath = (personId: string, action: CoachingAction) => `/people/${personId}/coaching/${action}`;

/** The latest step of this kind on the person's timeline (which is oldest first). */
export function latestStep(person: Pick<Person, 'timeline'>, kind: string): Step | undefined {
  for (let i = person.timeline.length - 1; i >= 0; i--) {
    if (person.timeline[i].kind === kind) return person.timeline[i];
  }
  return undefined;
}

/**
 * The coaching relationship on a person's page: where it stands (since when, how often and how
 * they would like to meet, who asked for a pause, how it ended) and the changes that can be made now.
 */
export function CoachingRelationship({ person }: { readonly person: Person }) {
  const status = person.relationship.status;
  const since = person.relationship.since;
  const actions = OFFERED[status] ?? [];
  return (
    <section id="coaching" aria-labelledby="coaching-heading" className="section">
      <h2 id="coaching-heading">Coaching relationship</h2>
      <Standing person={person} status={status} since={since} />
      {actions.length > 0 ? (
        <ul className="actions coaching-actions">
          {actions.map((action) => (
            <li key={action}>
              <Link className={`button button--${PRIMARY.includes(action) ? 'primary' : 'secondary'}`} to={coachingPath(person.id, action)}>
                {ACTION_LINKS[action]}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Standing({ person, status, since }: { readonly person: Person; readonly status: string; readonly since?: string | null }) {
  const meeting = person.relationship.meeting;
  const rhythm = meeting ? (
    <Fact term="How they would like to meet">
      {meetingLabel(meeting.frequency, meeting.preferredChannel)} <span className="coaching-facts__when">(agreed {formatDay(meeting.agreedOn)})</span>
    </Fact>
  ) : null;
  switch (status) {
    case 'not_started':
      return <p>Coaching has not started yet. Start it once you have met and they want to go ahead: then you can record your conversations.</p>;
    case 'active':
      return (
        <>
          <dl className="facts coaching-facts">
            <Fact term="Coaching since">{formatDay(since)}</Fact>
            {rhythm}
          </dl>
          {meeting ? null : <p className="aside">How often, and how, they would like to meet is not recorded yet. Change it whenever they ask.</p>}
        </>
      );
    case 'paused': {
      const pause = latestStep(person, 'coaching.paused');
      return (
        <>
          <dl className="facts coaching-facts">
            <Fact term="Paused since">{formatDay(since)}</Fact>
            {pause?.detail ? <Fact term="Asked for by">{pause.detail === 'person' ? 'Them' : 'You, the coach'}</Fact> : null}
            {pause?.note ? <Fact term="Why">“{pause.note}”</Fact> : null}
            {rhythm}
          </dl>
          <p className="aside">A pause keeps the relationship open. Resume it whenever they are ready.</p>
        </>
      );
    }
    case 'ended': {
      const ending = latestStep(person, 'coaching.ended');
      return (
        <>
          <dl className="facts coaching-facts">
            <Fact term="Ended">{formatDay(since)}</Fact>
            {ending?.detail ? <Fact term="How it ended">{endingLabel(ending.detail)}</Fact> : null}
            {ending?.note ? <Fact term="In their words">“{ending.note}”</Fact> : null}
          </dl>
          <p className="aside">If they get in touch again, re-open coaching: the same relationship carries on, with everything recorded so far.</p>
        </>
      );
    }
    default:
      return null;
  }
}
