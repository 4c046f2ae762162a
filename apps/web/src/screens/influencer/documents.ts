import { graphql } from '../../gql/index.js';

/** Documents more than one of the influencer's screens use. */

export const ThemeSuggestionsDocument = graphql(`
  query InfluencerThemeSuggestions {
    themeSuggestions {
      considered
      suggestions {
        observationId
        themeId
        themeName
        score
        sharedTerms
      }
      clusters {
        key
        observationIds
        terms
        cohesion
      }
    }
  }
`);

export const LinkObservationsDocument = graphql(`
  mutation InfluencerLinkObservations($commandId: ID, $input: ThemeObservationsInput!) {
    linkObservations(commandId: $commandId, input: $input) {
      id
    }
  }
`);

export const DismissSuggestionsDocument = graphql(`
  mutation InfluencerDismissSuggestions($commandId: ID, $input: ThemeObservationsInput!) {
    dismissThemeSuggestions(commandId: $commandId, input: $input) {
      id
    }
  }
`);

export const ProposeThemeDocument = graphql(`
  mutation InfluencerProposeTheme($commandId: ID, $input: ProposeThemeInput!) {
    proposeTheme(commandId: $commandId, input: $input) {
      id
    }
  }
`);

export const UnlinkObservationsDocument = graphql(`
  mutation InfluencerUnlinkObservations($commandId: ID, $input: ThemeObservationsInput!) {
    unlinkObservations(commandId: $commandId, input: $input) {
      id
    }
  }
`);

/** "retell, assessor , again" → ["retell", "assessor", "again"]. */
export function termsFrom(text: string): string[] {
  return [...new Set(text.split(/[,;\n]/).map((t) => t.trim()).filter(Boolean))];
}
