import { Link } from 'react-router';
import { hasRole, type Role, useUser } from '../api/session.js';
import { Page } from '../components/Page.js';
import { ROLE_NAMES } from '../lib/words.js';

interface RoleCard {
  readonly text: string;
  readonly links: readonly { readonly to: string; readonly label: string }[];
}

/** Each role's main jobs, with the screens for them. */
const ROLE_CARDS: Partial<Record<Role, RoleCard>> = {
  INFLUENCER: {
    text: 'Read across observations, curate themes from them, approve quotes for sharing, and feed back to services.',
    links: [
      { to: '/themes', label: 'Open the theme board' },
      { to: '/observations', label: 'Read observations' },
      { to: '/quotes', label: 'Quotes to approve' },
      { to: '/reports', label: 'Feedback reports' },
      { to: '/reports/overdue', label: 'Overdue responses' },
    ],
  },
  PARTNER: {
    text: 'Read the feedback shared with your service, respond to it, agree changes and see whether they made a difference.',
    links: [{ to: '/shared-reports', label: 'Feedback for your service' }],
  },
  COMMISSIONER: {
    text: 'See the feedback shared with the services in your area, and how they answered it.',
    links: [{ to: '/area', label: 'See your area' }],
  },
  LEADER: {
    text: 'Review what the organisation has learned over time: outcomes, themes, how services answered feedback, and reflections.',
    links: [
      { to: '/learning', label: 'Learning over time' },
      { to: '/learning/reflections/new', label: 'Add a reflection' },
    ],
  },
  ADMIN: {
    text: 'Invite people and give them roles; set up areas, teams, organisations and categories; read the audit log.',
    links: [
      { to: '/admin/users', label: 'Users and roles' },
      { to: '/admin/teams', label: 'Areas and teams' },
      { to: '/admin/organisations', label: 'Organisations' },
      { to: '/admin/categories', label: 'Categories' },
      { to: '/admin/audit', label: 'Audit log' },
      { to: '/admin/people', label: 'People’s information' },
    ],
  },
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
      {roles.map((role) => {
        const card = ROLE_CARDS[role];
        if (!card) return null;
        return (
          <section key={role} aria-labelledby={`role-${role}`} className="card">
            <h2 id={`role-${role}`}>{ROLE_NAMES[role] ?? role}</h2>
            <p>{card.text}</p>
            <ul className="actions">
              {card.links.map((link, i) => (
                <li key={link.to}>
                  <Link className={`button ${i === 0 ? 'button--primary' : 'button--secondary'}`} to={link.to}>
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        );
      })}
      {roles.length === 0 ? (
        <p>Your account has no role yet, so there is nothing to do here. Ask an administrator to give you the role you need.</p>
      ) : null}
      <p>
        You can also <Link to="/account/password">change your password</Link>.
      </p>
    </Page>
  );
}
