import type { PersonalDataVault, Sealed } from '#libs/kernel';
import type { SqlExecutor } from '#libs/database';
import type { AspirationStepView, AspirationView, ConnectionView, StrengthView } from './growth.graphql.js';

export interface PersonGrowth {
  aspirations: AspirationView[];
  strengths: StrengthView[];
  connections: ConnectionView[];
}

interface AspirationRow {
  aspiration_id: string;
  in_persons_words: Sealed;
  status: string;
  set_on: string;
  closed_on: string | null;
  changed_from: string | null;
  changed_to: string | null;
}

interface StepRow {
  aspiration_id: string;
  occurred_on: string;
  kind: string;
  note: Sealed | null;
}

interface StrengthRow {
  strength_id: string;
  in_persons_words: Sealed;
  noticed_on: string;
  noticed_by: string;
}

interface ConnectionRow {
  connection_id: string;
  kind: string;
  description: Sealed;
  made_on: string;
  ended_on: string | null;
  end_note: Sealed | null;
}

const DATE = (column: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${column}`;

/**
 * A person's aspirations (open ones first, each with its history), strengths and connections
 * (current first), with their words opened on the way out: null once they have been forgotten.
 */
export async function growthOfPerson(db: SqlExecutor, vault: PersonalDataVault, personId: string): Promise<PersonGrowth> {
  const aspirations = await db.query<AspirationRow>(
    `SELECT aspiration_id, in_persons_words, status, ${DATE('set_on')}, ${DATE('closed_on')}, changed_from, changed_to
       FROM growth_aspirations WHERE person_id = $1
      ORDER BY (status = 'active') DESC, set_on, aspiration_id`,
    [personId],
  );
  const steps = await db.query<StepRow>(
    `SELECT aspiration_id, ${DATE('occurred_on')}, kind, note FROM growth_aspiration_steps
      WHERE person_id = $1 ORDER BY occurred_on, stream, revision`,
    [personId],
  );
  const strengths = await db.query<StrengthRow>(
    `SELECT strength_id, in_persons_words, ${DATE('noticed_on')}, noticed_by FROM growth_strengths
      WHERE person_id = $1 ORDER BY noticed_on, strength_id`,
    [personId],
  );
  const connections = await db.query<ConnectionRow>(
    `SELECT connection_id, kind, description, ${DATE('made_on')}, ${DATE('ended_on')}, end_note FROM growth_connections
      WHERE person_id = $1 ORDER BY (ended_on IS NULL) DESC, made_on, connection_id`,
    [personId],
  );

  const stepNotes = await vault.openMany(steps.rows.map((s) => s.note));
  const history = new Map<string, AspirationStepView[]>();
  steps.rows.forEach((s, i) => {
    const list = history.get(s.aspiration_id) ?? [];
    list.push({ occurredOn: s.occurred_on, kind: s.kind, note: stepNotes[i] });
    history.set(s.aspiration_id, list);
  });
  const aspirationWords = await vault.openMany(aspirations.rows.map((a) => a.in_persons_words));
  const strengthWords = await vault.openMany(strengths.rows.map((s) => s.in_persons_words));
  const descriptions = await vault.openMany(connections.rows.map((c) => c.description));
  const endNotes = await vault.openMany(connections.rows.map((c) => c.end_note));

  return {
    aspirations: aspirations.rows.map((a, i) => ({
      id: a.aspiration_id,
      inPersonsWords: aspirationWords[i],
      status: a.status,
      setOn: a.set_on,
      closedOn: a.closed_on,
      changedFrom: a.changed_from,
      changedTo: a.changed_to,
      history: history.get(a.aspiration_id) ?? [],
    })),
    strengths: strengths.rows.map((s, i) => ({
      id: s.strength_id,
      inPersonsWords: strengthWords[i],
      noticedOn: s.noticed_on,
      noticedBy: s.noticed_by,
    })),
    connections: connections.rows.map((c, i) => ({
      id: c.connection_id,
      kind: c.kind,
      description: descriptions[i],
      madeOn: c.made_on,
      endedOn: c.ended_on,
      current: c.ended_on === null,
      endNote: endNotes[i],
    })),
  };
}
