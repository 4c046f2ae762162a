import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../gql/index.js';

const FindOrganisationsDocument = graphql(`
  query FindOrganisations($search: String!) {
    organisations(search: $search, first: 8) {
      totalCount
      edges {
        node {
          id
          name
          kind
        }
      }
    }
  }
`);

/** Searches start once this many characters are typed. */
const MIN_LENGTH = 2;
/** And once typing pauses this long. */
const WAIT_MS = 250;

/**
 * Organisations whose name contains what is typed, asked for once typing pauses: the first 8
 * found and how many match in all. `settled` when the answer is for the text as it stands now.
 */
export function useOrganisationSearch(text: string, options: { paused?: boolean } = {}) {
  const [search, setSearch] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), WAIT_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const searching = search.length >= MIN_LENGTH;
  const [{ data, fetching }] = useQuery({ query: FindOrganisationsDocument, variables: { search }, pause: !searching || options.paused });
  return {
    /** A search is under way or answered (enough was typed). */
    searching,
    fetching: searching && fetching,
    found: searching ? (data?.organisations.edges.map((e) => e.node) ?? []) : [],
    total: data?.organisations.totalCount ?? 0,
    settled: searching && search === text.trim() && !fetching && data !== undefined,
    /** Typing has moved on since the last search began. */
    stale: search !== text.trim(),
  };
}
