import { Inject } from '@nestjs/common';
import { Resolver, Subscription } from '@nestjs/graphql';
import type { RecordedEvent } from '#libs/kernel';
import { LiveFeed } from '#libs/event-store';
import { Allow, coachTeams, CurrentPrincipal, type Principal, SCOPE_LOOKUP, type ScopeLookup } from '#libs/policy';
import { THEME_EVENT_TYPES } from '../themes/theme.events.js';
import { ObservationRecordedNotice, ThemeChangedNotice } from './live.graphql.js';

interface Recorded {
  observationId: string;
  kind: string;
  organisationId?: string;
  areaId: string;
  categoryId: string;
  occurredOn: string;
  personId?: string;
}

const THEME_TYPES = new Set<string>(THEME_EVENT_TYPES);

/**
 * Live views for the people who watch patterns form: new observations and theme changes as
 * they are recorded, over graphql-ws. Each subscriber gets only what they may see: influencers
 * every observation, a coach those about people in their own team (or that they recorded).
 */
@Resolver()
export class LiveResolver {
  constructor(
    private readonly feed: LiveFeed,
    @Inject(SCOPE_LOOKUP) private readonly scopes: ScopeLookup,
  ) {}

  @Allow({ coach: true, influencer: true })
  @Subscription(() => ObservationRecordedNotice, { description: 'Observations as they are recorded, those you may see.', resolve: (payload: ObservationRecordedNotice) => payload })
  observationRecorded(@CurrentPrincipal() principal: Principal) {
    const influencer = principal.grants.some((grant) => grant.role === 'influencer');
    const teamIds = coachTeams(principal);
    return this.feed.iterate(async (event: RecordedEvent) => {
      if (event.type !== 'observation.recorded') return undefined;
      const data = event.data as unknown as Recorded;
      if (!influencer && !(await this.coachMaySee(data, event, principal.userId, teamIds))) return undefined;
      return {
        observationId: data.observationId,
        kind: data.kind,
        organisationId: data.organisationId ?? null,
        areaId: data.areaId,
        categoryId: data.categoryId,
        occurredOn: data.occurredOn,
        recordedAt: event.metadata.recordedAt,
      };
    });
  }

  @Allow({ coach: true, influencer: true, leader: true })
  @Subscription(() => ThemeChangedNotice, { description: 'Theme changes as they are recorded.', resolve: (payload: ThemeChangedNotice) => payload })
  themeChanged() {
    return this.feed.iterate((event: RecordedEvent) => {
      if (!THEME_TYPES.has(event.type)) return undefined;
      const data = event.data as { themeId: string; name?: unknown; to?: unknown };
      return {
        themeId: data.themeId,
        change: event.type.slice('theme.'.length),
        name: typeof data.name === 'string' ? data.name : null,
        status: typeof data.to === 'string' ? data.to : event.type === 'theme.confirmed' ? 'confirmed' : null,
        recordedAt: event.metadata.recordedAt,
      };
    });
  }

  private async coachMaySee(data: Recorded, event: RecordedEvent, userId: string, teamIds: readonly string[]): Promise<boolean> {
    if (teamIds.length === 0) return false;
    if (data.personId) return (await this.scopes.inCoachScope('person', data.personId, { userId, teamIds })) === true;
    return event.metadata.actor === `user:${userId}`;
  }
}
