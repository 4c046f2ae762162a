import { type FormEvent, useEffect, useMemo, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { makeClient } from '../api/client.js';
import { failureOf, fieldErrors, type Problem } from '../api/errors.js';
import { useSession } from '../api/session.js';
import { graphql } from '../gql/index.js';
import { Button, ErrorSummary, Notice } from '../components/Feedback.js';
import { Checkbox, TextField } from '../components/Field.js';
import { Page } from '../components/Page.js';

const AcceptInvitationDocument = graphql(`
  mutation AcceptInvitation($invitationToken: String!, $password: String!) {
    acceptInvitation(invitationToken: $invitationToken, password: $password) {
      id
    }
  }
`);

/** The API's rules for a password (libs/access, password.ts): said up front, and checked here too. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
const PASSWORD_RULES =
  `At least ${PASSWORD_MIN} characters (and at most ${PASSWORD_MAX}), and not your email address. ` +
  'A few unrelated words make a strong password that is easy to remember.';

/** How the API's field problems begin, e.g. "The password must not be your email address". */
const SUBJECTS: Record<string, string> = { password: 'The password', invitationToken: 'The invitation token' };
const FORM_FIELD: Record<string, string> = { invitationToken: 'token' };

/**
 * The API refuses an unknown, used or expired token alike (it does not say which), so one
 * message covers the three, with what to do for each.
 */
const INVITATION_NOT_VALID =
  'This invitation cannot be used: it has been used already, it has expired (an invitation lasts 7 days), or the token is not complete. ' +
  'Check you copied the whole link or token. If you have already chosen your password with it, sign in instead. ' +
  'Otherwise, ask the administrator who invited you for a new invitation.';

const DONE = 'Your password is set: sign in with your email address and your new password.';

/**
 * Choosing a password with the one-time invitation an administrator gave: public (before the
 * person has a password). The link carries the token as `?token=`; it is taken into the form and
 * then out of the address bar (the history entry is replaced), so it does not stay in the
 * browser's history. Once the password is set, the person signs in.
 */
export function AcceptInvitation() {
  const location = useLocation();
  const navigate = useNavigate();
  const { state } = useSession();
  const [token, setToken] = useState(() => new URLSearchParams(location.search).get('token')?.trim() ?? '');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [show, setShow] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);
  const signedInAs = state.status === 'signed-in' ? state.user.displayName : undefined;

  // The token came in the link: keep it in the form, and take it out of the address bar and history.
  useEffect(() => {
    if (new URLSearchParams(location.search).has('token')) navigate({ pathname: location.pathname, search: '', hash: location.hash }, { replace: true, state: location.state });
  }, [location, navigate]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const found: Problem[] = [];
    const given = token.trim();
    if (!given) found.push({ field: 'token', message: 'Enter the invitation token from your administrator, or open the link they sent you' });
    if (password.length < PASSWORD_MIN) found.push({ field: 'password', message: `The password must be at least ${PASSWORD_MIN} characters` });
    else if (password.length > PASSWORD_MAX) found.push({ field: 'password', message: `The password must be at most ${PASSWORD_MAX} characters` });
    else if (again !== password) found.push({ field: 'confirmPassword', message: 'Type the same password again: the two do not match' });
    setProblems(found);
    if (found.length > 0) return;
    setBusy(true);
    // Its own client: a refusal here (UNAUTHENTICATED for a token that does not work) must not
    // end a session this browser may have; that session's CSRF token goes with it all the same.
    const client = makeClient({ csrfToken: state.status === 'signed-in' ? state.csrfToken : undefined });
    const result = await client.mutation(AcceptInvitationDocument, { invitationToken: given, password }).toPromise();
    setBusy(false);
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { code: 'INTERNAL', message: 'Setting your password did not work. Try again.', problems: [] };
      if (failure.code === 'UNAUTHENTICATED') {
        setProblems([{ field: 'token', message: INVITATION_NOT_VALID }]);
      } else if (failure.code === 'TOO_MANY_REQUESTS') {
        setProblems([{ message: 'There have been too many attempts from here in the last minute. Wait a minute, then try again.' }]);
      } else {
        const { summary } = fieldErrors(failure.problems, SUBJECTS, FORM_FIELD);
        setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      }
      return;
    }
    setPassword('');
    setAgain('');
    setToken('');
    // Signed in as someone else here, the sign-in page would go straight home: say it on this page instead.
    if (signedInAs) setDone(true);
    else navigate('/sign-in', { state: { notice: DONE } });
  }

  const type = show ? 'text' : 'password';
  return (
    <Page title="Choose your password" heading="Choose your password for Learning Loop">
      {done ? (
        <Notice>
          <p>Your password is set. This browser is still signed in as {signedInAs}: sign out, then sign in with your email address and your new password.</p>
        </Notice>
      ) : (
        <>
          <p>An administrator has invited you to Learning Loop. Choose the password you will sign in with; the invitation then stops working.</p>
          {signedInAs ? (
            <Notice kind="info">
              <p>This browser is signed in as {signedInAs}. If the invitation is for you under another email address, you can still choose its password here.</p>
            </Notice>
          ) : null}
          <ErrorSummary problems={problems} />
          <form className="form" onSubmit={submit} noValidate>
            <TextField
              id="token"
              label="Invitation token"
              hint="Filled in for you when you opened the link from your administrator. Otherwise, paste the token they gave you."
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              error={byField.token}
            />
            <TextField
              id="password"
              label="New password"
              hint={PASSWORD_RULES}
              type={type}
              autoComplete="new-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              error={byField.password}
              maxLength={PASSWORD_MAX}
            />
            <TextField
              id="confirmPassword"
              label="New password again"
              type={type}
              autoComplete="new-password"
              value={again}
              onChange={(e) => setAgain(e.target.value)}
              error={byField.confirmPassword}
              maxLength={PASSWORD_MAX}
            />
            <Checkbox id="show-passwords" label="Show passwords" checked={show} onChange={setShow} />
            <Button type="submit" busy={busy} busyLabel="Setting your password…">
              Set password
            </Button>
          </form>
        </>
      )}
      <p className="aside">
        Already chosen your password? <Link to="/sign-in">Sign in</Link>.
      </p>
    </Page>
  );
}
