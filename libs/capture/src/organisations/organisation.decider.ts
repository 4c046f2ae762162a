import { ConflictError, type Decider, NotFoundError } from '#libs/kernel';
import type { OrganisationKind } from '../shared/directory.js';
import type { OrganisationEvent } from './organisation.events.js';

/**
 * Checks that need other records (the parent exists, a move makes no cycle, the survivor of a
 * merge is not below the merged one) are made by the handlers through the Directory before
 * they decide; the decider refuses what its own history rules out.
 */
export type OrganisationCommand =
  | {
      kind: 'register';
      organisationId: string;
      name: string;
      organisationKind: OrganisationKind;
      areaId: string;
      parentId: string | null;
      odsCode: string | null;
    }
  | { kind: 'rename'; name: string }
  | { kind: 'move'; parentId: string | null }
  | { kind: 'merge'; intoOrganisationId: string };

export interface OrganisationState {
  readonly registered: boolean;
  readonly organisationId?: string;
  readonly name?: string;
  readonly parentId: string | null;
  /** The record this one was merged into; it takes no more changes. */
  readonly mergedInto: string | null;
}

export const organisationDecider: Decider<OrganisationCommand, OrganisationEvent, OrganisationState> = {
  initialState: { registered: false, parentId: null, mergedInto: null },

  evolve(state, event) {
    switch (event.type) {
      case 'organisation.registered':
        return { registered: true, organisationId: event.data.organisationId, name: event.data.name, parentId: event.data.parentId, mergedInto: null };
      case 'organisation.renamed':
        return { ...state, name: event.data.name };
      case 'organisation.moved':
        return { ...state, parentId: event.data.toParentId };
      case 'organisation.merged':
        return { ...state, mergedInto: event.data.intoOrganisationId };
    }
  },

  decide(command, state) {
    if (command.kind === 'register') {
      if (state.registered) throw new ConflictError('An organisation with this id is already registered.');
      if (command.parentId === command.organisationId) throw new ConflictError('An organisation cannot sit under itself.');
      const { kind: _kind, organisationKind, ...rest } = command;
      return [
        {
          type: 'organisation.registered',
          data: {
            organisationId: rest.organisationId,
            name: rest.name,
            kind: organisationKind,
            areaId: rest.areaId,
            parentId: rest.parentId,
            odsCode: rest.odsCode,
          },
        },
      ];
    }
    if (!state.registered || !state.organisationId) throw new NotFoundError('No organisation with this id is registered.');
    if (state.mergedInto) {
      throw new ConflictError(`This organisation was merged into ${state.mergedInto}, another record of the same service: make changes there.`);
    }
    const organisationId = state.organisationId;
    switch (command.kind) {
      case 'rename':
        if (command.name === state.name) return [];
        return [{ type: 'organisation.renamed', data: { organisationId, name: command.name } }];
      case 'move':
        if (command.parentId === organisationId) throw new ConflictError('An organisation cannot move under itself.');
        if (command.parentId === state.parentId) return [];
        return [{ type: 'organisation.moved', data: { organisationId, fromParentId: state.parentId, toParentId: command.parentId } }];
      case 'merge':
        if (command.intoOrganisationId === organisationId) throw new ConflictError('An organisation cannot be merged into itself.');
        return [{ type: 'organisation.merged', data: { organisationId, intoOrganisationId: command.intoOrganisationId } }];
    }
  },
};
