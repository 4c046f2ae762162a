import { useMemo } from 'react';
import { useQuery } from 'urql';
import { graphql } from '../../gql/index.js';
import type { InfluencerThemeIndexQuery } from '../../gql/graphql.js';

const DirectoryDocument = graphql(`
  query InfluencerDirectory {
    categories(includeRetired: true) {
      id
      name
      polarity
      retired
    }
    areas {
      id
      name
    }
  }
`);

/** Categories and areas by id, for showing names where the API gives ids. */
export function useDirectory() {
  const [{ data, error }] = useQuery({ query: DirectoryDocument });
  return useMemo(() => {
    const categories = new Map((data?.categories ?? []).map((c) => [c.id, c]));
    const areas = new Map((data?.areas ?? []).map((a) => [a.id, a]));
    return {
      ready: data !== undefined,
      error,
      categories: data?.categories ?? [],
      areas: data?.areas ?? [],
      categoryName: (id: string) => categories.get(id)?.name ?? 'a category no longer listed',
      areaName: (id: string) => areas.get(id)?.name ?? 'an area no longer listed',
    };
  }, [data, error]);
}

const ThemeIndexDocument = graphql(`
  query InfluencerThemeIndex {
    themes {
      id
      name
      status
      observationCount
      observationIds
    }
  }
`);

export type ThemeSummary = InfluencerThemeIndexQuery['themes'][number];

/** Every theme in use (merged ones left out), and for each observation the themes it evidences. */
export function useThemeIndex() {
  const [{ data, error, fetching }] = useQuery({ query: ThemeIndexDocument, requestPolicy: 'cache-and-network' });
  return useMemo(() => {
    const byObservation = new Map<string, ThemeSummary[]>();
    for (const theme of data?.themes ?? []) {
      for (const id of theme.observationIds) byObservation.set(id, [...(byObservation.get(id) ?? []), theme]);
    }
    return {
      ready: data !== undefined,
      fetching,
      error,
      themes: data?.themes ?? [],
      themesOf: (observationId: string) => byObservation.get(observationId) ?? [],
    };
  }, [data, error, fetching]);
}

const OrganisationNameDocument = graphql(`
  query InfluencerOrganisationName($id: ID!) {
    organisation(id: $id) {
      id
      name
    }
  }
`);

/** A service's name from its id (asked once per id; the answer is cached). */
export function OrganisationName({ id, fallback = 'a service' }: { readonly id: string | null | undefined; readonly fallback?: string }) {
  const [{ data, error }] = useQuery({ query: OrganisationNameDocument, variables: { id: id ?? '' }, pause: !id });
  if (!id) return <>{fallback}</>;
  if (error) return <>a service no longer listed</>;
  return <>{data?.organisation.name ?? fallback}</>;
}
