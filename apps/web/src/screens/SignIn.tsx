import { type FormEvent, useState } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Problem } from '../api/errors.js';
import { useSession } from '../api/session.js';
import { Button, ErrorSummary, Notice } from '../components/Feedback.js';
import { Checkbox, TextField } from '../components/Field.js';
import { Page } from '../components/Page.js';

/** What to do after each refusal the API can give, added to its own message. */
const NEXT_STEP: Record<string, string> = {
  UNAUTHENTICATED: 'Check both and try again. After 5 wrong passwords in a row the account is locked for 15 minutes.',
  FORBIDDEN: 'Wait 15 minutes, then try again; if you have forgotten your password, ask an administrator for a new invitation.',
  TOO_MANY_REQUESTS: '',
};

export function SignIn() {
  const { state, signIn } = useSession();
  const location = useLocation();
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
      <ErrorSummary problems={problems} />
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
        No account yet, or forgotten your password? Ask an administrator of Learning Loop in your organisation.
      </p>
    </Page>
  );
}
