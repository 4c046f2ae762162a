import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { useMutation } from 'urql';
import { failureOf, fieldErrors, type Problem } from '../../api/errors.js';
import { graphql } from '../../gql/index.js';
import type { OrganisationKind } from '../../gql/graphql.js';
import { Button, ErrorAlert, ErrorSummary, Loading } from '../../components/Feedback.js';
import { SelectField, TextField } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { uuid } from '../../lib/dates.js';
import { organisationKindLabel } from '../../lib/words.js';
import { Announce } from '../partner/Announce.js';
import { AdminNav, type FlatOrganisation, type Reference, useReference } from './AdminParts.js';

const AdminRegisterOrganisationDocument = graphql(`
  mutation AdminRegisterOrganisation($commandId: ID!, $input: RegisterOrganisationInput!) {
    registerOrganisation(commandId: $commandId, input: $input) {
      id
    }
  }
`);

const KINDS: readonly OrganisationKind[] = [
  'COUNCIL',
  'DWP_JOBCENTRE',
  'EDUCATION',
  'EMPLOYER_OR_AGENCY',
  'GP_PRACTICE',
  'HOUSING_PROVIDER',
  'MENTAL_HEALTH',
  'NHS',
  'POLICE_JUSTICE',
  'VOLUNTARY_SECTOR',
  'OTHER',
];

/** The partner services, each under the organisation it is part of; registering a new one. */
export function Organisations() {
  const reference = useReference();
  const [notice, setNotice] = useState<{ text: string; n: number }>();
  const data = reference.data;
  const areaName = (id: string) => data?.areas.find((a) => a.id === id)?.name ?? 'an area not listed';
  // The list comes in reading order; each organisation's own are those just below it, one level deeper.
  const childrenOf = (parent: FlatOrganisation | undefined): FlatOrganisation[] => {
    const all = data?.organisations ?? [];
    if (!parent) return all.filter((o) => o.depth === 0);
    const start = all.indexOf(parent) + 1;
    const below: FlatOrganisation[] = [];
    for (let i = start; i < all.length && all[i].depth > parent.depth; i++) if (all[i].depth === parent.depth + 1) below.push(all[i]);
    return below;
  };
  const tree = (nodes: readonly FlatOrganisation[]): ReactNode => (
    <ul className="tree">
      {nodes.map((node) => (
        <li key={node.id}>
          <span className="tree__name">{node.name}</span>
          <span className="tree__meta">
            {' '}
            · {organisationKindLabel(node.kind)} · {areaName(node.areaId)}
            {node.odsCode ? ` · ODS ${node.odsCode}` : ''}
          </span>
          {childrenOf(node).length > 0 ? tree(childrenOf(node)) : null}
        </li>
      ))}
    </ul>
  );
  return (
    <Page title="Organisations" wide>
      <AdminNav />
      {notice ? (
        <Announce id={notice.n}>
          <p>{notice.text}</p>
        </Announce>
      ) : null}
      {reference.error && !data ? <ErrorAlert>{failureOf(reference.error).message}</ErrorAlert> : null}
      {!data && !reference.error ? <Loading what="organisations" /> : null}
      {data ? (
        <div className="admin-columns">
          <section className="section" aria-labelledby="organisations-heading">
            <h2 id="organisations-heading">Partner services</h2>
            {data.organisations.length === 0 ? (
              <p>No organisation yet. Register the services coaches most often deal with, such as the council’s housing options team.</p>
            ) : (
              tree(childrenOf(undefined))
            )}
            {data.organisationsCut ? <p className="aside">Only the first {data.organisations.length} organisations are listed here.</p> : null}
          </section>
          {data.areas.length === 0 ? (
            <section className="section" aria-labelledby="register-organisation-heading">
              <h2 id="register-organisation-heading">Register an organisation</h2>
              <p>Every organisation is in an area: register an area under Areas and teams first.</p>
            </section>
          ) : (
            <RegisterOrganisation
              reference={data}
              onDone={(name) => {
                setNotice((old) => ({ text: `${name} is registered.`, n: (old?.n ?? 0) + 1 }));
                reference.reload();
              }}
            />
          )}
        </div>
      ) : null}
    </Page>
  );
}

const SUBJECTS: Record<string, string> = { name: 'The name', kind: 'The kind', areaId: 'The area', parentId: 'The organisation it is part of', odsCode: 'The ODS code' };
const FORM_FIELD: Record<string, string> = { name: 'org-name', kind: 'org-kind', areaId: 'org-area', parentId: 'org-parent', odsCode: 'org-ods' };

function RegisterOrganisation({ reference, onDone }: { readonly reference: Reference; readonly onDone: (name: string) => void }) {
  const [commandId, setCommandId] = useState(uuid);
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [areaId, setAreaId] = useState(reference.areas.length === 1 ? reference.areas[0].id : '');
  const [parentId, setParentId] = useState('');
  const [odsCode, setOdsCode] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [{ fetching }, register] = useMutation(AdminRegisterOrganisationDocument);
  const byField = useMemo(() => Object.fromEntries(problems.filter((p) => p.field).map((p) => [p.field, p.message])), [problems]);
  const organisations = reference.organisations;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (fetching) return;
    const found: Problem[] = [];
    if (!name.trim()) found.push({ field: 'org-name', message: 'Enter the organisation’s name' });
    else if (name.trim().length > 200) found.push({ field: 'org-name', message: 'Shorten the name to 200 characters or fewer' });
    if (!kind) found.push({ field: 'org-kind', message: 'Choose what kind of organisation it is' });
    if (!areaId) found.push({ field: 'org-area', message: 'Choose the area it serves' });
    if (odsCode.trim() && !/^[A-Za-z0-9]{3,10}$/.test(odsCode.trim())) found.push({ field: 'org-ods', message: 'An ODS code is 3 to 10 letters and digits; leave it empty if it has none' });
    setProblems(found);
    if (found.length > 0) return;
    const result = await register({
      commandId,
      input: { name: name.trim(), kind: kind as OrganisationKind, areaId, parentId: parentId || null, odsCode: odsCode.trim() ? odsCode.trim().toUpperCase() : null },
    });
    if (result.error || !result.data) {
      const failure = result.error ? failureOf(result.error) : { message: 'Registering did not work. Try again.', problems: [] };
      const { summary } = fieldErrors(failure.problems, SUBJECTS, FORM_FIELD);
      setProblems(summary.length > 0 ? summary : [{ message: failure.message }]);
      return;
    }
    const registered = name.trim();
    setCommandId(uuid());
    setName('');
    setKind('');
    setParentId('');
    setOdsCode('');
    onDone(registered);
  }

  return (
    <form className="form section" onSubmit={submit} noValidate aria-labelledby="register-organisation-heading">
      <h2 id="register-organisation-heading">Register an organisation</h2>
      <ErrorSummary problems={problems} />
      <TextField id="org-name" label="Name" hint="As the service calls itself, such as “Northshire Housing Options”." value={name} onChange={(e) => setName(e.target.value)} error={byField['org-name']} maxLength={200} />
      <SelectField
        id="org-kind"
        label="Kind of organisation"
        placeholder="Choose a kind"
        options={KINDS.map((k) => ({ value: k, label: organisationKindLabel(k) }))}
        value={kind}
        onChange={(e) => setKind(e.target.value)}
        error={byField['org-kind']}
      />
      <SelectField
        id="org-area"
        label="Area"
        placeholder="Choose the area"
        options={reference.areas.map((a) => ({ value: a.id, label: a.name }))}
        value={areaId}
        onChange={(e) => setAreaId(e.target.value)}
        error={byField['org-area']}
      />
      <SelectField
        id="org-parent"
        label="Part of (optional)"
        hint="The organisation it belongs to, such as the council a housing options team is part of. Reports to the parent reach it too."
        placeholder="Not part of another organisation"
        options={organisations.map((o) => ({ value: o.id, label: `${'– '.repeat(o.depth)}${o.name}` }))}
        value={parentId}
        onChange={(e) => setParentId(e.target.value)}
        error={byField['org-parent']}
      />
      <TextField
        id="org-ods"
        label="NHS ODS code (optional)"
        hint="For NHS organisations and GP practices: 3 to 10 letters and digits."
        value={odsCode}
        onChange={(e) => setOdsCode(e.target.value)}
        error={byField['org-ods']}
        maxLength={10}
        autoComplete="off"
        spellCheck={false}
        className="field--short"
      />
      <Button type="submit" busy={fetching}>
        Register organisation
      </Button>
    </form>
  );
}
