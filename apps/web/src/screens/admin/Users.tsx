import { type FormEvent, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { uuid } from '../../lib/dates.js';
import { Announce } from '../partner/Announce.js';
import { AdminNav, type GrantChoice, GrantFields, grantInput, grantLabel, grantProblems, type Reference, useReference } from './AdminParts.js';

export const AdminUsersDocument = graphql(`
  query AdminUsers {
    users {
      userId
      displayName
      email
      active
      coachId
      grants {
        role
        teamId
        organisationId
        areaId
      }
    }
  }
`);

const AdminInviteDocument = graphql(`
  mutation AdminInviteUser($commandId: ID!, $input: InviteUserInput!) {
    inviteUser(commandId: $commandId, input: $input) {
      userId
      invitationToken
      expiresAt
    }
  }
`);

const SUBJECTS: Record<string, string> = { displayName: 'Their name', email: 'Their email address', grants: 'The role' };
const FORM_FIELD: Record<string, string> = { displayName: 'invite-name', email: 'invite-email', grants: 'invite-role' };

/** Everyone who can sign in (or could), with their roles; and inviting someone new. */
export function Users() {
  const [{ data, error, fetching }, refetch] = useQuery({ query: AdminUsersDocument, requestPolicy: 'cache-and-network' });
  const reference = useReference();
  const users = data ? [...data.users].sort((a, b) => Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName)) : undefined;
  return (
    <Page title="Users and roles" wide>
      <AdminNav />
      {reference.data ? <InviteForm reference={reference.data} onInvited={() => refetch({ requestPolicy: 'network-only' })} /> : null}
      <section className="section" aria-labelledby="users-heading">
        <h2 id="users-heading">Users</h2>
        {(error && !users) || (reference.error && !reference.data) ? <ErrorAlert>{failureOf((error ?? reference.error)!).message}</ErrorAlert> : null}
        {!users && fetching ? <Loading what="users" /> : null}
        {users && users.length === 0 ? <p>Nobody has been invited yet. Invite the first person above.</p> : null}
        {users && users.length > 0 ? (
          <ul className="user-list">
            {users.map((user) => (
              <li className="user-list__item" key={user.userId}>
                <p className="user-list__name">
                  <Link to={`/admin/users/${user.userId}`}>{user.displayName}</Link>{' '}
                  {user.active ? null : <span className="badge badge--inactive">Deactivated</span>}
                </p>
                <p className="user-list__meta">{user.email}</p>
                <p className="user-list__meta">{user.grants.length === 0 ? 'No role yet' : user.grants.map((g) => grantLabel(g, reference.data)).join('; ')}</p>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </Page>
  );
}

function InviteForm({ reference, onInvited }: { readonly reference: Reference; readonly onInvited: () => void }) {
  const [commandId, setCommandId] = useState(uuid);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [grant, setGrant] = useState<GrantChoice>({ role: '', scope: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [invitation, setInvitation] = useState<{ name: string; token: string; expiresAt: string }>();
  const [{ fetching }, invite] = useMutation(AdminInviteDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    const found: Problem[] = [];
    if (!displayName.trim()) found.push({ field: 'invite-name', message: 'Enter their name, as colleagues know them' });
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email.trim())) found.push({ field: 'invite-email', message: 'Enter their email address, like name@example.org' });
    found.push(...grantProblems('invite', grant));
    setProblems(found);
    if (found.length > 0) return;
    const result = await invite({ commandId, input: { displayName: displayName.trim(), email: email.trim(), grants: [grantInput(grant)] } });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: 'Inviting did not work. Try again: nobody is invited twice.', problems: [] };
      const { summary } = fieldErrors(failure.problems, SUBJECTS, FORM_FIELD);
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    setInvitation({ name: displayName.trim(), token: result.data.inviteUser.invitationToken, expiresAt: result.data.inviteUser.expiresAt });
    setCommandId(uuid());
    setDisplayName('');
    setEmail('');
    setGrant({ role: '', scope: '' });
    onInvited();
  }

  return (
    <section className="section" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite someone</h2>
      {invitation ? (
        <Announce id={invitation.token}>
          <p>
            {invitation.name} is invited. Give them this link, privately (not in a shared channel): they open it once to choose their password. It
            is shown only now, and it stops working on {new Date(invitation.expiresAt).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' })}.
          </p>
          <p>
            Invitation link: <code className="invitation-link">{`${window.location.origin}/invitation?token=${encodeURIComponent(invitation.token)}`}</code>
          </p>
          <p>
            Or, if they open {window.location.origin}/invitation themselves, the invitation token: <code className="token">{invitation.token}</code>
          </p>
        </Announce>
      ) : null}
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField id="invite-name" label="Their name" autoComplete="off" value={displayName} onChange={(e) => setDisplayName(e.target.value)} error={byField['invite-name']} maxLength={200} />
        <TextField
          id="invite-email"
          label="Their email address"
          type="email"
          autoComplete="off"
          spellCheck={false}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={byField['invite-email']}
        />
        <GrantFields idPrefix="invite" value={grant} onChange={setGrant} reference={reference} errors={byField} />
        <Button type="submit" busy={fetching} busyLabel="Inviting…">
          Invite
        </Button>
      </form>
    </section>
  );
}
