import { type FormEvent, useEffect, useState } from 'react';
import { Link, Navigate, useLocation, useSearchParams } from 'react-router';
import type { Problem } from '../api/errors.js';
import { useSession } from '../api/session.js';
import { Button, ErrorAlert, ErrorSummary, Notice } from '../components/Feedback.js';
import { Checkbox, TextField } from '../components/Field.js';
import { Page } from '../components/Page.js';

/** What to do after each refusal the API can give, added to its own message. */
const NEXT_STEP: Record<string, string> = {
  UNAUTHENTICATED: 'Check both and try again. After 5 wrong passwords in a row the account is locked for 15 minutes.',
  FORBIDDEN: 'Wait 15 minutes, then try again; if you have forgotten your password, ask an administrator for a new invitation.',
  TOO_MANY_REQUESTS: '',
};

/**
 * What went wrong with single sign-on, by the code the server sends back in `?error=` (its
 * OIDC_SIGN_IN_ERROR_CODES), and what to do. Only these words are shown: the code itself never is.
 */
const SSO_ERRORS: Record<string, string> = {
  state_mismatch:
    'Signing in with your organisation account did not finish: it was started in another browser or tab, or that sign-in was used already. Start again from this page.',
  expired: 'Signing in with your organisation account took more than 10 minutes, so it was stopped. Start again from this page.',
  provider_error:
    'Your organisation’s sign-in service did not sign you in: you may have cancelled, or it sent an answer Learning Loop could not check. Try again, or sign in with your email address and password.',
  provider_unavailable:
    'Your organisation’s sign-in service could not be reached. Try again in a few minutes, or sign in with your email address and password.',
  missing_email:
    'Your organisation account did not give Learning Loop an email address. Ask your IT team to share your email address with Learning Loop, or sign in with your email address and password.',
  email_not_verified:
    'Your organisation has not confirmed the email address on your account. Ask your IT team to confirm it, or sign in with your email address and password.',
  domain_not_allowed:
    'The email address on your organisation account is not one Learning Loop accepts for single sign-on. Sign in with the account your organisation uses for Learning Loop, or ask an administrator.',
  unknown_user: 'Your organisation account is not set up in Learning Loop: ask an administrator to invite you with that email address.',
  deactivated: 'Your Learning Loop account has been deactivated, so you cannot sign in. If you still need it, ask an administrator to reactivate it.',
};
const SSO_ERROR_OTHER =
  'Signing in with your organisation account did not work. Try again, or sign in with your email address and password. If it keeps happening, tell an administrator.';

/** Whether the server offers single sign-on (GET /auth/oidc/status); until it answers, or when it cannot, it is not offered. */
function useSingleSignOn(): boolean {
  const [enabled, setEnabled] = useState(false);
  useEffect(() => {
    const asking = new AbortController();
    fetch('/auth/oidc/status', { credentials: 'same-origin', signal: asking.signal, headers: { accept: 'application/json' } })
      .then((response) => (response.ok ? (response.json() as Promise<{ enabled?: unknown }>) : undefined))
      .then((status) => setEnabled(status?.enabled === true))
      .catch(() => undefined);
    return () => asking.abort();
  }, []);
  return enabled;
}

export function SignIn() {
  const { state, signIn } = useSession();
  const location = useLocation();
  const [params] = useSearchParams();
  const ssoCode = params.get('error');
  const ssoError = ssoCode === null ? undefined : Object.hasOwn(SSO_ERRORS, ssoCode) ? SSO_ERRORS[ssoCode] : SSO_ERROR_OTHER;
  const singleSignOn = useSingleSignOn();
  const from = (location.state as { from?: string } | null)?.from;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  // What to fix in the fields (checked here), or the API's refusal of the two together.
  const [problems, setProblems] = useState<Problem[]>([]);
  const [refused, setRefused] = useState(false);
  const [busy, setBusy] = useState(false);

  if (state.status === 'signed-in') return <Navigate to={from && from !== '/sign-in' ? from : '/'} replace />;

  const byField: Record<string, string> = refused ? {} : Object.fromEntries(problems.map((p) => [p.field, p.message]));

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const missing: Problem[] = [];
    if (!email.trim()) missing.push({ field: 'email', message: 'Enter your email address' });
    else if (!/^[^\s@]+@[^\s@]+$/.test(email.trim())) missing.push({ field: 'email', message: 'Enter your email address in the right form, like name@example.org' });
    if (!password) missing.push({ field: 'password', message: 'Enter your password' });
    setRefused(false);
    setProblems(missing);
    if (missing.length > 0) return;
    setBusy(true);
    const failure = await signIn(email.trim(), password);
    setBusy(false);
    if (failure) {
      setPassword('');
      const next = NEXT_STEP[failure.code];
      // A refusal is about the email and password together: its link goes to the first of them.
      setRefused(true);
      setProblems([{ field: 'email', message: next ? `${failure.message} ${next}` : failure.message }]);
    }
  }

  const notice = state.status === 'signed-out' ? state.notice : undefined;
  return (
    <Page title="Sign in" heading="Sign in to Learning Loop">
      {notice ? <Notice kind="info">{notice}</Notice> : null}
      {ssoError && problems.length === 0 ? (
        <ErrorAlert>
          <h2 className="notice__title">Single sign-on did not work</h2>
          <p>{ssoError}</p>
        </ErrorAlert>
      ) : null}
      <ErrorSummary problems={problems} />
      {singleSignOn ? (
        <>
          <p>
            <a className="button button--secondary" href="/auth/oidc/login">
              Sign in with your organisation account
            </a>
          </p>
          <p className="sign-in__or">Or sign in with your email address and password:</p>
        </>
      ) : null}
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id="email"
          label="Email address"
          type="email"
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={byField.email}
        />
        <TextField
          id="password"
          label="Password"
          type={showPassword ? 'text' : 'password'}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={byField.password}
        />
        <Checkbox id="show-password" label="Show password" checked={showPassword} onChange={setShowPassword} />
        <Button type="submit" busy={busy} busyLabel="Signing in…">
          Sign in
        </Button>
      </form>
      <p className="aside">
        No account yet, or forgotten your password? Ask an administrator of Learning Loop in your organisation. Invited already?{' '}
        <Link to="/invitation">Choose your password with your invitation</Link>.
      </p>
    </Page>
  );
}
