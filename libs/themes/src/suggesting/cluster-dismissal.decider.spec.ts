import { given } from '../../../capture/src/testing/given-when-then.js';
import { clusterDismissalDecider } from './cluster-dismissal.decider.js';

const dismissal = { key: 'cluster-abc', observationIds: ['o1', 'o2', 'o3'] };

describe('dismissing a proposed cluster', () => {
  it('given nothing, when a proposal is dismissed, then the dismissal is recorded with its observations', () => {
    given(clusterDismissalDecider).when(dismissal).then([{ type: 'theme.cluster_dismissed', data: dismissal }]);
  });

  it('given it was dismissed, when it is dismissed again, then nothing is recorded', () => {
    given(clusterDismissalDecider, { type: 'theme.cluster_dismissed', data: dismissal }).when(dismissal).then([]);
  });
});
