import type { AreaRef, CategoryRef, CoachRef, Directory, OrganisationRef, TeamRef } from '../shared/directory.js';

/**
 * Test only: a Directory held in memory, so the observation specs do not depend on the
 * reference-data read models. Behaves like the port says: merged records follow their survivor.
 */
export class InMemoryDirectory implements Directory {
  readonly areas = new Map<string, AreaRef>();
  readonly teams = new Map<string, TeamRef>();
  readonly coaches = new Map<string, CoachRef>();
  readonly organisations = new Map<string, OrganisationRef>();
  readonly categories = new Map<string, CategoryRef>();

  addArea(id: string, name = 'Test Area'): this {
    this.areas.set(id, { id, name });
    return this;
  }

  addOrganisation(id: string, options: Partial<Omit<OrganisationRef, 'id'>> = {}): this {
    this.organisations.set(id, { id, name: 'Test Service', kind: 'other', areaId: '', parentId: null, mergedInto: null, ...options });
    return this;
  }

  addCategory(id: string, polarity: CategoryRef['polarity'], retired = false): this {
    this.categories.set(id, { id, name: id, polarity, retired });
    return this;
  }

  /** Marks `id` as merged into `into` (and re-points records already merged into `id`). */
  merge(id: string, into: string): this {
    for (const [key, org] of this.organisations) {
      if (key === id || org.mergedInto === id) this.organisations.set(key, { ...org, mergedInto: into });
    }
    return this;
  }

  async area(id: string) {
    return this.areas.get(id);
  }

  async team(id: string) {
    return this.teams.get(id);
  }

  async coach(id: string) {
    return this.coaches.get(id);
  }

  async organisation(id: string) {
    return this.organisations.get(id);
  }

  async organisationAndDescendants(id: string): Promise<string[]> {
    const start = this.organisations.get(id);
    if (!start) return [];
    const root = start.mergedInto ?? start.id;
    const out = new Set<string>([root]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const org of this.organisations.values()) {
        if (out.has(org.id)) continue;
        if ((org.parentId && out.has(org.parentId)) || (org.mergedInto && out.has(org.mergedInto))) {
          out.add(org.id);
          grew = true;
        }
      }
    }
    return [...out];
  }

  async category(id: string) {
    return this.categories.get(id);
  }
}
