export { contentTerms, KEPT_DESPITE_STOP_LIST, type Term } from './terms.js';
export { cosine, TermSpace, type SparseVector, type TextDocument } from './term-space.js';
export {
  DEFAULT_MIN_SCORE,
  DEFAULT_SUGGESTION_LIMIT,
  dismissalKey,
  suggestThemes,
  type SuggestThemesOptions,
  type ThemeProfile,
  type ThemeSuggestion,
} from './suggest-themes.js';
export {
  clusterKey,
  DEFAULT_CLUSTER_THRESHOLD,
  DEFAULT_MAX_PROPOSALS,
  DEFAULT_MIN_CLUSTER_SIZE,
  DISMISSED_OVERLAP,
  proposeClusters,
  type ClusterProposal,
  type ProposeClustersOptions,
} from './propose-clusters.js';
