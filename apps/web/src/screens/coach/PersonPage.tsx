import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useQuery } from 'urql';
import { failureOf } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { PersonQuery } from '../../gql/graphql.js';
import { Button, ErrorAlert, Loading } from '../../components/Feedback.js';
import { Page } from '../../components/Page.js';
import { Fact } from '../../components/Facts.js';
import { PersonRecordDownload } from '../../components/PersonRecordDownload.js';
import { formatDay } from '../../lib/dates.js';
import { ACTION_LINKS, CoachingRelationship, coachingPath } from './CoachingRelationship.js';
import { channelLabel, connectionLabel, humanise, placeLabel, pounds, referralLabel, relationshipLabel, timelineLabel } from '../../lib/words.js';

export const PersonDocument = graphql(`
  query Person($id: ID!) {
    person(id: $id) {
      ...CoachPersonFields
      joinedOn
      lastContactOn
      interactionCount
      referralSource
      relationship {
        status
        since
        meeting {
          frequency
          preferredChannel
          agreedOn
        }
      }
      timeline {
        occurredOn
        kind
        note
        detail
      }
      interactions {
        id
        occurredOn
        channel
        initiatedBy
        place
        minutes
        whatMattered
        strengthsNoticed
        aspirationsMentioned
        connectionsMade
        organisationsIntroduced
      }
      aspirations {
        id
        inPersonsWords
        status
        setOn
        closedOn
        history {
          kind
          occurredOn
          note
        }
      }
      strengths {
        id
        inPersonsWords
        noticedBy
        noticedOn
      }
      connections {
        id
        kind
        description
        madeOn
        current
        endedOn
      }
      budgets {
        id
        purpose
        amountPence
        approvedPence
        spentPence
        status
        requestedOn
      }
      wellbeingTrend {
        checkIns {
          id
          checkedInOn
          scale
          score
        }
        changes {
          scale
          change
          checkIns
          first {
            checkedInOn
            score
          }
          latest {
            checkedInOn
            score
          }
        }
      }
    }
  }
`);

type Person = PersonQuery['person'];

/** Whether a conversation can be recorded now (the API refuses before the start and after the end). */
export function canRecordConversation(status: string): boolean {
  return status === 'active' || status === 'paused';
}

/** Everything about one person the coach works alongside, as far as the API offers it. */
export function PersonPage() {
  const { personId = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: PersonDocument, variables: { id: personId }, requestPolicy: 'cache-and-network' });
  const person = data?.person;
  const name = person?.displayName ?? (person ? 'Name no longer held' : 'A person');
  return (
    // The document title stays generic: browser history and tab lists must not collect names.
    <Page title="A person’s page" heading={name} back={{ to: '/people', label: 'My people' }} wide>
      {error && !person ? (
        <>
          <ErrorAlert>{failureOf(error).code === 'NOT_FOUND' ? 'There is nobody with this address on record. Go back to My people and choose them from the list.' : failureOf(error).message}</ErrorAlert>
          <Button type="button" onClick={() => refetch({ requestPolicy: 'network-only' })}>
            Try again
          </Button>
        </>
      ) : null}
      {!person && !error ? <Loading what="their page" /> : null}
      {person ? <PersonDetails person={person} /> : null}
    </Page>
  );
}

function PersonDetails({ person }: { readonly person: Person }) {
  const status = person.relationship.status;
  const since = person.relationship.since;
  return (
    <>
      <p className="person-status">
        <span className={`badge badge--${status}`}>{relationshipLabel(status)}</span>
        {since ? <> since {formatDay(since)}</> : null}
      </p>
      <div className="action-bar">
        {canRecordConversation(status) ? (
          <Link className="button button--primary" to={`/people/${person.id}/interactions/new`}>
            Record a conversation
          </Link>
        ) : null}
        <Link className="button button--secondary" to={`/people/${person.id}/observations/new`}>
          Record an observation
        </Link>
      </div>
      {!canRecordConversation(status) ? (
        <p className="aside">
          {status === 'ended'
            ? 'Coaching has ended, so no new conversation can be recorded unless the person comes back and it is re-opened.'
            : 'Coaching has not started yet, so no conversation can be recorded until it starts.'}{' '}
          <Link to={coachingPath(person.id, status === 'ended' ? 'reopen' : 'start')}>{ACTION_LINKS[status === 'ended' ? 'reopen' : 'start']}</Link>
        </p>
      ) : null}

      <nav aria-label="On this page" className="on-this-page">
        <ul>
          <li>
            <a href="#coaching">Coaching relationship</a>
          </li>
          <li>
            <a href="#about">About</a>
          </li>
          <li>
            <a href="#conversations">Conversations ({person.interactionCount})</a>
          </li>
          <li>
            <a href="#aspirations">Aspirations ({person.aspirations.length})</a>
          </li>
          <li>
            <a href="#strengths">Strengths ({person.strengths.length})</a>
          </li>
          <li>
            <a href="#connections">Connections ({person.connections.length})</a>
          </li>
          <li>
            <a href="#budgets">Personal budgets ({person.budgets.length})</a>
          </li>
          <li>
            <a href="#wellbeing">Wellbeing</a>
          </li>
          <li>
            <a href="#timeline">Timeline</a>
          </li>
          <li>
            <a href="#information">Their information</a>
          </li>
        </ul>
      </nav>

      <div className="sections">
        <CoachingRelationship person={person} />

        <Section id="about" title="About">
          <dl className="facts">
            <Fact term="Joined">{formatDay(person.joinedOn)}</Fact>
            <Fact term="Suggested by">{referralLabel(person.referralSource)}</Fact>
            <Fact term="Last contact">{person.lastContactOn ? formatDay(person.lastContactOn) : 'No conversation yet'}</Fact>
            {person.phone ? (
              <Fact term="Phone">
                <a href={`tel:${person.phone.replace(/\s+/g, '')}`}>{person.phone}</a>
              </Fact>
            ) : null}
            {person.email ? (
              <Fact term="Email">
                <a href={`mailto:${person.email}`}>{person.email}</a>
              </Fact>
            ) : null}
            <Fact term="Their words shared, anonymised">
              {person.consent.toShareWordsAnonymised ? 'Yes, they agreed' : 'No: their words stay inside the organisation'}
            </Fact>
            {!person.consent.toHoldInformation ? <Fact term="Holding their information">No: they withdrew their consent</Fact> : null}
          </dl>
          <p className="growth-actions">
            <Link to={`/people/${person.id}/details`}>Change their name or contact details</Link>
          </p>
          <p className="growth-actions">
            <Link to={`/people/${person.id}/consent`}>Change their consent</Link>
          </p>
          <p className="growth-actions">
            <Link to={`/people/${person.id}/moved`}>They moved to another area</Link>
          </p>
        </Section>

        <Section id="conversations" title="Conversations">
          <Conversations person={person} />
        </Section>

        <Section id="aspirations" title="Aspirations">
          {person.aspirations.length === 0 ? (
            <p className="empty">No aspirations yet. When {person.displayName ?? 'they'} sets one, it is kept here in their own words.</p>
          ) : (
            <ul className="entries">
              {person.aspirations.map((a) => (
                <li key={a.id} className="entry">
                  <p className="entry__title">
                    {a.inPersonsWords ?? 'Words no longer held'} <span className={`badge badge--${a.status.toLowerCase()}`}>{humanise(a.status)}</span>
                  </p>
                  <p className="entry__meta">
                    Set {formatDay(a.setOn)}
                    {a.closedOn ? <>, {humanise(a.status).toLowerCase()} {formatDay(a.closedOn)}</> : null}
                  </p>
                  {a.status === 'ACTIVE' ? (
                    <p className="entry__actions growth-actions">
                      <Link to={`/people/${person.id}/aspirations/${a.id}?action=progress`}>
                        Note progress<span className="visually-hidden"> on “{a.inPersonsWords ?? 'this aspiration'}”</span>
                      </Link>
                      <Link to={`/people/${person.id}/aspirations/${a.id}`}>
                        Achieved, changed or let go<span className="visually-hidden"> – “{a.inPersonsWords ?? 'this aspiration'}”</span>
                      </Link>
                    </p>
                  ) : null}
                  {a.history.length > 1 ? (
                    <details>
                      <summary>History ({a.history.length} steps)</summary>
                      <ol className="history">
                        {a.history.map((step, i) => (
                          <li key={i}>
                            {formatDay(step.occurredOn)}: {humanise(step.kind.replace(/^aspiration\./, ''))}
                            {step.note ? <> – “{step.note}”</> : null}
                          </li>
                        ))}
                      </ol>
                    </details>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="growth-actions">
            <Link to={`/people/${person.id}/aspirations/new`}>Add an aspiration</Link>
          </p>
        </Section>

        <Section id="strengths" title="Strengths">
          {person.strengths.length === 0 ? (
            <p className="empty">No strengths noted yet. Note what they are good at or enjoy when it comes up in a conversation.</p>
          ) : (
            <ul className="entries">
              {person.strengths.map((s) => (
                <li key={s.id} className="entry">
                  <p className="entry__title">{s.inPersonsWords ?? 'Words no longer held'}</p>
                  <p className="entry__meta">
                    Noticed by {s.noticedBy === 'PERSON' ? 'them' : 'their coach'}, {formatDay(s.noticedOn)}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p className="growth-actions">
            <Link to={`/people/${person.id}/strengths/new`}>Notice a strength</Link>
          </p>
        </Section>

        <Section id="connections" title="Connections">
          {person.connections.length === 0 ? (
            <p className="empty">No connections yet: people, groups or activities they become linked with appear here.</p>
          ) : (
            <ul className="entries">
              {person.connections.map((c) => (
                <li key={c.id} className="entry">
                  <p className="entry__title">
                    {c.description ?? 'Words no longer held'} <span className="badge">{connectionLabel(c.kind)}</span>
                  </p>
                  <p className="entry__meta">
                    Since {formatDay(c.madeOn)}
                    {c.current ? '' : `, ended ${formatDay(c.endedOn)}`}
                  </p>
                  {c.current ? (
                    <p className="entry__actions">
                      <Link to={`/people/${person.id}/connections/${c.id}/end`}>
                        End this connection<span className="visually-hidden"> with {c.description ?? connectionLabel(c.kind).toLowerCase()}</span>
                      </Link>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <p className="growth-actions">
            <Link to={`/people/${person.id}/connections/new`}>Add a connection</Link>
          </p>
        </Section>

        <Section id="budgets" title="Personal budgets">
          {person.budgets.length === 0 ? (
            <p className="empty">No personal budget requests. A personal budget is money the person decides how to use.</p>
          ) : (
            <ul className="entries">
              {person.budgets.map((b) => (
                <li key={b.id} className="entry">
                  <p className="entry__title">
                    {b.purpose ?? 'Words no longer held'} <span className={`badge badge--${b.status.toLowerCase()}`}>{humanise(b.status)}</span>
                  </p>
                  <p className="entry__meta">
                    Asked for {pounds(b.amountPence)} on {formatDay(b.requestedOn)}
                    {b.approvedPence > 0 ? <>; approved {pounds(b.approvedPence)}</> : null}
                    {b.spentPence > 0 ? <>; spent {pounds(b.spentPence)}</> : null}
                  </p>
                </li>
              ))}
            </ul>
          )}
          <p className="growth-actions">
            <Link to={`/people/${person.id}/budgets/new`}>Ask for a personal budget</Link>
          </p>
        </Section>

        <Section id="wellbeing" title="Wellbeing">
          <Wellbeing trend={person.wellbeingTrend} />
          <p className="growth-actions">
            <Link to={`/people/${person.id}/wellbeing/check-in`}>Start a wellbeing check-in</Link>
          </p>
        </Section>

        <Section id="timeline" title="Timeline">
          <p className="aside">The relationship as it unfolded, newest first.</p>
          <ol className="timeline" reversed>
            {[...person.timeline].reverse().map((step, i) => (
              <li key={i} className="timeline__step">
                <p className="timeline__when">{formatDay(step.occurredOn)}</p>
                <p className="timeline__what">
                  {timelineLabel(step.kind)}
                  {step.kind === 'interaction.recorded' && step.detail ? <> ({channelLabel(step.detail.toUpperCase()).toLowerCase()})</> : null}
                  {step.kind !== 'interaction.recorded' && step.detail ? <> ({humanise(step.detail).toLowerCase()})</> : null}
                </p>
                {step.note ? <p className="timeline__note">“{step.note}”</p> : null}
              </li>
            ))}
          </ol>
        </Section>

        <Section id="information" title="Their information">
          <p>They can ask to see everything held about them, and they can ask to be forgotten.</p>
          <PersonRecordDownload personId={person.id} />
          <p>
            If they ask to be forgotten, pass this reference to an administrator: <code className="reference">{person.id}</code>. Forgetting cannot be undone: their
            name, contact details and words can no longer be read anywhere, while the anonymous counts stay.
          </p>
        </Section>
      </div>
    </>
  );
}

function Section({ id, title, children }: { readonly id: string; readonly title: string; readonly children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="section">
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

const FIRST_CONVERSATIONS = 5;

function Conversations({ person }: { readonly person: Person }) {
  const [all, setAll] = useState(false);
  const list = person.interactions;
  if (list.length === 0) {
    return (
      <p className="empty">
        No conversations recorded yet.
        {canRecordConversation(person.relationship.status) ? ' Record the first one after you next talk: it takes under a minute.' : ''}
      </p>
    );
  }
  const shown = all ? list : list.slice(0, FIRST_CONVERSATIONS);
  return (
    <>
      <ul className="entries">
        {shown.map((talk) => (
          <li key={talk.id} className="entry">
            <p className="entry__meta">
              {formatDay(talk.occurredOn)} · {channelLabel(talk.channel)}
              {talk.place ? <>, {placeLabel(talk.place).toLowerCase()}</> : null} · {talk.minutes} min ·{' '}
              {talk.initiatedBy === 'PERSON' ? 'they got in touch' : 'coach got in touch'}
            </p>
            <p className="entry__title">{talk.whatMattered ?? 'Words no longer held'}</p>
            <Tags label="Strengths noticed" values={talk.strengthsNoticed} />
            <Tags label="Aspirations mentioned" values={talk.aspirationsMentioned} />
            <Tags label="Connections made" values={talk.connectionsMade} />
            {talk.organisationsIntroduced.length > 0 ? (
              <p className="entry__meta">
                Introduced to {talk.organisationsIntroduced.length === 1 ? 'one organisation' : `${talk.organisationsIntroduced.length} organisations`}
              </p>
            ) : null}
            <p className="entry__actions">
              <Link to={`/people/${person.id}/observations/new?interaction=${talk.id}`}>
                Record an observation from this conversation<span className="visually-hidden"> on {formatDay(talk.occurredOn)}</span>
              </Link>
            </p>
          </li>
        ))}
      </ul>
      {list.length > FIRST_CONVERSATIONS ? (
        <Button type="button" variant="secondary" onClick={() => setAll(!all)} aria-expanded={all}>
          {all ? 'Show fewer conversations' : `Show all ${list.length} conversations`}
        </Button>
      ) : null}
    </>
  );
}

function Tags({ label, values }: { readonly label: string; readonly values: readonly string[] }) {
  if (values.length === 0) return null;
  return (
    <p className="tags">
      <span className="tags__label">{label}:</span>{' '}
      {values.map((value, i) => (
        <span key={i} className="tag">
          {value}
        </span>
      ))}
    </p>
  );
}

const SCALE_NAME: Record<string, string> = { WEMWBS: 'WEMWBS (14 to 70)', SWEMWBS: 'SWEMWBS (7 to 35)' };

function Wellbeing({ trend }: { readonly trend: Person['wellbeingTrend'] }) {
  if (trend.checkIns.length === 0) {
    return <p className="empty">No wellbeing check-ins. One is recorded only when the person chooses to do one.</p>;
  }
  return (
    <>
      {trend.changes.map((c) => (
        <p key={c.scale}>
          {SCALE_NAME[c.scale] ?? c.scale}: {formatScore(c.first.score)} on {formatDay(c.first.checkedInOn)}
          {c.checkIns > 1 ? (
            <>
              , {formatScore(c.latest.score)} on {formatDay(c.latest.checkedInOn)} ({c.change >= 0 ? 'up' : 'down'} {formatScore(Math.abs(c.change))}, over{' '}
              {c.checkIns} check-ins)
            </>
          ) : (
            ' (one check-in so far)'
          )}
        </p>
      ))}
      <table className="table">
        <caption className="visually-hidden">Wellbeing check-ins, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Scale</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {trend.checkIns.map((c) => (
            <tr key={c.id}>
              <td>{formatDay(c.checkedInOn)}</td>
              <td>{c.scale}</td>
              <td>{formatScore(c.score)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2);
}
