import { ConflictError, NotFoundError } from '#libs/kernel';
import { given } from '../testing/given-when-then.js';
import { type OrganisationCommand, organisationDecider } from './organisation.decider.js';
import type { OrganisationEvent } from './organisation.events.js';

const ids = { org: 'o1', council: 'o0', other: 'o2', area: 'a1' };

const register: OrganisationCommand = {
  kind: 'register',
  organisationId: ids.org,
  name: 'Housing Options',
  organisationKind: 'council',
  areaId: ids.area,
  parentId: ids.council,
  odsCode: null,
};
const registered: OrganisationEvent = {
  type: 'organisation.registered',
  data: { organisationId: ids.org, name: 'Housing Options', kind: 'council', areaId: ids.area, parentId: ids.council, odsCode: null },
};
const merged: OrganisationEvent = { type: 'organisation.merged', data: { organisationId: ids.org, intoOrganisationId: ids.other } };

describe('an organisation', () => {
  it('given nothing, when it is registered under a parent, then it is registered with its kind, area and parent', () => {
    given(organisationDecider).when(register).then([registered]);
  });

  it('given nothing, when it is registered under itself, then it is refused', () => {
    given(organisationDecider).when({ ...register, parentId: ids.org }).thenThrows(ConflictError, 'under itself');
  });

  it('given a registered organisation, when it is registered again, then it is refused', () => {
    given(organisationDecider, registered).when(register).thenThrows(ConflictError, 'already registered');
  });

  it('given an organisation, when it is renamed, then the new name is recorded (and the same name records nothing)', () => {
    given(organisationDecider, registered)
      .when({ kind: 'rename', name: 'Housing Options and Advice' })
      .then([{ type: 'organisation.renamed', data: { organisationId: ids.org, name: 'Housing Options and Advice' } }]);
    given(organisationDecider, registered).when({ kind: 'rename', name: 'Housing Options' }).then([]);
  });

  it('given an organisation, when it moves to the top, then the move names where it came from', () => {
    given(organisationDecider, registered)
      .when({ kind: 'move', parentId: null })
      .then([{ type: 'organisation.moved', data: { organisationId: ids.org, fromParentId: ids.council, toParentId: null } }]);
  });

  it('given an organisation, when it moves under its own parent again, then nothing is recorded', () => {
    given(organisationDecider, registered).when({ kind: 'move', parentId: ids.council }).then([]);
  });

  it('given an organisation, when it moves under itself, then it is refused', () => {
    given(organisationDecider, registered).when({ kind: 'move', parentId: ids.org }).thenThrows(ConflictError, 'under itself');
  });

  it('given an organisation, when it is merged into another record, then the merge has its fixed shape', () => {
    given(organisationDecider, registered).when({ kind: 'merge', intoOrganisationId: ids.other }).then([merged]);
    expect(given(organisationDecider, registered, merged).state.mergedInto).toBe(ids.other);
  });

  it('given an organisation, when it is merged into itself, then it is refused', () => {
    given(organisationDecider, registered).when({ kind: 'merge', intoOrganisationId: ids.org }).thenThrows(ConflictError, 'into itself');
  });

  it('given a merged organisation, when it is renamed, moved or merged again, then it is refused, naming the survivor', () => {
    for (const command of [
      { kind: 'rename', name: 'X' },
      { kind: 'move', parentId: null },
      { kind: 'merge', intoOrganisationId: ids.council },
    ] as OrganisationCommand[]) {
      given(organisationDecider, registered, merged).when(command).thenThrows(ConflictError, `merged into ${ids.other}`);
    }
  });

  it('given nothing, when an organisation is renamed, then it is not found', () => {
    given(organisationDecider).when({ kind: 'rename', name: 'X' }).thenThrows(NotFoundError, 'No organisation');
  });
});
