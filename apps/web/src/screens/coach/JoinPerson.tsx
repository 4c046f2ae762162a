import { type FormEvent, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PEOPLE, useCommand } from '../../api/command.js';
import type { Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { ReferralSource } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { Checkbox, RadioGroup, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { today, uuid } from '../../lib/dates.js';
import { REFERRAL_SOURCES } from '../../lib/words.js';
import { dateProblem, problemsOf, StartCoachingDocument } from './CoachingChange.js';
import { detailsProblems, NameAndContactFields } from './person-form.js';
import { coachingPath } from './CoachingRelationship.js';
import { type CoachRecord, type TeamRecord, useMyCoach } from './my-coach.js';
import { ChooseCoach } from './MyPeople.js';

const JoinPersonDocument = graphql(`
  mutation JoinPerson($commandId: ID!, $input: JoinPersonInput!) {
    joinPerson(commandId: $commandId, input: $input) {
      id
      replayed
    }
  }
`);

/** How each API field is named in messages ("The phone number must be …"). */
const SUBJECTS: Record<string, string> = {
  displayName: 'The name',
  phone: 'The phone number',
  email: 'The email address',
  referralSource: 'Who suggested coaching',
  teamId: 'The team',
  joinedOn: 'The date',
  consentToHoldInformation: 'Their consent:',
  consentToShareWordsAnonymised: 'Sharing their words:',
};

/** The form's field for an API field, where they differ. */
const FORM_FIELD: Record<string, string> = { teamId: 'team' };

/**
 * Welcome someone new: who they are (the name they choose, contact details only if they want),
 * who suggested coaching, and their consent, asked for and explained first. Coaching starts the
 * same day unless the coach unticks it; then the person's page opens.
 */
export function JoinPerson() {
  const me = useMyCoach();
  return (
    <Page title="Welcome someone new" back={{ to: '/people', label: 'My people' }}>
      {me.status === 'loading' ? <Loading what="your coach record" /> : null}
      {me.status === 'failed' ? <ErrorAlert>{me.failure.message}</ErrorAlert> : null}
      {me.status === 'none' ? (
        <div className="empty">
          <p>
            You have the coach role{me.teams.length > 0 ? <> in {me.teams.map((t) => t.name).join(', ')}</> : null}, but there is no coach record for you there yet, so
            nobody can be welcomed onto your caseload.
          </p>
          <p>Ask an administrator to add you as a coach of your team. Then you can welcome people here.</p>
        </div>
      ) : null}
      {me.status === 'choose' ? <ChooseCoach candidates={me.candidates} onChoose={me.choose} /> : null}
      {me.status === 'chosen' ? <JoinForm coach={me.coach} teams={me.teams} /> : null}
    </Page>
  );
}

function JoinForm({ coach, teams }: { readonly coach: CoachRecord; readonly teams: readonly TeamRecord[] }) {
  const navigate = useNavigate();
  // Made once, so a retry after a lost answer records the same person, not a second one.
  const [personId] = useState(uuid);
  const [displayName, setDisplayName] = useState('');
  const [phone, setPhone] = useState('');
  const [email, setEmail] = useState('');
  const [referralSource, setReferralSource] = useState<ReferralSource>();
  const [teamId, setTeamId] = useState<string | undefined>(() => (teams.some((t) => t.id === coach.teamId) ? coach.teamId : teams.length === 1 ? teams[0].id : undefined));
  const [joinedOn, setJoinedOn] = useState(today);
  const [consentToHold, setConsentToHold] = useState(false);
  const [share, setShare] = useState<'yes' | 'no'>();
  const [startToday, setStartToday] = useState(true);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [joining, join] = useCommand(JoinPersonDocument, PEOPLE);
  const [starting, start] = useCommand(StartCoachingDocument, PEOPLE);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])) as Record<string, string>, [problems]);
  const busy = joining || starting;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    // In the order the form shows the fields.
    const name = displayName.trim();
    const found: Problem[] = detailsProblems(name, phone.trim(), email.trim());
    if (!referralSource) found.push({ field: 'referralSource', message: 'Choose who suggested coaching to them' });
    const team = teams.find((t) => t.id === teamId);
    if (!team) found.push({ field: 'team', message: 'Choose which team will coach them' });
    const date = dateProblem('joinedOn', joinedOn, { what: '' });
    if (date) found.push(date);
    if (!consentToHold) {
      found.push({ field: 'consentToHoldInformation', message: 'Ask them first: someone can only be recorded if they agree to their information being held' });
    }
    if (!share) found.push({ field: 'consentToShareWordsAnonymised', message: 'Say whether they are happy for their words to be shared without their name' });
    setProblems(found);
    if (found.length > 0) return;

    const joined = await join({
      input: {
        personId,
        displayName: name,
        phone: phone.trim() || null,
        email: email.trim() || null,
        referralSource: referralSource!,
        areaId: team!.areaId,
        teamId: team!.id,
        coachId: coach.id,
        joinedOn,
        consentToHoldInformation: true,
        consentToShareWordsAnonymised: share === 'yes',
      },
    });
    if (!joined.ok) return setProblems(problemsOf(joined.failure, SUBJECTS, FORM_FIELD));
    const page = `/people/${personId}`;
    if (!startToday) {
      navigate(page, { state: { notice: 'Welcome recorded. Start coaching from this page when you are both ready.' } });
      return;
    }
    const started = await start({ input: { personId, coachId: coach.id, startedOn: today() } });
    if (!started.ok) {
      navigate(page, {
        state: {
          notice: `Welcome recorded, but coaching has not started: ${started.failure.message} Start it from this page.`,
          next: { to: coachingPath(personId, 'start'), label: 'Start coaching now' },
        },
      });
      return;
    }
    navigate(page, { state: { notice: 'Welcome recorded, and coaching has started. Record your first conversation from this page.' } });
  }

  return (
    <>
      <p>Record someone who has chosen to work with you. Only the name they like to be called is needed; ask before you note anything else.</p>
      <ErrorSummary problems={problems} />
      <form className="form" onSubmit={submit} noValidate>
        <NameAndContactFields
          values={{ displayName, phone, email }}
          onChange={{ displayName: setDisplayName, phone: setPhone, email: setEmail }}
          errors={byField}
        />
        <RadioGroup
          id="referralSource"
          name="referralSource"
          legend="Who suggested coaching to them?"
          options={REFERRAL_SOURCES.map(([value, label]) => ({ value, label }))}
          value={referralSource}
          onChange={(value) => setReferralSource(value as ReferralSource)}
          error={byField.referralSource}
        />
        {teams.length > 1 ? (
          <RadioGroup
            id="team"
            name="team"
            legend="Which team will coach them?"
            options={teams.map((t) => ({ value: t.id, label: t.name }))}
            value={teamId}
            onChange={setTeamId}
            error={byField.team}
          />
        ) : null}
        <TextField
          id="joinedOn"
          label="The day they joined"
          hint="Today, unless it was another day."
          type="date"
          max={today()}
          value={joinedOn}
          onChange={(e) => setJoinedOn(e.target.value)}
          error={byField.joinedOn}
          className="field--date"
        />

        <section className="card consent" aria-labelledby="consent-heading">
          <h2 id="consent-heading">Their consent</h2>
          <p>Before you record anything, explain in your own words:</p>
          <ul className="consent__points">
            <li>
              <strong>What is kept:</strong> the name they choose, how to reach them if they want, and short notes of your conversations, so that their coaching can carry on,
              even if they move or change coach.
            </li>
            <li>
              <strong>Who sees it:</strong> their coach and the coaching team. Their name never leaves the organisation.
            </li>
            <li>
              <strong>Their say:</strong> they can ask to see everything held about them, or to have it forgotten, at any time.
            </li>
          </ul>
          <Checkbox
            id="consentToHoldInformation"
            label="They agree to their information being held"
            hint="Needed: nothing can be recorded without it. If they do not agree, do not record them."
            checked={consentToHold}
            onChange={setConsentToHold}
            error={byField.consentToHoldInformation}
          />
          <RadioGroup
            id="consentToShareWordsAnonymised"
            name="consentToShareWordsAnonymised"
            legend="Are they happy for their words to be shared, without their name?"
            hint="Their words, in quotes, can help services see what does not work and change it. A shared quote never carries their name or anything that could identify them. They can change their mind."
            options={[
              { value: 'yes', label: 'Yes, they are happy for that' },
              { value: 'no', label: 'No, their words stay inside the organisation' },
            ]}
            value={share}
            onChange={(value) => setShare(value as 'yes' | 'no')}
            error={byField.consentToShareWordsAnonymised}
          />
        </section>

        <Checkbox
          id="startToday"
          label="Start coaching today"
          hint="So you can record conversations with them straight away. Untick it if you have not agreed to start yet."
          checked={startToday}
          onChange={setStartToday}
        />
        <Button type="submit" busy={busy}>
          Welcome them
        </Button>
      </form>
      <p>
        <Link to="/people">Cancel and go back to My people</Link>
      </p>
    </>
  );
}
