import { useCallback, useRef } from 'react';
import { type AnyVariables, type TypedDocumentNode, useMutation } from 'urql';
import { type ApiFailure, failureOf } from './errors.js';
import { uuid } from '../lib/dates.js';

export type CommandResult<Data> = { readonly ok: true; readonly data: Data } | { readonly ok: false; readonly failure: ApiFailure };

/** The GraphQL types a command may change, so the pages showing them read them again. */
export const THEMES = ['ThemeView', 'ThemeTrendsView', 'ThemeSuggestionsView', 'TrendPoint'];
export const OBSERVATIONS = ['ObservationConnection', 'ObservationView'];
export const REPORTS = ['ReportView'];
export const PEOPLE = ['PersonPageView', 'CaseloadEntryView'];

/**
 * Runs one of the API's commands with a client-made command id, so that pressing again after a
 * lost answer is not recorded twice. The id is kept until the command succeeds, or until it is
 * sent with different input (then it is a different command). After success, the queries that
 * read `invalidates` are asked again.
 */
export function useCommand<Data, Variables extends AnyVariables & { commandId?: string | null }>(
  document: TypedDocumentNode<Data, Variables>,
  invalidates: readonly string[],
): [boolean, (variables: Omit<Variables, 'commandId'>) => Promise<CommandResult<Data>>] {
  const [{ fetching }, execute] = useMutation(document);
  const pending = useRef<{ id: string; input: string } | undefined>(undefined);
  const run = useCallback(
    async (variables: Omit<Variables, 'commandId'>): Promise<CommandResult<Data>> => {
      const input = JSON.stringify(variables);
      if (pending.current?.input !== input) pending.current = { id: uuid(), input };
      const result = await execute({ ...variables, commandId: pending.current.id } as unknown as Variables, { additionalTypenames: [...invalidates] });
      if (result.data && !result.error) {
        pending.current = undefined;
        return { ok: true, data: result.data };
      }
      return {
        ok: false,
        failure: result.error ? failureOf(result.error) : { code: 'INTERNAL', message: 'That did not work. Try again: nothing is recorded twice.', problems: [] },
      };
    },
    [execute, invalidates],
  );
  return [fetching, run];
}
