import { type FormEvent, useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { SelectField, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { uuid } from '../../lib/dates.js';
import { Announce } from '../partner/Announce.js';
import { AdminNav, type Reference, useReference } from './AdminParts.js';

const AdminRegisterAreaDocument = graphql(`
  mutation AdminRegisterArea($commandId: ID!, $input: RegisterAreaInput!) {
    registerArea(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const AdminFormTeamDocument = graphql(`
  mutation AdminFormTeam($commandId: ID!, $input: FormTeamInput!) {
    formTeam(commandId: $commandId, input: $input) {
      id
    }
  }
`);

/** The areas coaching happens in and the teams of coaches in each; registering and forming them. */
export function Teams() {
  const reference = useReference();
  const [notice, setNotice] = useState<{ text: string; n: number }>();
  const announce = (text: string) => {
    setNotice((old) => ({ text, n: (old?.n ?? 0) + 1 }));
    reference.reload();
  };
  const data = reference.data;
  // Two forms, one error summary at a time (the summary's heading id is fixed): the last form sent shows its own.
  const [summaryOf, setSummaryOf] = useState<string>();
  return (
    <Page title="Areas and teams" wide>
      <AdminNav />
      {notice ? (
        <Announce id={notice.n}>
          <p>{notice.text}</p>
        </Announce>
      ) : null}
      {reference.error && !data ? <ErrorAlert>{failureOf(reference.error).message}</ErrorAlert> : null}
      {!data && !reference.error ? <Loading what="areas and teams" /> : null}
      {data ? (
        <div className="admin-columns">
          <section className="section" aria-labelledby="areas-heading">
            <h2 id="areas-heading">Areas and their teams</h2>
            {data.areas.length === 0 ? (
              <p>No area yet. Register the first area (a borough or a county) where coaching happens, then form its teams.</p>
            ) : (
              <ul className="tree">
                {data.areas.map((area) => {
                  const teams = data.teams.filter((t) => t.areaId === area.id);
                  return (
                    <li key={area.id}>
                      <span className="tree__name">{area.name}</span>
                      {teams.length === 0 ? (
                        <span className="tree__meta"> · no team yet</span>
                      ) : (
                        <ul>
                          {teams.map((team) => (
                            <li key={team.id}>{team.name}</li>
                          ))}
                        </ul>
                      )}
                    </li>
                  );
                })}
              </ul>
            )}
          </section>
          <div>
            <RegisterArea summary={summaryOf === 'area'} onSubmit={() => setSummaryOf('area')} onDone={(name) => announce(`${name} is registered. Form its teams next.`)} />
            <FormTeam
              reference={data}
              summary={summaryOf === 'team'}
              onSubmit={() => setSummaryOf('team')}
              onDone={(name, area) => announce(`${name} is formed in ${area}. Give its coaches the coach role in it under Users and roles.`)}
            />
          </div>
        </div>
      ) : null}
    </Page>
  );
}

function RegisterArea({ summary, onSubmit, onDone }: { readonly summary: boolean; readonly onSubmit: () => void; readonly onDone: (name: string) => void }) {
  const [commandId, setCommandId] = useState(uuid);
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, register] = useMutation(AdminRegisterAreaDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    onSubmit();
    const found: Problem[] = [];
    if (!name.trim()) found.push({ field: 'area-name', message: 'Enter the area’s name' });
    else if (name.trim().length > 100) found.push({ field: 'area-name', message: 'Shorten the area’s name to 100 characters or fewer' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await register({ commandId, input: { name: name.trim() } });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: 'Registering did not work. Try again.', problems: [] };
      const { summary } = fieldErrors(failure.problems, { name: 'The area’s name' }, { name: 'area-name' });
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    const registered = name.trim();
    setCommandId(uuid());
    setName('');
    onDone(registered);
  }

  return (
    <form className="form section" onSubmit={submit} noValidate aria-labelledby="register-area-heading">
      <h2 id="register-area-heading">Register an area</h2>
      <ErrorSummary problems={summary ? problems : []} />
      <TextField id="area-name" label="Name of the area" hint="A borough, a county or a city, as people there say it." value={name} onChange={(e) => setName(e.target.value)} error={byField['area-name']} maxLength={100} />
      <Button type="submit" busy={fetching}>
        Register area
      </Button>
    </form>
  );
}

function FormTeam({
  reference,
  summary,
  onSubmit,
  onDone,
}: {
  readonly reference: Reference;
  readonly summary: boolean;
  readonly onSubmit: () => void;
  readonly onDone: (name: string, area: string) => void;
}) {
  const [commandId, setCommandId] = useState(uuid);
  const [name, setName] = useState('');
  const [areaId, setAreaId] = useState(reference.areas.length === 1 ? reference.areas[0].id : '');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, form] = useMutation(AdminFormTeamDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    onSubmit();
    const found: Problem[] = [];
    if (!name.trim()) found.push({ field: 'team-name', message: 'Enter the team’s name' });
    else if (name.trim().length > 100) found.push({ field: 'team-name', message: 'Shorten the team’s name to 100 characters or fewer' });
    if (!areaId) found.push({ field: 'team-area', message: 'Choose the area the team works in' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await form({ commandId, input: { name: name.trim(), areaId } });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: 'Forming the team did not work. Try again.', problems: [] };
      const { summary } = fieldErrors(failure.problems, { name: 'The team’s name', areaId: 'The area' }, { name: 'team-name', areaId: 'team-area' });
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    const formed = name.trim();
    setCommandId(uuid());
    setName('');
    onDone(formed, reference.areas.find((a) => a.id === areaId)?.name ?? 'its area');
  }

  if (reference.areas.length === 0) return null;
  return (
    <form className="form section" onSubmit={submit} noValidate aria-labelledby="form-team-heading">
      <h2 id="form-team-heading">Form a team</h2>
      <ErrorSummary problems={summary ? problems : []} />
      <TextField id="team-name" label="Name of the team" value={name} onChange={(e) => setName(e.target.value)} error={byField['team-name']} maxLength={100} />
      <SelectField
        id="team-area"
        label="Area"
        placeholder="Choose the area"
        options={reference.areas.map((a) => ({ value: a.id, label: a.name }))}
        value={areaId}
        onChange={(e) => setAreaId(e.target.value)}
        error={byField['team-area']}
      />
      <Button type="submit" busy={fetching}>
        Form team
      </Button>
    </form>
  );
}
