import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  GraphQLError,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  specifiedRules,
  validate,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';

/** `extensions.code` of a query refused for nesting deeper than the limit. */
export const QUERY_TOO_DEEP = 'QUERY_TOO_DEEP';
/** `extensions.code` of a query refused for an estimated cost above the limit. */
export const QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX';
export type QueryLimitCode = typeof QUERY_TOO_DEEP | typeof QUERY_TOO_COMPLEX;

export interface QueryLimits {
  /** Most levels of nested fields; a root field is level 1. */
  readonly maxDepth: number;
  /** Highest estimated cost (see `operationCost`). */
  readonly maxCost: number;
  /** Items counted for a list without a page size (and for a paged field left at its default). */
  readonly defaultListSize?: number;
  /** Items counted for a page size passed as a variable without a default (its value is not known yet). */
  readonly variablePageSize?: number;
}

export const DEFAULT_LIST_SIZE = 10;
export const VARIABLE_PAGE_SIZE = 100;
/** Arguments that say how many items a list field returns. */
const PAGE_SIZE_ARGUMENTS = ['first', 'last', 'limit'];
/** Introspection entry points: bounded by the schema's size, and guarded by graphql-js's own MaxIntrospectionDepthRule. */
const INTROSPECTION_ROOTS = new Set(['__schema', '__type']);

/** A query refused before it runs because it is too deep or too costly. */
export class QueryLimitError extends GraphQLError {
  constructor(
    readonly limitCode: QueryLimitCode,
    message: string,
    node: OperationDefinitionNode,
    readonly measured: { readonly actual: number; readonly max: number },
  ) {
    super(message, { nodes: [node], extensions: { code: limitCode, ...measured } });
    this.name = 'QueryLimitError';
  }
}

type Fragments = (name: string) => FragmentDefinitionNode | null | undefined;

/**
 * How many levels of fields an operation nests, fragments included. Introspection
 * (`__schema`, `__type`) is not counted: it is bounded by the schema, graphql-js's
 * MaxIntrospectionDepthRule limits its recursion, and production turns it off.
 */
export function operationDepth(operation: OperationDefinitionNode, fragments: Fragments): number {
  const known = new Map<string, number>();
  const visiting = new Set<string>();
  const depthOf = (selectionSet: SelectionSetNode): number => {
    let deepest = 0;
    for (const selection of selectionSet.selections) {
      let depth = 0;
      if (selection.kind === Kind.FIELD) {
        if (INTROSPECTION_ROOTS.has(selection.name.value)) continue;
        depth = 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        depth = depthOf(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments(name);
        // Unknown and cyclic fragments are reported by graphql-js's own rules.
        if (!fragment || visiting.has(name)) continue;
        if (!known.has(name)) {
          visiting.add(name);
          known.set(name, depthOf(fragment.selectionSet));
          visiting.delete(name);
        }
        depth = known.get(name)!;
      }
      deepest = Math.max(deepest, depth);
    }
    return deepest;
  };
  return depthOf(operation.selectionSet);
}

/**
 * An estimate of the work an operation asks for: every field costs 1, and a list field costs
 * its item count times (1 + its selections). The item count is the field's own `first`/`last`/
 * `limit` argument; on a page object (a connection) that argument counts for the lists directly
 * inside it (`edges`, `entries`). A page size given as a variable counts as `variablePageSize`
 * unless the variable has a default; a list without any page size counts as `defaultListSize`.
 * Fragments are expanded (each once per place they are used); introspection is not counted.
 */
export function operationCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Fragments,
  sizes: { defaultListSize?: number; variablePageSize?: number } = {},
): number {
  const defaultListSize = sizes.defaultListSize ?? DEFAULT_LIST_SIZE;
  const variablePageSize = sizes.variablePageSize ?? VARIABLE_PAGE_SIZE;
  const root = schema.getRootType(operation.operation);
  if (!root) return 0;
  const variableDefaults = new Map(
    (operation.variableDefinitions ?? []).map((definition) => [definition.variable.name.value, definition.defaultValue]),
  );

  const pageSizeOf = (node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined => {
    const definition = field.args.find((arg) => PAGE_SIZE_ARGUMENTS.includes(arg.name));
    if (!definition) return undefined;
    const given = node.arguments?.find((arg) => arg.name.value === definition.name)?.value;
    const value = given?.kind === Kind.VARIABLE ? (variableDefaults.get(given.name.value) ?? null) : given;
    if (given?.kind === Kind.VARIABLE && value === null) return variablePageSize;
    if (value?.kind === Kind.INT) return Math.max(0, Number(value.value));
    if (value && value.kind !== Kind.NULL) return variablePageSize; // not a number: the field's own validation refuses it
    return typeof definition.defaultValue === 'number' ? Math.max(0, definition.defaultValue) : defaultListSize;
  };

  const known = new Map<string, number>();
  const visiting = new Set<string>();
  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, pageForLists: number | undefined): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, pageForLists);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (condition && isCompositeType(condition)) total += costOf(selection.selectionSet, condition, pageForLists);
      } else {
        const name = selection.name.value;
        const fragment = fragments(name);
        const condition = fragment && schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !condition || !isCompositeType(condition)) continue;
        const key = `${name}|${pageForLists ?? ''}`;
        if (visiting.has(key)) continue; // a cycle, reported by NoFragmentCyclesRule
        if (!known.has(key)) {
          visiting.add(key);
          known.set(key, costOf(fragment.selectionSet, condition, pageForLists));
          visiting.delete(key);
        }
        total += known.get(key)!;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, pageForLists: number | undefined): number => {
    const name = node.name.value;
    if (INTROSPECTION_ROOTS.has(name)) return 0;
    if (name === '__typename') return 1;
    const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
    if (!field) return 0; // unknown fields are reported by FieldsOnCorrectTypeRule
    const pageSize = pageSizeOf(node, field);
    const lists = listLevels(field.type);
    const named = getNamedType(field.type);
    const children =
      node.selectionSet && isCompositeType(named) ? costOf(node.selectionSet, named, lists === 0 ? pageSize : undefined) : 0;
    let items = 1;
    if (lists > 0) items = (pageSize ?? pageForLists ?? defaultListSize) * defaultListSize ** (lists - 1);
    return items * (1 + children);
  };

  return costOf(operation.selectionSet, root, undefined);
}

function listLevels(type: GraphQLOutputType): number {
  let levels = 0;
  let current: GraphQLOutputType = type;
  for (;;) {
    if (isNonNullType(current)) current = current.ofType;
    else if (isListType(current)) {
      levels += 1;
      current = current.ofType as GraphQLOutputType;
    } else return levels;
  }
}

const operationLabel = (operation: OperationDefinitionNode) =>
  `The ${operation.operation}${operation.name ? ` ${operation.name.value}` : ''}`;

/** Refuses, before it runs, an operation nesting more than `maxDepth` levels of fields. */
export function depthLimitRule(maxDepth: number): ValidationRule {
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const depth = operationDepth(operation, (name) => context.getFragment(name));
      if (depth <= maxDepth) return;
      context.reportError(
        new QueryLimitError(
          QUERY_TOO_DEEP,
          `${operationLabel(operation)} nests fields ${depth} levels deep; at most ${maxDepth} are allowed. ` +
            'Ask for fewer nested fields, or split it into several requests.',
          operation,
          { actual: depth, max: maxDepth },
        ),
      );
    },
  });
}

/** Refuses, before it runs, an operation whose estimated cost (see `operationCost`) is above `maxCost`. */
export function costLimitRule(limits: Omit<QueryLimits, 'maxDepth'>): ValidationRule {
  const defaultListSize = limits.defaultListSize ?? DEFAULT_LIST_SIZE;
  const variablePageSize = limits.variablePageSize ?? VARIABLE_PAGE_SIZE;
  return (context: ValidationContext): ASTVisitor => ({
    OperationDefinition(operation) {
      const cost = operationCost(context.getSchema(), operation, (name) => context.getFragment(name), { defaultListSize, variablePageSize });
      if (cost <= limits.maxCost) return;
      const actual = Math.min(Math.round(cost), Number.MAX_SAFE_INTEGER);
      const shown = cost <= Number.MAX_SAFE_INTEGER ? String(actual) : `over ${Number.MAX_SAFE_INTEGER}`;
      context.reportError(
        new QueryLimitError(
          QUERY_TOO_COMPLEX,
          `${operationLabel(operation)} has an estimated cost of ${shown}; at most ${limits.maxCost} is allowed. ` +
            `Each field costs 1 and a list field costs that times its page size (first), or ${defaultListSize} without one; ` +
            `a page size passed as a variable without a default counts as ${variablePageSize}. Ask for smaller pages or fewer fields.`,
          operation,
          { actual, max: limits.maxCost },
        ),
      );
    },
  });
}

/** The depth and cost rules together, for Apollo's `validationRules`. */
export function queryLimitRules(limits: QueryLimits): ValidationRule[] {
  return [depthLimitRule(limits.maxDepth), costLimitRule(limits)];
}

/** Refuses introspection (`__schema`, `__type`): production serves no schema to strangers. */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (INTROSPECTION_ROOTS.has(node.name.value)) {
      context.reportError(
        new GraphQLError('Introspection is turned off in production; the schema is in schema/schema.graphql.', { nodes: [node] }),
      );
    }
  },
});

/**
 * graphql-js's `validate` with the standard rules and these limits (and no introspection in
 * production), for the graphql-ws server, which does not go through Apollo's validation.
 */
export function validateWithLimits(limits: QueryLimits, options: { introspection: boolean; rules?: readonly ValidationRule[] }): typeof validate {
  const rules = [...specifiedRules, ...queryLimitRules(limits), ...(options.rules ?? []), ...(options.introspection ? [] : [noIntrospectionRule])];
  return (schema, document) => validate(schema, document, rules);
}

/** The limit a validation error reports, if it is one of ours (also when wrapped by Apollo). */
export function queryLimitOf(error: unknown): QueryLimitError | undefined {
  for (let current = error, hops = 0; current instanceof Error && hops < 5; hops += 1) {
    if (current instanceof QueryLimitError) return current;
    current = (current as GraphQLError).originalError;
  }
  return undefined;
}
