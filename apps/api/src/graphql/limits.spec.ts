import { buildSchema, GraphQLError, getIntrospectionQuery, Kind, type OperationDefinitionNode, parse, validate } from 'graphql';
import {
  costLimitRule,
  depthLimitRule,
  noIntrospectionRule,
  operationCost,
  operationDepth,
  QUERY_TOO_COMPLEX,
  QUERY_TOO_DEEP,
  queryLimitOf,
  queryLimitRules,
  validateWithLimits,
} from './limits.js';

const schema = buildSchema(`
  type Query {
    me: User
    users(first: Int): [User!]!
    feed(first: Int, after: String): Page!
    tags: [String!]!
    audit(first: Int! = 50): [Entry!]!
    grid: [[Int!]!]!
  }
  type Mutation { rename(name: String!): User! }
  type User { id: ID! name: String friends: [User!]! best: User }
  type Page { items: [User!]! total: Int! }
  type Entry { id: ID! what: String! }
`);

/** Depth and cost of the first operation of a document. */
function measure(source: string, sizes?: { defaultListSize?: number; variablePageSize?: number }) {
  const document = parse(source);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragment = (name: string) =>
    document.definitions.find((d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name) as never;
  return { depth: operationDepth(operation, fragment), cost: operationCost(schema, operation, fragment, sizes) };
}

const limited = (source: string, maxDepth: number, maxCost: number) => validate(schema, parse(source), queryLimitRules({ maxDepth, maxCost }));

describe('query depth', () => {
  it('counts a root field as level 1 and each nested selection as one more', () => {
    expect(measure('{ me { id } }').depth).toBe(2);
    expect(measure('{ me { best { best { name } } } }').depth).toBe(4);
  });

  it('counts through named and inline fragments', () => {
    expect(measure('{ me { ...Deep } } fragment Deep on User { best { ... on User { best { id } } } }').depth).toBe(4);
  });

  it('given a query deeper than the limit, refuses it with QUERY_TOO_DEEP naming both numbers', () => {
    const query = '{ me { best { best { best { name } } } } }';
    expect(limited(query, 5, 1000)).toEqual([]);
    const [error] = limited(query, 4, 1000);
    expect(error.message).toBe('The query nests fields 5 levels deep; at most 4 are allowed. Ask for fewer nested fields, or split it into several requests.');
    expect(error.extensions).toEqual({ code: QUERY_TOO_DEEP, actual: 5, max: 4 });
    expect(queryLimitOf(error)?.limitCode).toBe(QUERY_TOO_DEEP);
  });

  it('names the operation refused', () => {
    const [error] = validate(schema, parse('query Deep { me { best { best { id } } } }'), [depthLimitRule(2)]);
    expect(error.message).toMatch(/^The query Deep nests fields 4 levels deep/);
  });

  it('leaves a cycle of fragments to graphql-js instead of looping', () => {
    const errors = validate(schema, parse('{ me { ...A } } fragment A on User { best { ...B } } fragment B on User { best { ...A } }'), [
      depthLimitRule(10),
      costLimitRule({ maxCost: 1000 }),
    ]);
    expect(errors).toEqual([]);
  });

  it('does not count introspection, which graphql-js bounds itself', () => {
    expect(limited(getIntrospectionQuery(), 3, 10)).toEqual([]);
    expect(measure('{ __schema { types { fields { type { name } } } } me { id } }').depth).toBe(2);
  });
});

describe('query cost', () => {
  it('costs 1 per field, and a list its page size times (1 + its selections)', () => {
    expect(measure('{ me { id name } }').cost).toBe(3);
    expect(measure('{ users(first: 5) { id name } }').cost).toBe(15);
  });

  it('counts a page object once and the list directly inside it at the page size', () => {
    expect(measure('{ feed(first: 5) { items { id } total } }').cost).toBe(1 + 5 * 2 + 1);
  });

  it('counts a list without a page size at the default list size', () => {
    expect(measure('{ tags }').cost).toBe(10);
    expect(measure('{ tags }', { defaultListSize: 3 }).cost).toBe(3);
    expect(measure('{ feed { items { id } } }').cost).toBe(1 + 10 * 2);
    expect(measure('{ grid }').cost).toBe(100);
  });

  it("uses the argument's schema default when the page size is left out", () => {
    expect(measure('{ audit { id } }').cost).toBe(50 * 2);
  });

  it("counts a page size passed as a variable at the variable's default, or the variable page size", () => {
    expect(measure('query($n: Int) { users(first: $n) { id } }').cost).toBe(100 * 2);
    expect(measure('query($n: Int) { users(first: $n) { id } }', { variablePageSize: 7 }).cost).toBe(7 * 2);
    expect(measure('query($n: Int = 3) { users(first: $n) { id } }').cost).toBe(3 * 2);
  });

  it('multiplies nested lists', () => {
    expect(measure('{ users(first: 10) { friends { friends { id } } } }').cost).toBe(10 * (1 + 10 * (1 + 10 * 2)));
  });

  it('counts a fragment each time it is used, and aliases as separate fields', () => {
    expect(measure('{ a: me { ...U } b: me { ...U } } fragment U on User { id name }').cost).toBe(6);
  });

  it('counts a mutation like a query', () => {
    expect(measure('mutation { rename(name: "x") { friends { id } } }').cost).toBe(1 + 10 * 2);
  });

  it('given a query costlier than the limit, refuses it with QUERY_TOO_COMPLEX naming both numbers and how to fix it', () => {
    const query = '{ users(first: 100) { friends { id } } }';
    expect(limited(query, 10, 2100)).toEqual([]);
    const [error] = limited(query, 10, 2099);
    expect(error.message).toMatch(/^The query has an estimated cost of 2100; at most 2099 is allowed\. .*smaller pages or fewer fields\.$/);
    expect(error.extensions).toEqual({ code: QUERY_TOO_COMPLEX, actual: 2100, max: 2099 });
  });

  it('measures a fragment bomb without expanding it, and refuses it', () => {
    const levels = 40;
    const fragments = Array.from({ length: levels }, (_, i) =>
      i < levels - 1 ? `fragment F${i} on User { best { ...F${i + 1} } friends { ...F${i + 1} } }` : `fragment F${i} on User { id }`,
    ).join('\n');
    const started = performance.now();
    const errors = limited(`{ me { ...F0 } }\n${fragments}`, 100, 10_000);
    expect(performance.now() - started).toBeLessThan(500);
    expect(errors.map((e) => e.extensions.code)).toEqual([QUERY_TOO_COMPLEX]);
    expect(errors[0].extensions.actual).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe('introspection and the graphql-ws validator', () => {
  it('refuses introspection when it is turned off', () => {
    const [error] = validate(schema, parse('{ __schema { queryType { name } } }'), [noIntrospectionRule]);
    expect(error.message).toMatch(/Introspection is turned off in production/);
    expect(validate(schema, parse('{ me { __typename } }'), [noIntrospectionRule])).toEqual([]);
  });

  it('applies the standard rules, the limits and, when asked, no introspection', () => {
    const open = validateWithLimits({ maxDepth: 3, maxCost: 1000 }, { introspection: true });
    const closed = validateWithLimits({ maxDepth: 3, maxCost: 1000 }, { introspection: false });
    expect(open(schema, parse('{ nope }')).map((e) => e.message)).toEqual(['Cannot query field "nope" on type "Query".']);
    expect(open(schema, parse('{ me { best { best { id } } } }')).map((e) => e.extensions.code)).toEqual([QUERY_TOO_DEEP]);
    expect(open(schema, parse(getIntrospectionQuery()))).toEqual([]);
    expect(closed(schema, parse(getIntrospectionQuery())).length).toBeGreaterThan(0);
  });

  it('finds our limit error inside the error Apollo wraps it in, and nothing in other errors', () => {
    const [error] = limited('{ me { best { best { id } } } }', 2, 1000);
    const wrapped = new GraphQLError(error.message, { originalError: error });
    expect(queryLimitOf(wrapped)).toBe(error);
    expect(queryLimitOf(new GraphQLError('other'))).toBeUndefined();
    expect(queryLimitOf('not an error')).toBeUndefined();
  });
});
