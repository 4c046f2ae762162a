import type { Decider } from '#libs/kernel';
import type { ClusterDismissed } from '../themes/theme.events.js';

/** Dismissing a proposed cluster: once is enough, a second dismissal records nothing. */
export const clusterDismissalDecider: Decider<{ key: string; observationIds: readonly string[] }, ClusterDismissed, { dismissed: boolean }> = {
  initialState: { dismissed: false },
  evolve: () => ({ dismissed: true }),
  decide: (command, state) => (state.dismissed ? [] : [{ type: 'theme.cluster_dismissed', data: { key: command.key, observationIds: command.observationIds } }]),
};
