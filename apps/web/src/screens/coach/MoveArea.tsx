import { type FormEvent, useState } from 'react';
import { useQuery } from 'urql';
import { PEOPLE, useCommand } from '../../api/command.js';
import { failureOf, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { SelectField } from '../../components/Field.js';
import { today } from '../../lib/dates.js';
import { DateField, dateProblem, type Person, PersonFormPage, refusalOf, useBackToPerson, useByField } from './person-form.js';

const CoachAreasDocument = graphql(`
  query CoachAreas {
    areas {
      id
      name
    }
  }
`);

const MovePersonDocument = graphql(`
  mutation CoachMovePerson($commandId: ID, $input: MovePersonInput!) {
    movePerson(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const SUBJECTS: Record<string, string> = { areaId: 'The area', movedOn: 'The date' };
const FORM_FIELDS: Record<string, string> = { areaId: 'area', movedOn: 'on' };

/**
 * The person moved to another area. Their coaching goes with them: the same coach, the same team,
 * nothing paused or ended; only where they live changes (and so which area their observations count in).
 */
export function MoveArea() {
  return (
    <PersonFormPage title="They moved area" heading={(name) => `${name} moved to another area`}>
      {(person) => <MoveForm person={person} />}
    </PersonFormPage>
  );
}

function MoveForm({ person }: { readonly person: Person }) {
  const back = useBackToPerson(person.id);
  const [{ data, error }] = useQuery({ query: CoachAreasDocument });
  const [areaId, setAreaId] = useState('');
  const [on, setOn] = useState(today);
  const [problems, setProblems] = useState<Problem[]>([]);
  const byField = useByField(problems);
  const [saving, move] = useCommand(MovePersonDocument, PEOPLE);

  if (error && !data) return <ErrorAlert>{failureOf(error).message}</ErrorAlert>;
  if (!data) return <Loading what="the areas" />;
  const current = data.areas.find((a) => a.id === person.areaId);
  const others = data.areas.filter((a) => a.id !== person.areaId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (saving) return;
    const found: Problem[] = [];
    if (!areaId) found.push({ field: 'area', message: 'Choose the area they live in now' });
    const date = dateProblem('on', on, 'Enter the day they moved');
    if (date) found.push(date);
    setProblems(found);
    if (found.length > 0 || !person.teamId || !person.coachId) return;
    const result = await move({ input: { personId: person.id, areaId, teamId: person.teamId, coachId: person.coachId, movedOn: on } });
    if (!result.ok) return setProblems(refusalOf(result.failure, SUBJECTS, FORM_FIELDS));
    back(`Moved to ${data?.areas.find((a) => a.id === areaId)?.name ?? 'the new area'}. Their coaching carries on as it was.`);
  }

  return (
    <>
      <p>
        Their coaching goes with them: the same coach, nothing paused or ended. {current ? <>They lived in {current.name} until now.</> : null}
      </p>
      {others.length === 0 ? (
        <p className="empty">There is no other area registered yet. Ask an administrator to register the area they moved to.</p>
      ) : (
        <>
          <ErrorSummary problems={problems} />
          <form className="form" onSubmit={submit} noValidate>
            <SelectField
              id="area"
              label="Where do they live now?"
              placeholder="Choose the area"
              options={others.map((a) => ({ value: a.id, label: a.name }))}
              value={areaId}
              onChange={(e) => setAreaId(e.target.value)}
              error={byField.area}
            />
            <DateField id="on" label="When did they move?" value={on} onChange={setOn} error={byField.on} />
            <Button type="submit" busy={saving}>
              Save the move
            </Button>
          </form>
        </>
      )}
    </>
  );
}
