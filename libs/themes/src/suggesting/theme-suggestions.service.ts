import { Inject, Injectable } from '@nestjs/common';
import { type PersonalDataVault, type Sealed } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { Check, PERSONAL_DATA_VAULT } from '#libs/capture';
import { type ClusterProposal, dismissalKey, proposeClusters, suggestThemes, type TextDocument, type ThemeSuggestion } from '../suggestions/index.js';

/** How many unthemed observations are considered (the most recent), and linked texts per theme. */
const UNTHEMED_LIMIT = 2000;
const TEXTS_PER_THEME = 200;

export interface ThemeSuggestionsResult {
  readonly considered: number;
  readonly suggestions: readonly (ThemeSuggestion & { themeName: string })[];
  readonly clusters: readonly ClusterProposal[];
}

/**
 * Suggestions for observations not yet in a theme: the most similar existing themes, and new
 * clusters of similar unthemed observations. The words are opened in memory for the moment of the
 * query and never kept: no derivative of a person's words is stored, so forgetting a person
 * needs nothing here. Dismissed suggestions (theme pairs and clusters) are left out.
 *
 * Reads capture's observations read model (`observations_records`) and this library's themes.
 */
@Injectable()
export class ThemeSuggestionsService {
  constructor(
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async suggest(options: { limit?: number | null } = {}): Promise<ThemeSuggestionsResult> {
    const check = new Check();
    const limit = check.int('limit', options.limit ?? UNTHEMED_LIMIT, { min: 1, max: UNTHEMED_LIMIT });
    check.done();

    const unthemed = await this.db.query<{ observation_id: string; what_happened: Sealed; impact: Sealed }>(
      `SELECT o.observation_id, o.what_happened, o.impact
         FROM observations_records o
        WHERE o.status <> 'retracted' AND NOT o.person_forgotten
          AND NOT EXISTS (SELECT 1 FROM themes_links l WHERE l.observation_id = o.observation_id AND l.unlinked_at IS NULL)
        ORDER BY o.occurred_on DESC, o.observation_id
        LIMIT $1`,
      [limit],
    );
    const observations = await this.documents(unthemed.rows.map((r) => ({ id: r.observation_id, parts: [r.what_happened, r.impact] })));

    const themes = await this.db.query<{ theme_id: string; name: string; description: string; key_terms: string[] }>(
      `SELECT theme_id, name, description, key_terms FROM themes_themes WHERE status <> 'merged' ORDER BY theme_id`,
    );
    const linked = await this.db.query<{ theme_id: string; observation_id: string; what_happened: Sealed; impact: Sealed }>(
      `SELECT theme_id, observation_id, what_happened, impact FROM (
         SELECT l.theme_id, o.observation_id, o.what_happened, o.impact,
                row_number() OVER (PARTITION BY l.theme_id ORDER BY o.occurred_on DESC, o.observation_id) AS n
           FROM themes_links l JOIN observations_records o ON o.observation_id = l.observation_id
          WHERE l.unlinked_at IS NULL AND o.status <> 'retracted' AND NOT o.person_forgotten
       ) recent WHERE n <= $1`,
      [TEXTS_PER_THEME],
    );
    const linkedTexts = await this.documents(linked.rows.map((r, i) => ({ id: String(i), parts: [r.what_happened, r.impact] })));
    const textsOf = new Map<string, string[]>();
    for (const doc of linkedTexts) {
      const themeId = linked.rows[Number(doc.id)].theme_id;
      textsOf.set(themeId, [...(textsOf.get(themeId) ?? []), doc.text]);
    }
    const profiles = themes.rows.map((t) => ({
      id: t.theme_id,
      texts: [t.name, t.description, t.key_terms.join(' '), ...(textsOf.get(t.theme_id) ?? [])].filter((text) => text.trim().length > 0),
    }));

    const dismissedPairs = await this.db.query<{ theme_id: string; observation_id: string }>('SELECT theme_id, observation_id FROM themes_dismissed');
    const dismissed = new Set(dismissedPairs.rows.map((r) => dismissalKey(r.observation_id, r.theme_id)));
    const dismissedClusters = await this.db.query<{ observation_ids: string[] }>('SELECT observation_ids FROM themes_dismissed_clusters');

    const names = new Map(themes.rows.map((t) => [t.theme_id, t.name]));
    const suggestions = profiles.length === 0 ? [] : suggestThemes(observations, profiles, { dismissed });
    return {
      considered: observations.length,
      suggestions: suggestions.map((s) => ({ ...s, themeName: names.get(s.themeId) ?? '' })),
      clusters: proposeClusters(observations, { dismissed: dismissedClusters.rows.map((r) => r.observation_ids) }),
    };
  }

  /** Opens each document's sealed parts; documents whose words can no longer be opened are left out. */
  private async documents(items: readonly { id: string; parts: Sealed[] }[]): Promise<TextDocument[]> {
    const opened = await this.vault.openMany(items.flatMap((item) => item.parts));
    const docs: TextDocument[] = [];
    let at = 0;
    for (const item of items) {
      const parts = opened.slice(at, at + item.parts.length);
      at += item.parts.length;
      if (parts.some((p) => p === null)) continue;
      docs.push({ id: item.id, text: parts.join('\n') });
    }
    return docs;
  }
}
