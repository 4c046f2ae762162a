import { GraphQLError, type ValidationRule } from 'graphql';

/**
 * Refuses, at validation, an operation of a type the schema does not have (graphql-js 16
 * validates none of its fields and only fails once executing, which Apollo reports as an
 * internal error), and, over HTTP, any subscription: those are served over graphql-ws.
 */
export function operationTypeRule(transport: 'http' | 'graphql-ws'): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const kind = operation.operation;
      if (!context.getSchema().getRootType(kind)) {
        context.reportError(new GraphQLError(`This API has no ${kind} operations.`, { nodes: [operation] }));
      } else if (kind === 'subscription' && transport === 'http') {
        context.reportError(
          new GraphQLError('Subscriptions are served over WebSocket (the graphql-ws protocol) at /graphql, not over HTTP.', { nodes: [operation] }),
        );
      }
    },
  });
}
