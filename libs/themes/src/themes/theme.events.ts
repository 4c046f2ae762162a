/**
 * A theme: a systemic pattern that influencers see across many observations, named in plain
 * words, with the observations that evidence it. Stream `theme-<id>`. Themes hold no personal
 * data: names, descriptions and key terms are written about services, never about a person.
 */

/** Where a theme is in the learning loop. `merged` is terminal: the theme lives on in another. */
export const THEME_STATUSES = [
  'emerging',
  'confirmed',
  'raised_with_services',
  'change_agreed',
  'improving',
  'resolved',
  'reopened',
  'merged',
] as const;
export type ThemeStatus = (typeof THEME_STATUSES)[number];

/** The statuses `changeThemeStatus` may move to (confirming and merging have commands of their own). */
export const CHANGEABLE_STATUSES = ['raised_with_services', 'change_agreed', 'improving', 'resolved', 'reopened'] as const;
export type ChangeableStatus = (typeof CHANGEABLE_STATUSES)[number];

export interface ThemeDefinition {
  readonly name: string;
  readonly description: string;
  /** Taxonomy category slugs the theme covers. */
  readonly categoryIds: readonly string[];
  /** Words that mark an observation as part of it (lower case). */
  readonly keyTerms: readonly string[];
}

export interface ThemeProposed extends ThemeDefinition {
  readonly themeId: string;
  /** Observations that evidence it from the start (e.g. an accepted cluster suggestion). */
  readonly observationIds: readonly string[];
}

export type ThemeEvent =
  | { type: 'theme.proposed'; data: ThemeProposed }
  | { type: 'theme.confirmed'; data: { themeId: string; name: string } }
  | { type: 'theme.redefined'; data: { themeId: string } & Partial<ThemeDefinition> }
  | { type: 'theme.observations_linked'; data: { themeId: string; observationIds: readonly string[] } }
  | { type: 'theme.observations_unlinked'; data: { themeId: string; observationIds: readonly string[] } }
  | { type: 'theme.status_changed'; data: { themeId: string; from: ThemeStatus; to: ChangeableStatus; note: string } }
  /** This theme was folded into another; its observations went with it. */
  | { type: 'theme.merged'; data: { themeId: string; intoThemeId: string; observationIds: readonly string[] } }
  /** The other side of a merge: observations that arrived from a merged theme. */
  | { type: 'theme.absorbed'; data: { themeId: string; fromThemeId: string; observationIds: readonly string[] } }
  /** Some observations left for a new theme split from this one. */
  | { type: 'theme.split'; data: { themeId: string; newThemeId: string; observationIds: readonly string[] } }
  /** The other side of a split: a new theme starts with the observations that left. */
  | { type: 'theme.split_off'; data: ThemeProposed & { fromThemeId: string; status: ThemeStatus } }
  /** Suggestions to link these observations to this theme were dismissed: they are not offered again. */
  | { type: 'theme.suggestions_dismissed'; data: { themeId: string; observationIds: readonly string[] } };

export const THEME_EVENT_TYPES = [
  'theme.proposed',
  'theme.confirmed',
  'theme.redefined',
  'theme.observations_linked',
  'theme.observations_unlinked',
  'theme.status_changed',
  'theme.merged',
  'theme.absorbed',
  'theme.split',
  'theme.split_off',
  'theme.suggestions_dismissed',
] as const;

export function themeStream(themeId: string): string {
  return `theme-${themeId}`;
}

/**
 * A proposed cluster of unthemed observations that an influencer dismissed. Stream
 * `themecluster-<key>`, one per dismissed proposal; proposals overlapping it are not offered again.
 */
export interface ClusterDismissed {
  readonly type: 'theme.cluster_dismissed';
  readonly data: { readonly key: string; readonly observationIds: readonly string[] };
}

export function clusterDismissalStream(key: string): string {
  return `themecluster-${key}`;
}
