import { type FormEvent, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../api/errors.js';
import { graphql } from '../gql/index.js';
import { Button, ErrorSummary } from '../components/Feedback.js';
import { Checkbox, TextField } from '../components/Field.js';
import { Page } from '../components/Page.js';

const ChangePasswordDocument = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword) {
      id
    }
  }
`);

const LABELS: Record<string, string> = {
  currentPassword: 'Current password',
  newPassword: 'New password',
  confirmPassword: 'New password again',
};

/** How the API's field problems begin, e.g. "The new password must be at least 12 characters". */
const SUBJECTS: Record<string, string> = {
  currentPassword: 'The password you typed',
  newPassword: 'The new password',
};

export function ChangePassword() {
  const navigate = useNavigate();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [show, setShow] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, change] = useMutation(ChangePasswordDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    const found: Problem[] = [];
    if (!current) found.push({ field: 'currentPassword', message: 'Enter your current password' });
    if (next.length < 12) found.push({ field: 'newPassword', message: 'The new password must be at least 12 characters' });
    else if (next === current) found.push({ field: 'newPassword', message: 'The new password must differ from your current password' });
    if (next.length >= 12 && again !== next) found.push({ field: 'confirmPassword', message: 'Type the new password again, exactly the same' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await change({ currentPassword: current, newPassword: next });
    if (result.error) {
      const failure = failureOf(result.error);
      const { summary } = fieldErrors(failure.problems, SUBJECTS);
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    navigate('/', { state: { notice: 'Your password is changed. You stay signed in here; any other sessions have ended.' } });
  }

  const type = show ? 'text' : 'password';
  return (
    <Page title="Change your password" back={{ to: '/', label: 'Home' }}>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <TextField
          id="currentPassword"
          label={LABELS.currentPassword}
          type={type}
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
          error={byField.currentPassword}
        />
        <TextField
          id="newPassword"
          label={LABELS.newPassword}
          hint="At least 12 characters. A few unrelated words make a strong one that is easy to remember."
          type={type}
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={byField.newPassword}
        />
        <TextField
          id="confirmPassword"
          label={LABELS.confirmPassword}
          type={type}
          autoComplete="new-password"
          value={again}
          onChange={(e) => setAgain(e.target.value)}
          error={byField.confirmPassword}
        />
        <Checkbox id="show-passwords" label="Show passwords" checked={show} onChange={setShow} />
        <Button type="submit" busy={fetching} busyLabel="Changing…">
          Change password
        </Button>
      </form>
    </Page>
  );
}
