import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore, LiveFeed } from '#libs/event-store';
import { LiveResolver } from './live/live.resolver.js';
import { CaptureModule } from '#libs/capture';
import { THEME_COMMAND_HANDLERS } from './themes/themes.commands.js';
import { ThemesQueries } from './themes/themes.queries.js';
import { ThemesResolver } from './themes/themes.resolver.js';
import { ThemeSuggestionsService } from './suggesting/theme-suggestions.service.js';
import { DismissClusterProposalHandler, ThemeSuggestionsResolver } from './suggesting/theme-suggestions.resolver.js';

/** Themes: curated patterns across observations, their lifecycle, evidence and trends. */
@Module({
  imports: [CaptureModule],
  providers: [
    { provide: LiveFeed, useFactory: (store: EventStore) => new LiveFeed(store), inject: [EVENT_STORE] },
    LiveResolver,
    ...THEME_COMMAND_HANDLERS, ThemesQueries, ThemesResolver, ThemeSuggestionsService, ThemeSuggestionsResolver, DismissClusterProposalHandler],
  exports: [ThemesQueries],
})
export class ThemesModule {}
