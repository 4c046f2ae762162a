import type { Projection } from '#libs/projections';
import { themesProjection } from './themes/themes.projection.js';

export * from './themes.module.js';
export { THEME_STATUSES, type ThemeStatus, themeStream } from './themes/theme.events.js';
export { ThemesQueries } from './themes/themes.queries.js';
// Commands, for other deployables that drive themes through the CommandBus (the demo seed).
export { ConfirmTheme, LinkObservations, ProposeTheme } from './themes/themes.commands.js';

/** The read models this capability keeps. */
export function themesProjections(): Projection[] {
  return [themesProjection];
}
