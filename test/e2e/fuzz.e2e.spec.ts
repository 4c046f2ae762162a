import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';
import { AccountsService } from '#libs/access';
import { commandContext } from '#libs/capture';
import { formatPosition } from '#libs/kernel';
import { schemaOf } from '../../apps/api/src/bootstrap.js';
import { openApi, type ApiHarness } from './api-harness.js';

/**
 * Every mutation the schema has, sent thousands of malformed and random inputs by a user who
 * holds every role: wrong types, missing and extra fields, huge and unicode strings, negative
 * and out-of-range numbers, random and known ids, mangled documents, deep nesting, and raw HTTP
 * bodies that are not JSON or not what they claim to be. Whatever arrives, the API answers
 * without a 5xx, without an INTERNAL error and without a stack trace; and a request it refuses
 * appends nothing to the event store. Deterministic for SEED. The figures go to
 * test-output/fuzz-summary.json. All data here is synthetic.
 */
const SEED = 20_261_124;
/** Random cases per mutation (fast-check runs; shrinking a failure adds requests). */
const RUNS_PER_MUTATION = 60;
/** Raw HTTP cases: bodies, content types, encodings and methods. */
const RAW_HTTP_RUNS = 600;
/** Not fuzzed, and why. */
const NOT_FUZZED: Record<string, string> = { signOut: 'takes no input and would end the fuzzing session' };
/** Fuzzed last: it can forget the fixture's person, after which its commands are refused. */
const LAST = ['forgetPerson'];
const PASSWORD = 'synthetic-fuzz-password-0001';
/** FUZZ_ONLY=nameA,nameB fuzzes only those mutations (to reproduce a failure; the seeds stay the same). */
const ONLY = new Set((process.env.FUZZ_ONLY ?? '').split(',').filter(Boolean));
const SUMMARY_FILE = join(process.cwd(), 'test-output', 'fuzz-summary.json');

interface Sent {
  readonly mutation: string;
  readonly kind: string;
  readonly method?: string;
  readonly headers?: Record<string, string>;
  readonly body?: string | Uint8Array;
  /** Path and query string, when not a POST to /graphql. */
  readonly search?: string;
}

interface Tally {
  sent: number;
  accepted: number;
  rejected: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  byKind: Record<string, number>;
}

const tally = (): Tally => ({ sent: 0, accepted: 0, rejected: 0, byStatus: {}, byCode: {}, byKind: {} });
const bump = (counts: Record<string, number>, key: string) => (counts[key] = (counts[key] ?? 0) + 1);

describe('fuzzing every mutation with malformed and random input', () => {
  let api: ApiHarness;
  let schema: GraphQLSchema;
  let session: Record<string, string>;
  const known: string[] = [];
  const totals = tally();
  const perMutation: Record<string, Tally> = {};
  const failures: string[] = [];
  const counterexamples: unknown[] = [];
  const started = Date.now();

  beforeAll(async () => {
    api = await openApi();
    schema = schemaOf(api.app);
    const ids = { area: '', team: '', coach: '', person: randomUUID(), organisation: randomUUID() };
    ids.area = (await api.ok(`mutation { registerArea(input: { name: "Fuzz Area" }) { id } }`)).registerArea.id;
    ids.team = (await api.ok(`mutation($a: ID!) { formTeam(input: { areaId: $a, name: "Fuzz Team" }) { id } }`, { a: ids.area })).formTeam.id;
    await api.coachIn(ids.team);
    ids.coach = (await api.ok(`mutation($t: ID!) { addCoach(input: { teamId: $t, displayName: "Coach Fuzz", joinedOn: "2026-01-02" }) { id } }`, { t: ids.team }))
      .addCoach.id;
    await api.ok(`mutation($i: RegisterOrganisationInput!) { registerOrganisation(input: $i) { id } }`, {
      i: { organisationId: ids.organisation, name: 'Synthetic Housing Options', kind: 'COUNCIL', areaId: ids.area },
    });
    await api.ok(`mutation($i: JoinPersonInput!) { joinPerson(input: $i) { id } }`, {
      i: {
        personId: ids.person,
        displayName: 'Synthetic Fuzzperson',
        referralSource: 'SELF',
        areaId: ids.area,
        teamId: ids.team,
        coachId: ids.coach,
        joinedOn: '2026-01-05',
        consentToHoldInformation: true,
        consentToShareWordsAnonymised: true,
      },
    });
    await api.ok(`mutation($i: StartCoachingInput!) { startCoaching(input: $i) { id } }`, { i: { personId: ids.person, coachId: ids.coach, startedOn: '2026-01-05' } });
    const aspiration = (
      await api.ok(`mutation($i: SetAspirationInput!) { setAspiration(input: $i) { id } }`, {
        i: { personId: ids.person, inPersonsWords: 'synthetic aspiration words', setOn: '2026-02-02' },
      })
    ).setAspiration.id;
    await api.ok(`mutation($i: FundBudgetPotInput!) { fundBudgetPot(input: $i) { id } }`, { i: { teamId: ids.team, amountPence: 10_000, source: 'Grant', fundedOn: '2026-01-06' } });
    const request = (
      await api.ok(`mutation($i: RequestBudgetInput!) { requestBudget(input: $i) { id } }`, {
        i: { teamId: ids.team, personId: ids.person, purpose: 'synthetic purpose', purposeCategory: 'HOUSEHOLD', amountPence: 2_000, requestedOn: '2026-02-03' },
      })
    ).requestBudget.id;
    const observation = (
      await api.ok(`mutation($i: RecordObservationInput!) { recordObservation(input: $i) { id } }`, {
        i: {
          kind: 'BARRIER',
          organisationId: ids.organisation,
          areaId: ids.area,
          categoryId: 'waiting_times',
          whatHappened: 'synthetic account of a wait',
          impact: 'synthetic impact',
          severity: 3,
          occurredOn: '2026-02-04',
          personId: ids.person,
        },
      })
    ).recordObservation.id;

    // The fuzzing user holds every role, so requests get past access checks into validation.
    const accounts = api.app.get(AccountsService);
    // A fresh context (and so command id) per command: a repeated command id is a replay.
    const system = () => commandContext({ actor: 'system:test' });
    const grants = [
      { role: 'admin' as const },
      { role: 'influencer' as const },
      { role: 'leader' as const },
      { role: 'coach' as const, teamId: ids.team },
      { role: 'commissioner' as const, areaId: ids.area },
      { role: 'partner' as const, organisationId: ids.organisation },
    ];
    const fuzzerEmail = `fuzz-${randomUUID()}@example.test`;
    const fuzzer = await accounts.invite({ email: fuzzerEmail, displayName: 'Synthetic Fuzzer', grants }, system());
    await accounts.setPassword(fuzzer.receipt.id, PASSWORD, 'admin_cli', system());
    // Someone for the account mutations to act on (never the fuzzing user itself).
    const target = await accounts.invite({ email: `target-${randomUUID()}@example.test`, displayName: 'Synthetic Target', grants: [{ role: 'leader' }] }, system());
    session = await signIn(api.url, fuzzerEmail);
    known.push(ids.area, ids.team, ids.coach, ids.person, ids.organisation, aspiration, request, observation, target.receipt.id, 'waiting_times');
  }, 120_000);

  afterAll(async () => {
    mkdirSync(join(process.cwd(), 'test-output'), { recursive: true });
    const summary = {
      seed: SEED,
      runsPerMutation: RUNS_PER_MUTATION,
      rawHttpRuns: RAW_HTTP_RUNS,
      notFuzzed: NOT_FUZZED,
      seconds: Math.round((Date.now() - started) / 100) / 10,
      totals,
      only: [...ONLY],
      failures: failures.slice(0, 50),
      counterexamples: counterexamples.slice(0, 20),
      perMutation,
    };
    writeFileSync(SUMMARY_FILE, `${JSON.stringify(summary, null, 2)}\n`);
    console.log(
      `fuzz: ${totals.sent} requests in ${summary.seconds} s over ${Object.keys(perMutation).filter((k) => k !== '(raw HTTP)').length} mutations and raw HTTP; ` +
        `accepted ${totals.accepted}, rejected ${totals.rejected}, 5xx ${Object.entries(totals.byStatus).filter(([s]) => s.startsWith('5')).reduce((n, [, c]) => n + c, 0)}, ` +
        `failures ${failures.length}; details in ${SUMMARY_FILE}`,
    );
    await api?.close();
  });

  /** Sends one request; returns what is wrong with the answer (nothing, if all is well). */
  async function send(sent: Sent): Promise<string | undefined> {
    const before = await api.runtime.store.headPosition();
    const response = await fetch(`${api.url}${sent.search ?? ''}`, {
      method: sent.method ?? 'POST',
      headers: sent.headers ?? { 'content-type': 'application/json', ...session },
      body: sent.body,
    });
    const text = await response.text();
    const after = await api.runtime.store.headPosition();

    let body: { data?: Record<string, unknown> | null; errors?: Array<{ message?: string; extensions?: { code?: string } }> } | undefined;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const codes = (body?.errors ?? []).map((e) => e.extensions?.code ?? '(no code)');
    const accepted = response.status === 200 && codes.length === 0 && Object.values(body?.data ?? {}).some((value) => value != null);

    for (const target of [totals, (perMutation[sent.mutation] ??= tally())]) {
      target.sent += 1;
      target[accepted ? 'accepted' : 'rejected'] += 1;
      bump(target.byStatus, String(response.status));
      bump(target.byKind, sent.kind);
      for (const code of new Set(codes)) bump(target.byCode, code);
    }

    const problems: string[] = [];
    if (response.status >= 500) problems.push(`HTTP ${response.status}`);
    if (codes.some((c) => c === 'INTERNAL' || c === 'INTERNAL_SERVER_ERROR')) problems.push(`error code ${codes.join(',')}`);
    if (/stacktrace|\n\s+at .+:\d+:\d+/.test(text)) problems.push('a stack trace in the response');
    // Several root mutations in one request (aliases) run one after another, each its own
    // command: a later one failing does not undo an earlier one, so only single ones are checked.
    if (!accepted && sent.kind !== 'deep:aliases' && formatPosition(before) !== formatPosition(after)) {
      problems.push(`refused, yet the store head moved from ${formatPosition(before)} to ${formatPosition(after)}`);
    }
    if (problems.length === 0) return undefined;
    return `${sent.mutation} (${sent.kind}): ${problems.join('; ')}; answer: ${text.slice(0, 300)}`;
  }

  /** Runs fast-check over the cases; a failing case is shrunk and recorded, the rest go on. */
  async function fuzz(name: string, cases: fc.Arbitrary<Sent>, numRuns: number, seed: number): Promise<void> {
    const details = await fc.check(
      fc.asyncProperty(cases, async (sent) => {
        const problem = await send(sent);
        if (problem) throw new Error(problem);
      }),
      { seed, numRuns },
    );
    if (details.failed) {
      counterexamples.push({ name, seed, case: details.counterexample?.[0] });
      const example = JSON.stringify(details.counterexample?.[0], (_k, v: unknown) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length})` : v));
      failures.push(`${name}: ${(details.errorInstance as Error)?.message ?? details.errorInstance} — smallest case found (seed ${seed}): ${example?.slice(0, 800)}`);
    }
  }

  it('answers every malformed or random mutation without a 5xx, INTERNAL or stack trace, and a refused one appends nothing', async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields())
      .filter((field) => !(field.name in NOT_FUZZED))
      .sort((a, b) => Number(LAST.includes(a.name)) - Number(LAST.includes(b.name)));
    expect(mutations.length).toBeGreaterThan(40);
    for (const mutation of mutations) {
      if (ONLY.size > 0 && !ONLY.has(mutation.name)) continue;
      await fuzz(mutation.name, mutationCases(mutation, known, session), RUNS_PER_MUTATION, seedFor(mutation.name));
    }
    expect(failures).toEqual([]);
    for (const mutation of mutations.filter((m) => ONLY.size === 0 || ONLY.has(m.name))) {
      expect(perMutation[mutation.name]?.sent).toBeGreaterThanOrEqual(RUNS_PER_MUTATION);
    }
  }, 15 * 60_000);

  it('answers raw HTTP that is not a proper GraphQL request without a 5xx, INTERNAL or stack trace, and a refused one appends nothing', async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields()).filter((field) => !(field.name in NOT_FUZZED) && !LAST.includes(field.name));
    if (ONLY.size > 0 && !ONLY.has('raw')) return;
    const before = totals.sent;
    const failedBefore = failures.length;
    await fuzz('raw HTTP', rawHttpCases(mutations, known, session), RAW_HTTP_RUNS, seedFor('(raw HTTP)'));
    expect(failures.slice(failedBefore)).toEqual([]);
    expect(totals.sent - before).toBeGreaterThanOrEqual(RAW_HTTP_RUNS);
  }, 10 * 60_000);
});

/** Each mutation's own seed, from its name: adding a mutation to the schema changes no other's cases. */
function seedFor(name: string): number {
  let hash = SEED;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

async function signIn(url: string, email: string): Promise<Record<string, string>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation($e: String!, $p: String!) { signIn(email: $e, password: $p) { csrfToken } }', variables: { e: email, p: PASSWORD } }),
  });
  const body = (await response.json()) as { data?: { signIn: { csrfToken: string } }; errors?: unknown };
  if (!body.data) throw new Error(`the fuzzing user could not sign in: ${JSON.stringify(body.errors)}`);
  return { cookie: (response.headers.get('set-cookie') ?? '').split(';')[0], 'x-csrf-token': body.data.signIn.csrfToken };
}

// ---------------------------------------------------------------------------------------------
// Values

const OMIT = Symbol('omit');

const nastyStrings = fc.constantFrom(
  '',
  ' ',
  '\t\n',
  '\u0000',
  'nul\u0000inside',
  '\ud800',
  'lone \udc00 surrogate',
  '\u202Ereversed',
  '\u200B',
  '😀'.repeat(60),
  'Ünïcödé ñame — ok',
  "'; DROP TABLE events; --",
  '<script>alert(1)</script>',
  '${7*7}{{7*7}}',
  '../../etc/passwd',
  '%s%n%x',
  'null',
  'undefined',
  'NaN',
  '-1',
  '1e309',
  '__proto__',
  'constructor',
  '{"a":1}',
);

const dates = fc.oneof(
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '9999-12-31', '2026-1-1', '1970-01-01', '2026-02-29', '+275760-09-13', '2026-03-01T25:00:00Z'),
);

const strings: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 2, arbitrary: nastyStrings },
  { weight: 2, arbitrary: dates },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.emailAddress() },
  // Long ones: some fit the body limit, some do not.
  { weight: 1, arbitrary: fc.integer({ min: 300, max: 150_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => 'é😀'.repeat(n)) },
);

const ints = fc.oneof(
  fc.integer({ min: -10, max: 1_000 }),
  fc.integer(),
  fc.constantFrom(0, -1, -2_147_483_648, 2_147_483_647, 2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER, -1e15, 1.5, -0.5),
);

const floats = fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1e308, -1e308, 5e-324));

/** A JSON value of any shape, for where something else is expected. */
const anything = fc.jsonValue({ maxDepth: 2 });

function idsFrom(known: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 3, arbitrary: fc.uuid() }, { weight: 2, arbitrary: strings });
}

/** Mostly a value of the right shape, sometimes the wrong type or null. */
function valueFor(type: GraphQLInputType, known: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 10, arbitrary: shapedFor(type, known, depth) },
    { weight: 1, arbitrary: anything },
    { weight: 1, arbitrary: fc.constant(null) },
  );
}

function shapedFor(type: GraphQLInputType, known: readonly string[], depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return shapedFor(type.ofType, known, depth);
  if (isListType(type)) {
    return fc.oneof(
      { weight: 6, arbitrary: fc.array(valueFor(type.ofType, known, depth + 1), { maxLength: 4 }) },
      { weight: 1, arbitrary: fc.integer({ min: 200, max: 5_000 }).map((n) => Array.from({ length: n }, (_, i) => `item ${i}`)) },
      { weight: 1, arbitrary: valueFor(type.ofType, known, depth + 1) },
    );
  }
  if (isEnumType(type)) return fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...type.getValues().map((v) => v.name)) }, { weight: 1, arbitrary: strings });
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc
      .tuple(
        fc.tuple(
          ...fields.map((field) =>
            fc.oneof(
              { weight: isNonNullType(field.type) ? 12 : 3, arbitrary: valueFor(field.type, known, depth + 1) },
              { weight: 1, arbitrary: fc.constant(OMIT) },
            ),
          ),
        ),
        // Now and then a field the type does not have.
        fc.oneof({ weight: 8, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(fc.string({ maxLength: 12 }), anything) }),
      )
      .map(([values, extra]) => {
        const object: Record<string, unknown> = {};
        fields.forEach((field, i) => {
          if (values[i] !== OMIT) object[field.name] = values[i];
        });
        if (extra) object[extra[0]] = extra[1];
        return object;
      });
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return idsFrom(known);
      case 'Int':
        return ints;
      case 'Float':
        return floats;
      case 'Boolean':
        return fc.oneof({ weight: 5, arbitrary: fc.boolean() }, { weight: 1, arbitrary: fc.constantFrom('true', 0, 1) });
      default:
        return strings;
    }
  }
  return anything;
}

/** Text a real caller might send for a field of this name. */
function plausibleText(field: string): fc.Arbitrary<string> {
  if (/On$/.test(field)) return fc.constantFrom('2026-01-10', '2026-02-15', '2026-03-01');
  if (/At$/.test(field)) return fc.constantFrom('2026-02-15T10:00:00.000Z');
  if (/email/i.test(field)) return fc.uuid().map((id) => `synthetic-${id.slice(0, 8)}@example.test`);
  if (/phone/i.test(field)) return fc.constant('+44 7700 900123');
  if (/odsCode/.test(field)) return fc.constantFrom('A81001', 'RXX01');
  if (/categoryId/.test(field)) return fc.constantFrom('waiting_times', 'synthetic_category');
  return fc.constantFrom('Synthetic words', 'A short synthetic note', 'Riverside', 'Synthetic name two');
}

/** An input a real caller might send: the right shapes, known ids, sensible numbers and dates. */
function plausibleFor(type: GraphQLInputType, field: string, known: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return plausibleFor(type.ofType, field, known, depth);
  if (isListType(type)) return fc.array(plausibleFor(type.ofType, field, known, depth + 1), { maxLength: 2 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((v) => v.name));
  if (isInputObjectType(type)) {
    if (depth > 4) return fc.constant({});
    const fields = Object.values(type.getFields());
    return fc
      .tuple(...fields.map((f) => fc.option(hostile(f.type, f.name, known, depth + 1), { freq: isNonNullType(f.type) ? 50 : 2, nil: OMIT })))
      .map((values) => Object.fromEntries(fields.flatMap((f, i) => (values[i] === OMIT ? [] : [[f.name, values[i]]]))));
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return /^commandId$/.test(field) ? fc.uuid() : fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: fc.uuid() });
      case 'Int':
        if (/Pence$/.test(field)) return fc.integer({ min: 1, max: 5_000 });
        if (/severity/.test(field)) return fc.integer({ min: 1, max: 5 });
        if (/minutes/.test(field)) return fc.integer({ min: 1, max: 600 });
        return fc.integer({ min: 0, max: 10 });
      case 'Float':
        return fc.double({ min: 0, max: 100, noNaN: true });
      case 'Boolean':
        return fc.boolean();
      default:
        return plausibleText(field);
    }
  }
  return fc.constant(null);
}

/** Text no storage should be handed: NUL, and surrogates without their pair. */
const unstorable = fc.constantFrom('nul\u0000inside', 'lone \udc00 surrogate', 'Synthetic\ud800');

/** Mostly plausible, now and then one hostile value in its place (nasty text, huge, wrong type). */
function hostile(type: GraphQLInputType, field: string, known: readonly string[], depth = 0): fc.Arbitrary<unknown> {
  const named = getNamedType(type);
  const text = isScalarType(named) && (named.name === 'String' || named.name === 'ID');
  return fc.oneof(
    { weight: 12, arbitrary: plausibleFor(type, field, known, depth) },
    { weight: 1, arbitrary: valueFor(type, known, depth) },
    { weight: text ? 1 : 0, arbitrary: unstorable },
  );
}

/** A value written as a GraphQL literal (enum-looking strings as enum values where the type is an enum). */
function literal(value: unknown, type?: GraphQLInputType): string {
  const named = type ? getNamedType(type) : undefined;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return named && isEnumType(named) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value) ? value : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = type && isNonNullType(type) ? type.ofType : type;
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, inner && isListType(inner) ? inner.ofType : undefined)).join(', ')}]`;
  const fields = named && isInputObjectType(named) ? named.getFields() : {};
  return `{${Object.entries(value as Record<string, unknown>)
    .map(([key, item]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(key) ? key : JSON.stringify(key)}: ${literal(item, fields[key]?.type)}`)
    .join(', ')}}`;
}

// ---------------------------------------------------------------------------------------------
// Requests

const selectionOf = (field: GraphQLField<unknown, unknown>) => {
  const type = getNamedType(field.type);
  if (!isObjectType(type)) return '';
  const scalars = Object.values(type.getFields()).filter((f) => !isObjectType(getNamedType(f.type)) && f.args.length === 0);
  return ` { ${(scalars.length > 0 ? scalars.map((f) => f.name) : ['__typename']).join(' ')} }`;
};

function graphqlRequest(mutation: string, kind: string, session: Record<string, string>, payload: unknown, signedIn = true): Sent {
  return {
    mutation,
    kind,
    headers: { 'content-type': 'application/json', ...(signedIn ? session : { cookie: session.cookie }) },
    body: JSON.stringify(payload),
  };
}

/** Every way we try to break one mutation. */
function mutationCases(field: GraphQLField<unknown, unknown>, known: readonly string[], session: Record<string, string>): fc.Arbitrary<Sent> {
  const name = field.name;
  const selection = selectionOf(field);
  const declared = field.args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
  const passed = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const document = `mutation Fuzz${declared ? `(${declared})` : ''} { ${name}${passed ? `(${passed})` : ''}${selection} }`;
  const argumentValues = fc
    .tuple(...field.args.map((a) => fc.oneof({ weight: isNonNullType(a.type) ? 15 : 4, arbitrary: valueFor(a.type, known) }, { weight: 1, arbitrary: fc.constant(OMIT) })))
    .map((values) => Object.fromEntries(field.args.flatMap((a, i) => (values[i] === OMIT ? [] : [[a.name, values[i]]]))));
  const firstArgument = field.args[0]?.name ?? 'input';
  // Inputs that would pass validation but for a field or two, to reach the commands themselves.
  const plausibleValues = fc
    .tuple(...field.args.map((a) => fc.option(hostile(a.type, a.name, known), { freq: isNonNullType(a.type) ? 50 : 2, nil: OMIT })))
    .map((values) => Object.fromEntries(field.args.flatMap((a, i) => (values[i] === OMIT ? [] : [[a.name, values[i]]]))));
  const nearlyValid = plausibleValues.map((variables) => graphqlRequest(name, 'plausible', session, { query: document, variables }));

  // One in twenty without the session's CSRF token.
  const withVariables = fc
    .tuple(argumentValues, fc.nat(19))
    .map(([variables, roll]) => graphqlRequest(name, 'variables', session, { query: document, variables }, roll !== 0));

  const withLiterals = argumentValues.map((values) => {
    const args = field.args.filter((a) => a.name in values).map((a) => `${a.name}: ${literal(values[a.name], a.type)}`);
    return graphqlRequest(name, 'literals', session, { query: `mutation { ${name}${args.length ? `(${args.join(', ')})` : ''}${selection} }` });
  });

  const mangled = fc
    .tuple(argumentValues, fc.nat(), fc.constantFrom('cut', 'insert', 'swap-braces', 'repeat'), fc.string({ maxLength: 8 }))
    .map(([variables, at, how, junk]) => {
      const i = at % (document.length + 1);
      const query =
        how === 'cut'
          ? document.slice(0, i)
          : how === 'insert'
            ? `${document.slice(0, i)}${junk}${document.slice(i)}`
            : how === 'swap-braces'
              ? document.replace(/[{}]/g, (b) => (b === '{' ? '}' : '{'))
              : document.repeat(2 + (i % 3));
      return graphqlRequest(name, `mangled:${how}`, session, { query, variables });
    });

  const deep = fc.oneof(
    // A selection nested far below the result type.
    fc.integer({ min: 12, max: 4_000 }).map((n) =>
      graphqlRequest(name, 'deep:selection', session, { query: `mutation { ${name}${'{ id '.repeat(n)}${'}'.repeat(n)} }` }),
    ),
    // An argument literal nested thousands of lists deep.
    fc.integer({ min: 50, max: 30_000 }).map((n) =>
      graphqlRequest(name, 'deep:literal', session, { query: `mutation { ${name}(${firstArgument}: ${'['.repeat(n)}1${']'.repeat(n)})${selection} }` }),
    ),
    // A variable nested thousands of objects or lists deep.
    // (Written out by hand: JSON.stringify itself runs out of stack at these depths.)
    fc.tuple(fc.integer({ min: 50, max: 20_000 }), fc.boolean()).map(([n, lists]) => {
      const variable = lists ? `${'['.repeat(n)}1${']'.repeat(n)}` : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
      return {
        ...graphqlRequest(name, 'deep:variable', session, {}),
        body: `{"query": ${JSON.stringify(document)}, "variables": {${JSON.stringify(firstArgument)}: ${variable}}}`,
      };
    }),
    // Many aliases of the mutation in one request.
    fc.tuple(fc.integer({ min: 20, max: 600 }), argumentValues).map(([n, values]) => {
      const args = field.args.filter((a) => a.name in values).map((a) => `${a.name}: ${literal(values[a.name], a.type)}`);
      const one = `${name}${args.length ? `(${args.join(', ')})` : ''}${selection}`;
      return graphqlRequest(name, 'deep:aliases', session, { query: `mutation { ${Array.from({ length: n }, (_, i) => `a${i}: ${one}`).join(' ')} }` });
    }),
    // Fragments that spread each other.
    fc.constant(
      graphqlRequest(name, 'deep:fragment-cycle', session, {
        query: `mutation { ${name} { ...A } } fragment A on ${getNamedType(field.type).name} { ...B } fragment B on ${getNamedType(field.type).name} { ...A }`,
      }),
    ),
  );

  return fc.oneof(
    { weight: 8, arbitrary: nearlyValid },
    { weight: 6, arbitrary: withVariables },
    { weight: 3, arbitrary: withLiterals },
    { weight: 2, arbitrary: mangled },
    { weight: 2, arbitrary: deep },
  );
}

const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'multipart/form-data; boundary=synthetic',
  'application/x-www-form-urlencoded',
  'application/graphql',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/json; charset=synthetic-charset',
  'application/jsonx',
  'application/*',
  '*/*',
  '',
];

/** A mutation that fails validation (a required field is missing), so it never runs. */
const NEVER_VALID = '{ registerArea(input: {}) { id } }';

/** Requests that are not proper GraphQL over HTTP (a few, such as Content-Encoding: identity, are fine). */
function rawHttpCases(mutations: Array<GraphQLField<unknown, unknown>>, known: readonly string[], session: Record<string, string>): fc.Arbitrary<Sent> {
  const mutation = fc.constantFrom(...mutations);
  const validish = mutation.chain((field) =>
    mutationCases(field, known, session).map((sent) => (typeof sent.body === 'string' ? sent.body : '{}')),
  );
  const json = { 'content-type': 'application/json', ...session };
  const raw = (kind: string, body: string | Uint8Array | undefined, headers: Record<string, string> = json, method = 'POST', search?: string): Sent => ({
    mutation: '(raw HTTP)',
    kind,
    body,
    headers,
    method,
    search,
  });

  return fc.oneof(
    fc.uint8Array({ maxLength: 2_000 }).map((bytes) => raw('bytes', bytes)),
    fc.string({ maxLength: 200 }).map((text) => raw('text', text)),
    fc.tuple(validish, fc.nat()).map(([body, at]) => raw('truncated-json', body.slice(0, at % Math.max(1, body.length - 1)))),
    fc.constantFrom('[]', '[{}]', '42', '"mutation"', 'null', 'true', '{}', '{"query": null}').map((body) => raw('json-not-a-request', body)),
    fc
      .tuple(fc.constantFrom('query', 'variables', 'operationName', 'extensions'), anything)
      // The document itself fails validation (a required field is missing), whatever the rest is.
      .map(([key, value]) => raw('json-wrong-field-type', JSON.stringify({ query: `mutation ${NEVER_VALID}`, [key]: value }))),
    fc
      .constantFrom(
        { extensions: { persistedQuery: { version: 1, sha256Hash: 'synthetic' } } },
        { extensions: { persistedQuery: { version: 99, sha256Hash: 0 } } },
        { query: `mutation A ${NEVER_VALID} mutation B ${NEVER_VALID}` },
        { query: `mutation A ${NEVER_VALID} mutation B ${NEVER_VALID}`, operationName: 'C' },
        { query: 'subscription { nothing }' },
        { query: '{ __typename }', operationName: ['x'] },
      )
      .map((payload) => raw('json-odd-request', JSON.stringify(payload))),
    fc.tuple(validish, fc.constantFrom(...CONTENT_TYPES)).map(([body, type]) => raw(`content-type:${type || 'none'}`, body, type ? { 'content-type': type, ...session } : session)),
    fc.tuple(validish, fc.constantFrom('gzip', 'deflate', 'br', 'identity', 'compress', 'synthetic')).map(([body, encoding]) =>
      raw(`content-encoding:${encoding}`, body, { ...json, 'content-encoding': encoding }),
    ),
    fc.integer({ min: 101 * 1024, max: 400 * 1024 }).map((n) => raw('oversized', JSON.stringify({ query: `mutation ${NEVER_VALID}`, variables: { padding: 'x'.repeat(n) } }))),
    fc.tuple(validish, fc.constantFrom('PUT', 'PATCH', 'DELETE')).map(([body, method]) => raw(`method:${method}`, body, json, method)),
    validish.map((body) => {
      const { query, variables } = JSON.parse(body) as { query: string; variables?: unknown };
      const search = `?query=${encodeURIComponent(query)}&variables=${encodeURIComponent(JSON.stringify(variables ?? {}))}`;
      return raw('GET-mutation', undefined, { ...session, 'apollo-require-preflight': 'true' }, 'GET', search.length < 6_000 ? search : `?query=${encodeURIComponent(`mutation ${NEVER_VALID}`)}`);
    }),
  );
}
