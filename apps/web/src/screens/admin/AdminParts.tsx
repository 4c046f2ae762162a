import { useEffect, useMemo, useState } from 'react';
import { NavLink } from 'react-router';
import { type CombinedError, type OperationResult, useClient, useQuery } from 'urql';
import { graphql } from '../../gql/index.js';
import type { AdminOrganisationsPageQuery, Role } from '../../gql/graphql.js';
import { SelectField } from '../../components/Field.js';
import { organisationKindLabel, ROLE_NAMES } from '../../lib/words.js';

/** The administrator's pages, one link each: a second navigation under the page heading. */
export function AdminNav() {
  const links = [
    ['/admin/users', 'Users and roles'],
    ['/admin/teams', 'Areas and teams'],
    ['/admin/organisations', 'Organisations'],
    ['/admin/categories', 'Categories'],
    ['/admin/audit', 'Audit log'],
    ['/admin/people', 'People’s information'],
  ] as const;
  return (
    <nav className="sub-nav" aria-label="Administration">
      <ul className="sub-nav__list">
        {links.map(([to, label]) => (
          <li key={to}>
            <NavLink to={to}>{label}</NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** What grants point at (areas, teams), to name them and to choose them. */
const AdminReferenceDocument = graphql(`
  query AdminReference {
    areas {
      id
      name
    }
    teams {
      id
      name
      areaId
    }
  }
`);

/** Organisations a page at a time (the API's largest page), all of them read in turn. */
const AdminOrganisationsPageDocument = graphql(`
  query AdminOrganisationsPage($after: String) {
    organisations(first: 100, after: $after) {
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          name
          kind
          areaId
          odsCode
          parentId
          mergedInto
        }
      }
    }
  }
`);

/** Enough pages for any directory this product is meant for; beyond it the page says so. */
const MAX_ORGANISATION_PAGES = 50;

export interface FlatOrganisation {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  readonly areaId: string;
  readonly odsCode?: string | null;
  readonly parentId?: string | null;
  /** How far below the top of the hierarchy (0 at the top). */
  readonly depth: number;
}

export interface Reference {
  readonly areas: readonly { readonly id: string; readonly name: string }[];
  readonly teams: readonly { readonly id: string; readonly name: string; readonly areaId: string }[];
  /** Every organisation in use (merged records left out), each after the one it is part of, by name. */
  readonly organisations: readonly FlatOrganisation[];
  /** True when there were more organisations than were read. */
  readonly organisationsCut: boolean;
}

type Listed = Omit<FlatOrganisation, 'depth'>;

/** The hierarchy in reading order: each organisation, then those part of it, by name, depth first. */
export function inHierarchy(listed: readonly Listed[]): FlatOrganisation[] {
  const ids = new Set(listed.map((o) => o.id));
  const byName = (a: Listed, b: Listed) => a.name.localeCompare(b.name);
  const children = new Map<string, Listed[]>();
  for (const o of listed) {
    if (o.parentId && ids.has(o.parentId)) children.set(o.parentId, [...(children.get(o.parentId) ?? []), o]);
  }
  const out: FlatOrganisation[] = [];
  const seen = new Set<string>();
  const visit = (o: Listed, depth: number) => {
    if (seen.has(o.id)) return;
    seen.add(o.id);
    out.push({ ...o, depth });
    for (const child of [...(children.get(o.id) ?? [])].sort(byName)) visit(child, depth + 1);
  };
  for (const root of listed.filter((o) => !o.parentId || !ids.has(o.parentId)).sort(byName)) visit(root, 0);
  return out;
}

/** Areas, teams and every organisation, for naming and choosing what a grant is for. */
export function useReference(): { data?: Reference; error?: CombinedError; reload: () => void } {
  const client = useClient();
  const [result, refetch] = useQuery({ query: AdminReferenceDocument, requestPolicy: 'cache-and-network' });
  const [organisations, setOrganisations] = useState<{ list: Listed[]; cut: boolean }>();
  const [organisationsError, setOrganisationsError] = useState<CombinedError>();
  const [round, setRound] = useState(0);
  useEffect(() => {
    let cancelled = false;
    (async () => {
      const list: Listed[] = [];
      let after: string | null = null;
      for (let page = 0; page < MAX_ORGANISATION_PAGES; page++) {
        const answer: OperationResult<AdminOrganisationsPageQuery> = await client.query(AdminOrganisationsPageDocument, { after }, { requestPolicy: 'network-only' }).toPromise();
        if (cancelled) return;
        if (answer.error || !answer.data) {
          setOrganisationsError(answer.error);
          return;
        }
        const { edges, pageInfo } = answer.data.organisations;
        list.push(...edges.map((e) => e.node).filter((o) => !o.mergedInto));
        if (!pageInfo.hasNextPage || !pageInfo.endCursor) return setOrganisations({ list, cut: false });
        after = pageInfo.endCursor;
      }
      setOrganisations({ list, cut: true });
    })();
    return () => {
      cancelled = true;
    };
  }, [client, round]);
  const data = useMemo(
    () =>
      result.data && organisations
        ? { areas: result.data.areas, teams: result.data.teams, organisations: inHierarchy(organisations.list), organisationsCut: organisations.cut }
        : undefined,
    [result.data, organisations],
  );
  return {
    data,
    error: result.error ?? organisationsError,
    reload: () => {
      refetch({ requestPolicy: 'network-only' });
      setOrganisationsError(undefined);
      setRound((n) => n + 1);
    },
  };
}

export const ROLES: readonly Role[] = ['COACH', 'INFLUENCER', 'LEADER', 'PARTNER', 'COMMISSIONER', 'ADMIN'];

const ROLE_HINTS: Record<Role, string> = {
  COACH: 'Records conversations and observations for the people in one team.',
  INFLUENCER: 'Reads across observations, curates themes and shares feedback reports.',
  LEADER: 'Reviews learning over time and records reflections.',
  PARTNER: 'Someone at a partner service: reads and answers the reports shared with it.',
  COMMISSIONER: 'Reads the reports shared for one area.',
  ADMIN: 'Manages users, roles, areas, teams, organisations and categories.',
};
export const roleHint = (role: Role) => ROLE_HINTS[role];

export interface GrantChoice {
  readonly role: Role | '';
  readonly scope: string;
}

/** What a role needs beside it: a team for a coach, an organisation for a partner, an area for a commissioner. */
export function scopeOf(role: Role | ''): 'team' | 'organisation' | 'area' | undefined {
  return role === 'COACH' ? 'team' : role === 'PARTNER' ? 'organisation' : role === 'COMMISSIONER' ? 'area' : undefined;
}

export function grantInput(choice: GrantChoice): { role: Role; teamId?: string; organisationId?: string; areaId?: string } {
  const role = choice.role as Role;
  const scope = scopeOf(role);
  if (scope === 'team') return { role, teamId: choice.scope };
  if (scope === 'organisation') return { role, organisationId: choice.scope };
  if (scope === 'area') return { role, areaId: choice.scope };
  return { role };
}

/** A role in words, with what it is for: "Coach in Riverside coaches". */
export function grantLabel(
  grant: { readonly role: Role; readonly teamId?: string | null; readonly organisationId?: string | null; readonly areaId?: string | null },
  reference: Reference | undefined,
): string {
  const name = ROLE_NAMES[grant.role] ?? grant.role;
  if (grant.teamId) return `${name} in ${reference?.teams.find((t) => t.id === grant.teamId)?.name ?? 'a team not listed'}`;
  if (grant.areaId) return `${name} for ${reference?.areas.find((a) => a.id === grant.areaId)?.name ?? 'an area not listed'}`;
  if (grant.organisationId) {
    const organisation = reference?.organisations.find((o) => o.id === grant.organisationId);
    return `${name} for ${organisation?.name ?? 'an organisation not listed'}`;
  }
  return name;
}

/** Choose a role and, where it needs one, the team, organisation or area it is for. */
export function GrantFields({
  idPrefix,
  value,
  onChange,
  reference,
  errors,
}: {
  readonly idPrefix: string;
  readonly value: GrantChoice;
  readonly onChange: (value: GrantChoice) => void;
  readonly reference: Reference;
  readonly errors: Record<string, string | undefined>;
}) {
  const scope = scopeOf(value.role);
  const areaName = (id: string) => reference.areas.find((a) => a.id === id)?.name ?? '';
  return (
    <>
      <SelectField
        id={`${idPrefix}-role`}
        label="Role"
        hint={value.role ? roleHint(value.role) : 'What they will do here.'}
        placeholder="Choose a role"
        options={ROLES.map((role) => ({ value: role, label: ROLE_NAMES[role] ?? role }))}
        value={value.role}
        onChange={(e) => onChange({ role: e.target.value as Role | '', scope: '' })}
        error={errors[`${idPrefix}-role`]}
      />
      {scope === 'team' ? (
        <SelectField
          id={`${idPrefix}-scope`}
          label="Team"
          hint={reference.teams.length === 0 ? 'There is no team yet: form one under Areas and teams first.' : 'The team they coach in.'}
          placeholder="Choose a team"
          options={reference.teams.map((t) => ({ value: t.id, label: `${t.name} (${areaName(t.areaId)})` }))}
          value={value.scope}
          onChange={(e) => onChange({ ...value, scope: e.target.value })}
          error={errors[`${idPrefix}-scope`]}
        />
      ) : null}
      {scope === 'area' ? (
        <SelectField
          id={`${idPrefix}-scope`}
          label="Area"
          hint={reference.areas.length === 0 ? 'There is no area yet: register one under Areas and teams first.' : 'The area they commission services in.'}
          placeholder="Choose an area"
          options={reference.areas.map((a) => ({ value: a.id, label: a.name }))}
          value={value.scope}
          onChange={(e) => onChange({ ...value, scope: e.target.value })}
          error={errors[`${idPrefix}-scope`]}
        />
      ) : null}
      {scope === 'organisation' ? (
        <SelectField
          id={`${idPrefix}-scope`}
          label="Organisation"
          hint="The service they work for. They also see reports for the services below it."
          placeholder="Choose an organisation"
          options={reference.organisations.map((o) => ({
            value: o.id,
            label: `${'– '.repeat(o.depth)}${o.name} (${organisationKindLabel(o.kind)})`,
          }))}
          value={value.scope}
          onChange={(e) => onChange({ ...value, scope: e.target.value })}
          error={errors[`${idPrefix}-scope`]}
        />
      ) : null}
    </>
  );
}

/** Problems with a grant's fields, before asking the server. */
export function grantProblems(idPrefix: string, choice: GrantChoice): { field: string; message: string }[] {
  const scope = scopeOf(choice.role);
  if (!choice.role) return [{ field: `${idPrefix}-role`, message: 'Choose a role' }];
  if (scope && !choice.scope) return [{ field: `${idPrefix}-scope`, message: `Choose the ${scope} the role is for` }];
  return [];
}
