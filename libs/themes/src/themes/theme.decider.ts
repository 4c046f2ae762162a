import { ConflictError, type Decider, NotFoundError, ValidationError } from '#libs/kernel';
import type { ChangeableStatus, ThemeDefinition, ThemeEvent, ThemeProposed, ThemeStatus } from './theme.events.js';

export type ThemeCommand =
  | { kind: 'propose'; theme: ThemeProposed }
  | { kind: 'confirm' }
  | { kind: 'redefine'; changes: Partial<ThemeDefinition> }
  | { kind: 'link'; observationIds: readonly string[] }
  | { kind: 'unlink'; observationIds: readonly string[] }
  | { kind: 'change_status'; to: ChangeableStatus; note: string }
  | { kind: 'merge_into'; intoThemeId: string }
  | { kind: 'absorb'; fromThemeId: string; observationIds: readonly string[] }
  | { kind: 'split'; newThemeId: string; observationIds: readonly string[] }
  | { kind: 'split_off'; theme: ThemeProposed; fromThemeId: string; status: ThemeStatus }
  | { kind: 'dismiss_suggestions'; observationIds: readonly string[] };

export interface ThemeState {
  readonly exists: boolean;
  readonly themeId?: string;
  readonly status?: ThemeStatus;
  readonly definition?: ThemeDefinition;
  readonly observationIds: ReadonlySet<string>;
  readonly mergedInto?: string;
  /** Observations whose suggestion for this theme was dismissed. */
  readonly dismissed: ReadonlySet<string>;
}

/**
 * The lifecycle moves forward (steps may be skipped: a theme can be raised and a change agreed
 * in one meeting) and comes back only by being re-opened, from anywhere once it was raised.
 */
const ORDER: readonly ThemeStatus[] = ['emerging', 'confirmed', 'raised_with_services', 'change_agreed', 'improving', 'resolved'];

export function canMove(from: ThemeStatus, to: ChangeableStatus): boolean {
  if (from === 'merged' || from === 'emerging') return false;
  if (to === 'reopened') return from !== 'confirmed' && from !== 'reopened';
  if (from === 'reopened') return true;
  return ORDER.indexOf(to) > ORDER.indexOf(from);
}

const LABEL = (status: ThemeStatus) => status.replace(/_/g, ' ');

const withIds = (ids: ReadonlySet<string>, add: readonly string[] = [], remove: readonly string[] = []) => {
  const next = new Set(ids);
  for (const id of add) next.add(id);
  for (const id of remove) next.delete(id);
  return next;
};

function proposed(theme: ThemeProposed, status: ThemeStatus): ThemeState {
  const { themeId, observationIds, ...definition } = theme;
  return { exists: true, themeId, status, definition, observationIds: new Set(observationIds), dismissed: new Set() };
}

/**
 * One theme: proposed (emerging), confirmed, redefined, its evidence linked and unlinked, moved
 * along the loop with a note, merged into another or split in two. Linking what is already
 * linked, or dismissing what was dismissed, records nothing.
 */
export const themeDecider: Decider<ThemeCommand, ThemeEvent, ThemeState> = {
  initialState: { exists: false, observationIds: new Set(), dismissed: new Set() },

  evolve(state, event) {
    switch (event.type) {
      case 'theme.proposed':
        return proposed(event.data, 'emerging');
      case 'theme.split_off':
        return proposed(event.data, event.data.status);
      case 'theme.confirmed':
        return { ...state, status: 'confirmed' };
      case 'theme.redefined': {
        const { themeId: _id, ...changes } = event.data;
        return { ...state, definition: { ...state.definition!, ...changes } };
      }
      case 'theme.observations_linked':
      case 'theme.absorbed':
        return { ...state, observationIds: withIds(state.observationIds, event.data.observationIds) };
      case 'theme.observations_unlinked':
      case 'theme.split':
        return { ...state, observationIds: withIds(state.observationIds, [], event.data.observationIds) };
      case 'theme.status_changed':
        return { ...state, status: event.data.to };
      case 'theme.merged':
        return { ...state, status: 'merged', mergedInto: event.data.intoThemeId, observationIds: new Set() };
      case 'theme.suggestions_dismissed':
        return { ...state, dismissed: withIds(state.dismissed, event.data.observationIds) };
    }
  },

  decide(command, state) {
    if (command.kind === 'propose' || command.kind === 'split_off') {
      if (state.exists) throw new ConflictError('A theme with this id already exists.');
      if (command.kind === 'propose') return [{ type: 'theme.proposed', data: command.theme }];
      return [{ type: 'theme.split_off', data: { ...command.theme, fromThemeId: command.fromThemeId, status: command.status } }];
    }
    if (!state.exists || !state.themeId) throw new NotFoundError('No theme with this id.');
    if (state.status === 'merged') throw new ConflictError('This theme was merged into another: work on that theme instead.');
    const themeId = state.themeId;

    switch (command.kind) {
      case 'confirm':
        if (state.status !== 'emerging') throw new ConflictError(`This theme is already ${LABEL(state.status!)}.`);
        return [{ type: 'theme.confirmed', data: { themeId, name: state.definition!.name } }];
      case 'redefine': {
        const current = state.definition!;
        const changes: { -readonly [K in keyof ThemeDefinition]?: ThemeDefinition[K] } = {};
        const c = command.changes;
        if (c.name !== undefined && c.name !== current.name) changes.name = c.name;
        if (c.description !== undefined && c.description !== current.description) changes.description = c.description;
        if (c.categoryIds !== undefined && [...c.categoryIds].sort().join() !== [...current.categoryIds].sort().join()) changes.categoryIds = c.categoryIds;
        if (c.keyTerms !== undefined && [...c.keyTerms].sort().join() !== [...current.keyTerms].sort().join()) changes.keyTerms = c.keyTerms;
        return Object.keys(changes).length === 0 ? [] : [{ type: 'theme.redefined', data: { themeId, ...changes } }];
      }
      case 'link': {
        const fresh = [...new Set(command.observationIds)].filter((id) => !state.observationIds.has(id));
        return fresh.length === 0 ? [] : [{ type: 'theme.observations_linked', data: { themeId, observationIds: fresh } }];
      }
      case 'unlink': {
        const linked = [...new Set(command.observationIds)].filter((id) => state.observationIds.has(id));
        return linked.length === 0 ? [] : [{ type: 'theme.observations_unlinked', data: { themeId, observationIds: linked } }];
      }
      case 'change_status': {
        const from = state.status!;
        if (from === command.to) return [];
        if (!canMove(from, command.to)) {
          throw new ConflictError(
            from === 'emerging'
              ? 'Confirm the theme before moving it along the loop.'
              : `A theme that is ${LABEL(from)} cannot move to ${LABEL(command.to)}: the loop moves forward, or the theme is re-opened.`,
          );
        }
        return [{ type: 'theme.status_changed', data: { themeId, from, to: command.to, note: command.note } }];
      }
      case 'merge_into':
        if (command.intoThemeId === themeId) throw new ValidationError('must be another theme', 'intoThemeId');
        return [{ type: 'theme.merged', data: { themeId, intoThemeId: command.intoThemeId, observationIds: [...state.observationIds] } }];
      case 'absorb': {
        const fresh = [...new Set(command.observationIds)].filter((id) => !state.observationIds.has(id));
        return [{ type: 'theme.absorbed', data: { themeId, fromThemeId: command.fromThemeId, observationIds: fresh } }];
      }
      case 'split': {
        const moving = [...new Set(command.observationIds)];
        if (moving.length === 0) throw new ValidationError('choose at least one observation to move to the new theme', 'observationIds');
        if (moving.some((id) => !state.observationIds.has(id))) throw new ValidationError('may only name observations linked to this theme', 'observationIds');
        if (moving.length === state.observationIds.size) {
          throw new ValidationError('would move every observation: keep at least one here, or rename the theme instead', 'observationIds');
        }
        return [{ type: 'theme.split', data: { themeId, newThemeId: command.newThemeId, observationIds: moving } }];
      }
      case 'dismiss_suggestions': {
        const ids = [...new Set(command.observationIds)].filter((id) => !state.observationIds.has(id) && !state.dismissed.has(id));
        return ids.length === 0 ? [] : [{ type: 'theme.suggestions_dismissed', data: { themeId, observationIds: ids } }];
      }
    }
  },
};
