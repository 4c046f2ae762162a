import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import type { AppConfig } from '#libs/runtime';
import { queryLimitRules, validateWithLimits } from './limits.js';
import { operationTypeRule } from './operation-types.js';
import { storableTextPlugin, storableTextRule, unstorableVariablesRefusal } from './text-input.js';

/** Where GraphQL is served (HTTP and graphql-ws), and GraphiQL outside production. */
export const GRAPHQL_PATH = '/graphql';

/**
 * The GraphQL server's protective settings from the configuration: depth and cost limits on
 * every operation (over HTTP and over graphql-ws, which Apollo's validation does not cover);
 * operations of a type the schema lacks, and subscriptions over HTTP, refused at validation;
 * text that cannot be stored refused before execution (over HTTP and graphql-ws);
 * in production no introspection and no GraphiQL page; never a stack trace in a response.
 */
export function graphqlHardening(
  config: Pick<AppConfig, 'production' | 'graphqlMaxDepth' | 'graphqlMaxCost'>,
): Pick<ApolloDriverConfig, 'introspection' | 'graphiql' | 'validationRules' | 'plugins' | 'subscriptions' | 'includeStacktraceInErrorResponses'> {
  const limits = { maxDepth: config.graphqlMaxDepth, maxCost: config.graphqlMaxCost };
  const introspection = !config.production;
  return {
    introspection,
    graphiql: !config.production,
    validationRules: [...queryLimitRules(limits), operationTypeRule('http')],
    // Text PostgreSQL cannot store (NUL, lone surrogates) is refused before anything runs.
    plugins: [storableTextPlugin()],
    subscriptions: { 'graphql-ws': graphqlWsOptions(validateWithLimits(limits, { introspection, rules: [operationTypeRule('graphql-ws'), storableTextRule] })) },
    includeStacktraceInErrorResponses: false,
  };
}

/**
 * graphql-ws options with our `validate`, and `onSubscribe` refusing variables that cannot be
 * stored. Nest's type lists only some of graphql-ws's server options, but Nest passes them all on
 * to graphql-ws's `useServer` (checked in gql-subscription.service.js of @nestjs/graphql 14),
 * which calls `validate` for every operation.
 */
function graphqlWsOptions(validate: ReturnType<typeof validateWithLimits>): GraphQLWsSubscriptionsConfig {
  const options = {
    validate,
    onSubscribe: (_ctx: unknown, _id: string, payload: { variables?: unknown }) => unstorableVariablesRefusal(payload.variables),
  };
  return options as GraphQLWsSubscriptionsConfig;
}
