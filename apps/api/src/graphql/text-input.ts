import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type DocumentNode, GraphQLError, type ValidationRule, visit } from 'graphql';

/**
 * The NUL character and UTF-16 surrogates without their pair. PostgreSQL can store neither in
 * text or jsonb (the append fails, which reached callers as INTERNAL), a lone surrogate cannot
 * even be written as UTF-8, and no text a person types contains them.
 */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/**
 * Where the first string (or object key) that cannot be stored is in a variables object, as a
 * path such as `input.keyTerms[2]`; undefined when there is none. Walks without recursion and
 * builds the path only when it finds one: variables may nest thousands of levels deep.
 */
export function unstorableTextIn(variables: unknown): string | undefined {
  const nodes: Array<{ value: unknown; parent: number; step: string }> = [{ value: variables, parent: -1, step: '' }];
  const pathOf = (index: number): string => {
    const steps: string[] = [];
    for (let i = index; i > 0; i = nodes[i].parent) steps.push(nodes[i].step);
    return steps.reverse().join('').replace(/^\./, '') || '(the variables)';
  };
  for (let next = 0; next < nodes.length; next += 1) {
    const { value } = nodes[next];
    if (typeof value === 'string') {
      if (!isStorableText(value)) return pathOf(next);
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => nodes.push({ value: item, parent: next, step: `[${i}]` }));
    } else if (value !== null && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        if (!isStorableText(key)) return `${pathOf(next)} (a field name)`;
        nodes.push({ value: item, parent: next, step: `.${key}` });
      }
    }
  }
  return undefined;
}

/** Whether a string written in the query document itself cannot be stored. */
export function documentHasUnstorableText(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    StringValue(node) {
      if (!isStorableText(node.value)) found = true;
    },
  });
  return found;
}

const refusal = (where: string) =>
  `${where} contains a NUL character or a broken Unicode character (an unpaired surrogate), which cannot be stored. Remove it and send again.`;

/**
 * Refuses, before anything runs, a request whose variables or query carry text that cannot be
 * stored, with 400 / BAD_USER_INPUT naming where it is (never what it says).
 */
export function storableTextPlugin(): ApolloServerPlugin {
  const refuse = (where: string) =>
    new GraphQLError(refusal(where), { extensions: { code: 'BAD_USER_INPUT', http: { status: 400, headers: new HeaderMap() } } });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document }) {
          const inVariables = unstorableTextIn(request.variables ?? {});
          if (inVariables) throw refuse(`The variable ${inVariables}`);
          if (documentHasUnstorableText(document)) throw refuse('A string in the query');
        },
      };
    },
  };
}

/** The same refusal for graphql-ws, which runs no Apollo plugins: variables, before parsing. */
export function unstorableVariablesRefusal(variables: unknown): GraphQLError[] | undefined {
  const where = unstorableTextIn(variables ?? {});
  return where ? [new GraphQLError(refusal(`The variable ${where}`), { extensions: { code: 'BAD_USER_INPUT' } })] : undefined;
}

/** And for string literals in a graphql-ws document, as a validation rule. */
export const storableTextRule: ValidationRule = (context) => ({
  StringValue(node) {
    if (!isStorableText(node.value)) context.reportError(new GraphQLError(refusal('A string in the query'), { nodes: [node], extensions: { code: 'BAD_USER_INPUT' } }));
  },
});
