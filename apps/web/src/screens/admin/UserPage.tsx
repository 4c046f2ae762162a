import { type FormEvent, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { useMutation, useQuery } from 'urql';
import { failureOf, type Problem } from '../../api/errors.js';
import { useUser } from '../../api/session.js';
import { graphql } from '../../gql/index.js';
import type { AdminUsersQuery } from '../../gql/graphql.js';
import { useCommand } from '../../api/command.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { SelectField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { uuid } from '../../lib/dates.js';
import { Announce } from '../partner/Announce.js';
import { AdminNav, type GrantChoice, GrantFields, grantInput, grantLabel, grantProblems, type Reference, useReference } from './AdminParts.js';
import { AdminUsersDocument } from './Users.js';

const AdminGrantRoleDocument = graphql(`
  mutation AdminGrantRole($commandId: ID!, $userId: ID!, $grant: GrantInput!) {
    grantRole(commandId: $commandId, userId: $userId, grant: $grant) {
      id
    }
  }
`);

const AdminRevokeRoleDocument = graphql(`
  mutation AdminRevokeRole($commandId: ID!, $userId: ID!, $grant: GrantInput!) {
    revokeRole(commandId: $commandId, userId: $userId, grant: $grant) {
      id
    }
  }
`);

const AdminDeactivateDocument = graphql(`
  mutation AdminDeactivateUser($commandId: ID!, $userId: ID!) {
    deactivateUser(commandId: $commandId, userId: $userId) {
      id
    }
  }
`);

const AdminReactivateDocument = graphql(`
  mutation AdminReactivateUser($commandId: ID!, $userId: ID!) {
    reactivateUser(commandId: $commandId, userId: $userId) {
      id
    }
  }
`);

type Account = AdminUsersQuery['users'][number];
type Grant = Account['grants'][number];

/** One user: their roles (give one, take one away) and whether they can sign in. */
export function UserPage() {
  const { userId = '' } = useParams();
  const [{ data, error }, refetch] = useQuery({ query: AdminUsersDocument, requestPolicy: 'cache-and-network' });
  const reference = useReference();
  const account = data?.users.find((u) => u.userId === userId);
  const reload = () => refetch({ requestPolicy: 'network-only' });
  return (
    // Staff names are not personal data of the people coached, but the title stays generic all the same.
    <Page title="A user’s roles" heading={account?.displayName ?? 'A user'} back={{ to: '/admin/users', label: 'Users and roles' }}>
      <AdminNav />
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {reference.error && !reference.data ? <ErrorAlert>{failureOf(reference.error).message}</ErrorAlert> : null}
      {(!data && !error) || (!reference.data && !reference.error) ? <Loading what="their roles" /> : null}
      {data && !account ? <ErrorAlert>There is no user at this address. Go back to Users and roles and choose them from the list.</ErrorAlert> : null}
      {account && reference.data ? <Manage account={account} reference={reference.data} reload={reload} /> : null}
    </Page>
  );
}

function Manage({ account, reference, reload }: { readonly account: Account; readonly reference: Reference; readonly reload: () => void }) {
  const me = useUser();
  const [notice, setNotice] = useState<{ text: string; n: number }>();
  const [problem, setProblem] = useState<string>();
  const announce = (text: string) => {
    setProblem(undefined);
    setNotice((old) => ({ text, n: (old?.n ?? 0) + 1 }));
    reload();
  };
  const [{ fetching: revoking }, revoke] = useMutation(AdminRevokeRoleDocument);
  const [{ fetching: deactivating }, deactivate] = useMutation(AdminDeactivateDocument);
  const [{ fetching: reactivating }, reactivate] = useMutation(AdminReactivateDocument);
  const [pending, setPending] = useState<string>();

  async function takeAway(grant: Grant) {
    const key = grantKey(grant);
    setPending(key);
    const input = { role: grant.role, teamId: grant.teamId ?? null, organisationId: grant.organisationId ?? null, areaId: grant.areaId ?? null };
    const result = await revoke({ commandId: uuid(), userId: account.userId, grant: input });
    setPending(undefined);
    if (result.error || !result.data) return setProblem(result.error ? failureOf(result.error).message : 'Taking the role away did not work. Try again.');
    announce(`${grantLabel(grant, reference)}: taken away from ${account.displayName}.`);
  }

  async function switchActive() {
    const result = account.active ? await deactivate({ commandId: uuid(), userId: account.userId }) : await reactivate({ commandId: uuid(), userId: account.userId });
    if (result.error || !result.data) return setProblem(result.error ? failureOf(result.error).message : 'That did not work. Try again.');
    announce(account.active ? `${account.displayName} can no longer sign in; their sessions have ended.` : `${account.displayName} can sign in again.`);
  }

  return (
    <>
      {notice ? (
        <Announce id={notice.n}>
          <p>{notice.text}</p>
        </Announce>
      ) : null}
      {problem ? <ErrorAlert>{problem}</ErrorAlert> : null}
      <dl className="facts facts--wrap">
        <div className="facts__row">
          <dt>Email address</dt>
          <dd>{account.email}</dd>
        </div>
        <div className="facts__row">
          <dt>Signing in</dt>
          <dd>{account.active ? 'Can sign in' : 'Deactivated: cannot sign in'}</dd>
        </div>
      </dl>
      <section className="section" aria-labelledby="roles-heading">
        <h2 id="roles-heading">Roles</h2>
        {account.grants.length === 0 ? (
          <p>No role yet: they can sign in but see nothing. Give them a role below.</p>
        ) : (
          <ul className="entries">
            {account.grants.map((grant) => (
              <li className="entry entry--row" key={grantKey(grant)}>
                <span>{grantLabel(grant, reference)}</span>
                {account.userId === me.userId && grant.role === 'ADMIN' ? (
                  <span className="aside">Your own: another administrator can take it away.</span>
                ) : (
                  <Button type="button" variant="secondary" busy={revoking && pending === grantKey(grant)} busyLabel="Taking away…" onClick={() => void takeAway(grant)}>
                    Take away<span className="visually-hidden"> the role {grantLabel(grant, reference)}</span>
                  </Button>
                )}
              </li>
            ))}
          </ul>
        )}
        <GiveRole account={account} reference={reference} onDone={(label) => announce(`${label}: given to ${account.displayName}.`)} />
      </section>
      {account.coachId || account.grants.some((g) => g.role === 'COACH') ? <CoachRecord account={account} reference={reference} onDone={announce} /> : null}
      <section className="section" aria-labelledby="access-heading">
        <h2 id="access-heading">{account.active ? 'Stop them signing in' : 'Let them sign in again'}</h2>
        {account.active ? (
          <p>When someone leaves, deactivate their account: they can no longer sign in, and any session they have open ends at once. Their roles are kept, so it can be undone.</p>
        ) : (
          <p>Their roles are as they were when they were deactivated.</p>
        )}
        {account.userId === me.userId && account.active ? (
          <p className="aside">This is your own account: ask another administrator to deactivate it.</p>
        ) : (
          <Button type="button" variant="secondary" busy={deactivating || reactivating} busyLabel={account.active ? 'Deactivating…' : 'Reactivating…'} onClick={() => void switchActive()}>
            {account.active ? 'Deactivate' : 'Reactivate'}
          </Button>
        )}
      </section>
    </>
  );
}

const grantKey = (g: Grant) => `${g.role}:${g.teamId ?? ''}:${g.organisationId ?? ''}:${g.areaId ?? ''}`;

function GiveRole({ account, reference, onDone }: { readonly account: Account; readonly reference: Reference; readonly onDone: (label: string) => void }) {
  const [commandId, setCommandId] = useState(uuid);
  const [grant, setGrant] = useState<GrantChoice>({ role: '', scope: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, give] = useMutation(AdminGrantRoleDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    const found: Problem[] = grantProblems('grant', grant);
    setProblems(found);
    if (found.length > 0) return;
    const input = grantInput(grant);
    const result = await give({ commandId, userId: account.userId, grant: input });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: 'Giving the role did not work. Try again.', problems: [] };
      setProblems([{ message: failure.problems[0] ? `The role ${failure.problems[0].message}` : failure.message }]);
      return;
    }
    setCommandId(uuid());
    setGrant({ role: '', scope: '' });
    onDone(grantLabel(input, reference));
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="give-heading">
      <h3 id="give-heading">Give a role</h3>
      <ErrorSummary problems={problems} />
      <GrantFields idPrefix="grant" value={grant} onChange={setGrant} reference={reference} errors={byField} />
      <Button type="submit" busy={fetching}>
        Give this role
      </Button>
    </form>
  );
}

const AdminCoachesDocument = graphql(`
  query AdminCoaches {
    coaches {
      id
      displayName
      teamId
    }
  }
`);

const AdminLinkCoachRecordDocument = graphql(`
  mutation AdminLinkCoachRecord($commandId: ID!, $userId: ID!, $coachId: ID) {
    linkCoachRecord(commandId: $commandId, userId: $userId, coachId: $coachId) {
      id
    }
  }
`);

/**
 * Which coach record is this account's: once linked, the coach's screens open on their own
 * people without asking. Coaches in the teams the account coaches in are listed first.
 */
function CoachRecord({ account, reference, onDone }: { readonly account: Account; readonly reference: Reference; readonly onDone: (text: string) => void }) {
  const [{ data, error }] = useQuery({ query: AdminCoachesDocument, requestPolicy: 'cache-and-network' });
  const [running, link] = useCommand(AdminLinkCoachRecordDocument, ['UserView']);
  const [chosen, setChosen] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const teamName = (teamId: string) => reference.teams.find((t) => t.id === teamId)?.name ?? 'a team';
  const coachTeams = account.grants.filter((g) => g.role === 'COACH').map((g) => g.teamId);
  const coaches = [...(data?.coaches ?? [])].sort((a, b) => Number(coachTeams.includes(b.teamId)) - Number(coachTeams.includes(a.teamId)));
  const linked = data?.coaches.find((c) => c.id === account.coachId);

  async function run(event: FormEvent, coachId: string | null) {
    event.preventDefault();
    if (running) return;
    if (coachId === '') return setProblems([{ field: 'coach-record', message: 'Choose the coach record that is theirs' }]);
    setProblems([]);
    const result = await link({ userId: account.userId, coachId });
    if (!result.ok) return setProblems([{ field: 'coach-record', message: result.failure.message }]);
    setChosen('');
    const coach = data?.coaches.find((c) => c.id === coachId);
    onDone(coach ? `${account.displayName} is now the coach ${coach.displayName} (${teamName(coach.teamId)}).` : `${account.displayName} is no longer linked to a coach record.`);
  }

  return (
    <section className="section" aria-labelledby="coach-record-heading">
      <h2 id="coach-record-heading">Their coach record</h2>
      <p>
        {account.coachId
          ? linked
            ? <>Linked to the coach {linked.displayName} ({teamName(linked.teamId)}): their screens open on this coach’s people.</>
            : 'Linked to a coach who has left.'
          : 'Not linked: until it is, the coach is asked which coach record is theirs when they first open My people.'}
      </p>
      {error && !data ? <ErrorAlert>{failureOf(error).message}</ErrorAlert> : null}
      {!data && !error ? <Loading what="the coach records" /> : null}
      {data ? (
        <form className="form" onSubmit={(event) => void run(event, chosen)} noValidate aria-labelledby="link-coach-heading">
          <h3 id="link-coach-heading">{account.coachId ? 'Link another coach record' : 'Link their coach record'}</h3>
          <ErrorSummary problems={problems} />
          <SelectField
            id="coach-record"
            label="Coach record"
            hint="Coaches are added to teams under Teams."
            value={chosen}
            onChange={(event) => setChosen(event.target.value)}
            error={problems[0]?.message}
            placeholder="Choose a coach"
            options={coaches.filter((c) => c.id !== account.coachId).map((c) => ({ value: c.id, label: `${c.displayName} (${teamName(c.teamId)})` }))}
          />
          <div className="action-bar">
            <Button type="submit" busy={running}>
              Link this coach record
            </Button>
            {account.coachId ? (
              <Button type="button" variant="secondary" disabled={running} onClick={(event) => void run(event, null)}>
                Unlink
              </Button>
            ) : null}
          </div>
        </form>
      ) : null}
    </section>
  );
}
