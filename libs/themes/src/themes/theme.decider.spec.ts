import { ConflictError, NotFoundError, ValidationError } from '#libs/kernel';
import { given } from '../../../capture/src/testing/given-when-then.js';
import { canMove, themeDecider } from './theme.decider.js';
import type { ThemeEvent, ThemeProposed } from './theme.events.js';

const theme: ThemeProposed = {
  themeId: 't1',
  name: 'Support withdrawn on moving area',
  description: 'Support stops when a person moves between boroughs.',
  categoryIds: ['support_withdrawn_on_moving_area'],
  keyTerms: ['move', 'borough'],
  observationIds: ['o1', 'o2'],
};
const proposed: ThemeEvent = { type: 'theme.proposed', data: theme };
const confirmed: ThemeEvent = { type: 'theme.confirmed', data: { themeId: 't1', name: theme.name } };
const raised: ThemeEvent = { type: 'theme.status_changed', data: { themeId: 't1', from: 'confirmed', to: 'raised_with_services', note: 'Raised at the partnership meeting' } };

describe('proposing and confirming a theme', () => {
  it('given nothing, when a theme is proposed with its first observations, then it is proposed (emerging)', () => {
    given(themeDecider).when({ kind: 'propose', theme }).then([proposed]);
    expect(given(themeDecider, proposed).state.status).toBe('emerging');
  });

  it('given a theme, when it is proposed again with the same id, then it is refused', () => {
    given(themeDecider, proposed).when({ kind: 'propose', theme }).thenThrows(ConflictError, /already exists/);
  });

  it('given an emerging theme, when it is confirmed, then it is confirmed under its name; confirming twice is refused', () => {
    given(themeDecider, proposed).when({ kind: 'confirm' }).then([confirmed]);
    given(themeDecider, proposed, confirmed).when({ kind: 'confirm' }).thenThrows(ConflictError, /already confirmed/);
  });

  it('given no theme, when it is confirmed, then there is no such theme', () => {
    given(themeDecider).when({ kind: 'confirm' }).thenThrows(NotFoundError, /No theme/);
  });
});

describe('redefining a theme', () => {
  it('given a theme, when only its name changes, then only the name is recorded', () => {
    given(themeDecider, proposed)
      .when({ kind: 'redefine', changes: { name: 'Support lost on moving', description: theme.description, keyTerms: ['borough', 'move'] } })
      .then([{ type: 'theme.redefined', data: { themeId: 't1', name: 'Support lost on moving' } }]);
  });

  it('given a theme, when nothing really changes, then nothing is recorded', () => {
    given(themeDecider, proposed).when({ kind: 'redefine', changes: { name: theme.name } }).then([]);
  });
});

describe('linking evidence', () => {
  it('given a theme with two observations, when three are linked of which one already is, then only the two new ones are linked', () => {
    given(themeDecider, proposed)
      .when({ kind: 'link', observationIds: ['o2', 'o3', 'o4', 'o3'] })
      .then([{ type: 'theme.observations_linked', data: { themeId: 't1', observationIds: ['o3', 'o4'] } }]);
  });

  it('given a theme, when observations that are not linked are unlinked, then nothing is recorded', () => {
    given(themeDecider, proposed).when({ kind: 'unlink', observationIds: ['o9'] }).then([]);
  });

  it('given a theme, when a linked observation is unlinked, then it is unlinked and can be linked again', () => {
    const unlinked: ThemeEvent = { type: 'theme.observations_unlinked', data: { themeId: 't1', observationIds: ['o1'] } };
    given(themeDecider, proposed).when({ kind: 'unlink', observationIds: ['o1', 'o9'] }).then([unlinked]);
    given(themeDecider, proposed, unlinked)
      .when({ kind: 'link', observationIds: ['o1'] })
      .then([{ type: 'theme.observations_linked', data: { themeId: 't1', observationIds: ['o1'] } }]);
  });

  it('given a dismissed suggestion, when it is dismissed again or the observation is already linked, then nothing is recorded', () => {
    const dismissed: ThemeEvent = { type: 'theme.suggestions_dismissed', data: { themeId: 't1', observationIds: ['o5'] } };
    given(themeDecider, proposed).when({ kind: 'dismiss_suggestions', observationIds: ['o5', 'o1'] }).then([dismissed]);
    given(themeDecider, proposed, dismissed).when({ kind: 'dismiss_suggestions', observationIds: ['o5'] }).then([]);
  });
});

describe('moving a theme along the loop', () => {
  it('given a confirmed theme, when it is raised with services with a note, then the move is recorded from where it was', () => {
    given(themeDecider, proposed, confirmed).when({ kind: 'change_status', to: 'raised_with_services', note: 'Raised at the partnership meeting' }).then([raised]);
  });

  it('given an emerging theme, when it is moved along, then it must be confirmed first', () => {
    given(themeDecider, proposed).when({ kind: 'change_status', to: 'raised_with_services', note: 'n' }).thenThrows(ConflictError, /Confirm the theme/);
  });

  it('given a theme raised with services, when it is moved back to confirmed-like steps, then it is refused; re-opening is allowed', () => {
    const improving: ThemeEvent = { type: 'theme.status_changed', data: { themeId: 't1', from: 'raised_with_services', to: 'improving', note: 'n' } };
    given(themeDecider, proposed, confirmed, raised, improving)
      .when({ kind: 'change_status', to: 'change_agreed', note: 'n' })
      .thenThrows(ConflictError, /cannot move to change agreed/);
    given(themeDecider, proposed, confirmed, raised, improving)
      .when({ kind: 'change_status', to: 'reopened', note: 'Rose again in the spring' })
      .then([{ type: 'theme.status_changed', data: { themeId: 't1', from: 'improving', to: 'reopened', note: 'Rose again in the spring' } }]);
  });

  it('states the whole transition table', () => {
    expect(canMove('confirmed', 'resolved')).toBe(true);
    expect(canMove('confirmed', 'reopened')).toBe(false);
    expect(canMove('resolved', 'reopened')).toBe(true);
    expect(canMove('reopened', 'raised_with_services')).toBe(true);
    expect(canMove('reopened', 'reopened')).toBe(false);
    expect(canMove('resolved', 'improving')).toBe(false);
    expect(canMove('merged', 'resolved')).toBe(false);
  });
});

describe('merging and splitting', () => {
  const merged: ThemeEvent = { type: 'theme.merged', data: { themeId: 't1', intoThemeId: 't2', observationIds: ['o1', 'o2'] } };

  it('given a theme, when it is merged into another, then its observations go with it and it takes no further change', () => {
    given(themeDecider, proposed).when({ kind: 'merge_into', intoThemeId: 't2' }).then([merged]);
    given(themeDecider, proposed, merged).when({ kind: 'link', observationIds: ['o3'] }).thenThrows(ConflictError, /merged into another/);
  });

  it('given a theme, when it is merged into itself, then it is refused', () => {
    given(themeDecider, proposed).when({ kind: 'merge_into', intoThemeId: 't1' }).thenThrows(ValidationError, /another theme/);
  });

  it('given the receiving theme already has one of the observations, when it absorbs them, then only the new ones are added', () => {
    const other: ThemeEvent = { type: 'theme.proposed', data: { ...theme, themeId: 't2', name: 'Other', observationIds: ['o2'] } };
    given(themeDecider, other)
      .when({ kind: 'absorb', fromThemeId: 't1', observationIds: ['o1', 'o2'] })
      .then([{ type: 'theme.absorbed', data: { themeId: 't2', fromThemeId: 't1', observationIds: ['o1'] } }]);
  });

  it('given a theme with two observations, when one is split off, then it leaves; splitting off all or unknown ones is refused', () => {
    given(themeDecider, proposed)
      .when({ kind: 'split', newThemeId: 't3', observationIds: ['o2'] })
      .then([{ type: 'theme.split', data: { themeId: 't1', newThemeId: 't3', observationIds: ['o2'] } }]);
    given(themeDecider, proposed).when({ kind: 'split', newThemeId: 't3', observationIds: ['o1', 'o2'] }).thenThrows(ValidationError, /every observation/);
    given(themeDecider, proposed).when({ kind: 'split', newThemeId: 't3', observationIds: ['o9'] }).thenThrows(ValidationError, /linked to this theme/);
  });

  it('given nothing, when a split-off theme starts, then it starts with the status of the theme it came from', () => {
    const start = { ...theme, themeId: 't3', name: 'Split part', observationIds: ['o2'] };
    given(themeDecider).when({ kind: 'split_off', theme: start, fromThemeId: 't1', status: 'confirmed' }).then([
      { type: 'theme.split_off', data: { ...start, fromThemeId: 't1', status: 'confirmed' } },
    ]);
  });
});
