import { randomUUID } from 'node:crypto';
import {
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLSchema,
} from 'graphql';
import type { Grant, Role } from '#libs/policy';
import { schemaOf } from '../../apps/api/src/bootstrap.js';
import { openApi, type ApiClient, type ApiHarness } from './api-harness.js';
import { liveClient, trySubscription } from './live-client.js';

/**
 * Who may call what: the specification of every query and mutation, for every role and for
 * nobody signed in. The test reads the operations from the schema the code generates, so a new
 * operation without a line here (or without a policy in the code) fails it.
 */
type Who = 'public' | 'signed_in' | readonly Role[];
const ALL_INTERNAL: readonly Role[] = ['coach', 'influencer', 'leader', 'commissioner', 'admin'];
const STAFF_REFERENCE: readonly Role[] = ['coach', 'influencer', 'leader', 'admin'];

const EXPECTED: Record<string, Who> = {
  // Anyone
  health: 'public',
  signIn: 'public',
  acceptInvitation: 'public',
  // Your own account
  me: 'signed_in',
  changePassword: 'signed_in',
  signOut: 'signed_in',
  csrfToken: 'signed_in',
  // Administration
  users: ['admin'],
  inviteUser: ['admin'],
  grantRole: ['admin'],
  revokeRole: ['admin'],
  deactivateUser: ['admin'],
  reactivateUser: ['admin'],
  linkCoachRecord: ['admin'],
  auditLog: ['admin'],
  registerArea: ['admin'],
  renameArea: ['admin'],
  formTeam: ['admin'],
  renameTeam: ['admin'],
  addCoach: ['admin'],
  moveCoach: ['admin'],
  coachLeft: ['admin'],
  registerOrganisation: ['admin', 'influencer'],
  renameOrganisation: ['admin'],
  moveOrganisation: ['admin'],
  mergeOrganisations: ['admin', 'influencer'],
  addCategory: ['admin'],
  renameCategory: ['admin'],
  retireCategory: ['admin'],
  // Reference data
  areas: ALL_INTERNAL,
  organisations: ALL_INTERNAL,
  organisation: ALL_INTERNAL,
  organisationTree: ALL_INTERNAL,
  categories: ALL_INTERNAL,
  teams: STAFF_REFERENCE,
  coaches: STAFF_REFERENCE,
  // A coach's own people (scoped to their team)
  person: ['coach'],
  personRecord: ['coach', 'admin'],
  caseload: ['coach'],
  joinPerson: ['coach'],
  recordConsent: ['coach'],
  changePersonDetails: ['coach'],
  movePerson: ['coach'],
  startCoaching: ['coach'],
  pauseCoaching: ['coach'],
  resumeCoaching: ['coach'],
  varyCoaching: ['coach'],
  endCoaching: ['coach'],
  reopenCoaching: ['coach'],
  recordInteraction: ['coach'],
  setAspiration: ['coach'],
  noteAspirationProgress: ['coach'],
  achieveAspiration: ['coach'],
  changeAspiration: ['coach'],
  letGoOfAspiration: ['coach'],
  noticeStrength: ['coach'],
  makeConnection: ['coach'],
  endConnection: ['coach'],
  checkInWellbeing: ['coach'],
  budgetPot: ['coach'],
  fundBudgetPot: ['coach'],
  requestBudget: ['coach'],
  approveBudgetRequest: ['coach'],
  declineBudgetRequest: ['coach'],
  recordBudgetSpend: ['coach'],
  closeBudgetRequest: ['coach'],
  // Observations
  recordObservation: ['coach', 'influencer'],
  amendObservation: ['coach', 'influencer'],
  retractObservation: ['coach', 'influencer'],
  observation: ['coach', 'influencer'],
  observations: ['influencer'],
  matchObservationOrganisation: ['influencer', 'admin'],
  approveQuote: ['influencer'],
  withdrawQuoteApproval: ['influencer'],
  // Themes
  proposeTheme: ['influencer'],
  confirmTheme: ['influencer'],
  redefineTheme: ['influencer'],
  linkObservations: ['influencer'],
  unlinkObservations: ['influencer'],
  dismissThemeSuggestions: ['influencer'],
  changeThemeStatus: ['influencer'],
  mergeThemes: ['influencer'],
  splitTheme: ['influencer'],
  themes: ['coach', 'influencer', 'leader'],
  theme: ['coach', 'influencer', 'leader'],
  themeTrends: ['influencer', 'leader'],
  themeSuggestions: ['influencer'],
  dismissClusterProposal: ['influencer'],
  // Feedback reports (partners, commissioners, coaches and leaders only for reports shared with them)
  draftReport: ['influencer'],
  editReport: ['influencer'],
  discardReport: ['influencer'],
  shareReport: ['influencer'],
  acknowledgeReport: ['influencer', 'partner'],
  respondToReport: ['influencer', 'partner'],
  agreeReportAction: ['influencer', 'partner'],
  markReportActionDone: ['influencer', 'partner'],
  checkReportChange: ['influencer'],
  checkDueReportChanges: ['influencer'],
  reports: ['coach', 'influencer', 'leader', 'partner', 'commissioner'],
  report: ['coach', 'influencer', 'leader', 'partner', 'commissioner'],
  overdueReports: ['influencer'],
  reportMetrics: ['leader', 'influencer'],
  // Live (subscriptions)
  observationRecorded: ['coach', 'influencer'],
  themeChanged: ['coach', 'influencer', 'leader'],
  // Learning over time
  recordReflection: ['leader', 'influencer'],
  reviseReflection: ['leader', 'influencer'],
  withdrawReflection: ['leader', 'influencer'],
  learningTimeline: ['leader', 'influencer'],
  outcomeDashboard: ['leader', 'influencer'],
  loopDashboard: ['leader', 'influencer'],
  // Forgetting a person
  forgetPerson: ['influencer', 'admin'],
};

/** Run last: it ends the caller's session. */
const LAST = ['signOut'];

type Caller = 'nobody' | Role;
const CALLERS: Caller[] = ['nobody', 'coach', 'influencer', 'leader', 'partner', 'commissioner', 'admin'];

describe('every operation has an explicit policy, enforced for every role', () => {
  let api: ApiHarness;
  let schema: GraphQLSchema;
  const clients = new Map<Caller, ApiClient>();

  beforeAll(async () => {
    api = await openApi();
    schema = schemaOf(api.app);
    const area = (await api.ok(`mutation { registerArea(input: { name: "Policy Test Area" }) { id } }`)).registerArea.id;
    const team = (await api.ok(`mutation($a: ID!) { formTeam(input: { areaId: $a, name: "Policy Test Team" }) { id } }`, { a: area })).formTeam.id;
    const grants: Record<Role, Grant> = {
      coach: { role: 'coach', teamId: team },
      influencer: { role: 'influencer' },
      leader: { role: 'leader' },
      partner: { role: 'partner', organisationId: randomUUID() },
      commissioner: { role: 'commissioner', areaId: area },
      admin: { role: 'admin' },
    };
    clients.set('nobody', api.anonymous);
    for (const role of CALLERS.filter((c): c is Role => c !== 'nobody')) clients.set(role, await api.as([grants[role]]));
  });
  afterAll(() => api?.close());

  const operations = () =>
    (['Query', 'Mutation', 'Subscription'] as const).flatMap((root) => {
      const type = schema.getType(root);
      return type && isObjectType(type) ? Object.values(type.getFields()).map((field) => ({ root, field })) : [];
    });

  it('names every operation of the schema in the specification, and nothing else', () => {
    const inSchema = operations().map((o) => o.field.name).sort();
    expect(inSchema).toEqual(Object.keys(EXPECTED).sort());
  });

  it('lets exactly the specified callers through, and refuses everyone else', async () => {
    const ordered = operations().sort((a, b) => Number(LAST.includes(a.field.name)) - Number(LAST.includes(b.field.name)));
    const mismatches: string[] = [];
    for (const { root, field } of ordered) {
      const expected = EXPECTED[field.name];
      for (const caller of CALLERS) {
        const allowed = expected === 'public' || (caller !== 'nobody' && (expected === 'signed_in' || expected.includes(caller)));
        const outcome = root === 'Subscription' ? await subscribe(api.url, clients.get(caller)!, field) : await call(clients.get(caller)!, root, field);
        const refused = outcome === 'unauthenticated' || outcome === 'forbidden';
        if (allowed === refused) mismatches.push(`${field.name} as ${caller}: ${outcome}`);
        if (!allowed && caller === 'nobody' && outcome !== 'unauthenticated') mismatches.push(`${field.name} as nobody: ${outcome}`);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/** Subscribes over graphql-ws as the caller; says whether the connection or the policy guard refused it. */
async function subscribe(url: string, caller: ApiClient, field: GraphQLField<unknown, unknown>): Promise<string> {
  const client = liveClient(url, caller);
  try {
    const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
    return await trySubscription(client, `subscription { ${field.name}${selection} }`);
  } finally {
    await client.dispose();
  }
}

/** Calls an operation with made-up arguments; says whether the policy guard refused it. */
async function call(client: ApiClient, root: 'Query' | 'Mutation', field: GraphQLField<unknown, unknown>): Promise<string> {
  const args = field.args.filter((a) => isNonNullType(a.type));
  const variables = Object.fromEntries(args.map((a) => [a.name, sample(a.type)]));
  const declared = args.map((a: GraphQLArgument) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = isObjectType(getNamedType(field.type)) ? ' { __typename }' : '';
  const query = `${root === 'Query' ? 'query' : 'mutation'}${declared ? `(${declared})` : ''} { ${field.name}${passed ? `(${passed})` : ''}${selection} }`;
  const result = await client.graphql(query, variables);
  const error = result.errors?.[0];
  if (!error) return 'ran';
  if (error.extensions?.code === 'UNAUTHENTICATED' && error.message === 'Sign in to continue.') return 'unauthenticated';
  if (error.extensions?.code === 'FORBIDDEN' && /permission|no access policy|CSRF/.test(error.message)) return 'forbidden';
  return `ran (${error.extensions?.code})`;
}

function sample(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return sample(type.ofType);
  if (isListType(type)) return [];
  if (isEnumType(type)) return type.getValues()[0].name;
  if (isInputObjectType(type)) {
    return Object.fromEntries(Object.values(type.getFields()).filter((f) => isNonNullType(f.type)).map((f) => [f.name, sample(f.type)]));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return randomUUID();
      case 'Int':
        return 1;
      case 'Float':
        return 1;
      case 'Boolean':
        return false;
      default:
        return 'x';
    }
  }
  return null;
}
