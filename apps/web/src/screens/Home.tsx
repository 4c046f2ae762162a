import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { hasRole, type Role, useUser } from '../api/session.js';
import { Page } from '../components/Page.js';
import { ROLE_NAMES } from '../lib/words.js';

/**
 * What each role can do here today. Only coaches have screens so far; every other role is told
 * plainly what exists and what does not yet.
 */
const NOT_YET: Partial<Record<Role, ReactNode>> = {
  INFLUENCER: (
    <>
      <p>
        Screens for reading across observations, curating themes and drafting feedback to services are not built yet. Through the
        GraphQL API your role can already search and read observations, match an observation to the organisation it names, register
        and merge organisations, and forget a person who asks to be forgotten.
      </p>
    </>
  ),
  ADMIN: (
    <p>
      Screens for inviting people, giving roles, and setting up areas, teams, coaches, organisations and categories are not built yet.
      Today an administrator does these through the GraphQL API.
    </p>
  ),
  LEADER: <p>Screens for reviewing what the organisation has learned over time are not built yet. There is nothing for your role to see here today.</p>,
  PARTNER: (
    <p>
      Feedback about your service will appear here once feedback reports are built. Nothing has been shared with your service through
      this site yet.
    </p>
  ),
  COMMISSIONER: <p>Area-wide themes and outcomes will appear here once they are built. There is nothing for your role to see here today.</p>,
};

export function Home() {
  const user = useUser();
  const roles = [...new Set(user.grants.map((grant) => grant.role))];
  return (
    <Page title="Home" heading={`Hello, ${user.displayName}`}>
      {hasRole(user, 'COACH') ? (
        <section aria-labelledby="coach-heading" className="card">
          <h2 id="coach-heading">Coaching</h2>
          <p>See who you have not been in touch with for longest, open a person’s page, record a conversation or what a service did.</p>
          <ul className="actions">
            <li>
              <Link className="button button--primary" to="/people">
                My people
              </Link>
            </li>
            <li>
              <Link className="button button--secondary" to="/observations/new">
                Record an observation
              </Link>
            </li>
          </ul>
        </section>
      ) : null}
      {roles
        .filter((role) => NOT_YET[role])
        .map((role) => (
          <section key={role} aria-labelledby={`role-${role}`} className="card">
            <h2 id={`role-${role}`}>{ROLE_NAMES[role] ?? role}</h2>
            {NOT_YET[role]}
          </section>
        ))}
      {roles.length === 0 ? (
        <p>Your account has no role yet, so there is nothing to do here. Ask an administrator to give you the role you need.</p>
      ) : null}
      <p>
        You can also <Link to="/account/password">change your password</Link>.
      </p>
    </Page>
  );
}
