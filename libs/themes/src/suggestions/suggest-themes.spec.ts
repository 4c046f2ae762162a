import fc from 'fast-check';
import { ValidationError } from '#libs/kernel';
import { dismissalKey, suggestThemes, type ThemeProfile } from './suggest-themes.js';

const housing: ThemeProfile = {
  id: 'theme-housing',
  texts: [
    'Support lost when people move borough',
    'Housing options and housing officers stop working with people after a move to temporary accommodation in another area',
    'housing, move, borough, temporary accommodation',
    'Support ended the week they moved to temporary accommodation in the next borough.',
    'The new area said the old area should keep supporting; the old area closed the referral.',
    'Housing officer closed the case after the move out of area.',
  ],
};
const benefits: ThemeProfile = {
  id: 'theme-benefits',
  texts: [
    'Benefit payments stopped or delayed',
    'Universal Credit and benefit decisions take weeks; payments stop while forms are processed',
    'benefits, payment, universal credit, deductions',
    'Payment stopped while a form was "being processed" for six weeks.',
    'Waited twelve weeks for a benefits decision with no interim payment.',
    'Deductions for an old debt left too little to live on.',
  ],
};
const retelling: ThemeProfile = {
  id: 'theme-retelling',
  texts: [
    'Made to retell their story',
    'People asked to repeat their history at every assessment',
    'Asked to repeat their whole history at a third assessment in a month.',
    'New worker had not read the notes and asked the same questions again.',
  ],
};
const themes = [housing, benefits, retelling];

const observations = [
  { id: 'obs-housing', text: 'Housing officer stopped answering calls after move' },
  { id: 'obs-benefits', text: 'Their Universal Credit payment was stopped for a month while a form was checked.' },
  { id: 'obs-retelling', text: 'Had to tell their story again to a new worker who had not read the notes.' },
  { id: 'obs-unrelated', text: 'Enjoyed the computer course at the library with a friend.' },
];

describe('suggestThemes', () => {
  it('suggests the housing theme, not the benefits theme, for a housing officer going quiet after a move', () => {
    const suggestions = suggestThemes([observations[0]], themes);
    expect(suggestions.map((s) => s.themeId)).toEqual(['theme-housing']);
    expect(suggestions[0]).toMatchObject({ observationId: 'obs-housing' });
    expect(suggestions[0].sharedTerms).toEqual(expect.arrayContaining(['housing', 'officer', 'move']));
    expect(suggestions[0].score).toBeGreaterThan(0.25);
  });

  it('scores the right theme above every other one for each observation', () => {
    const all = suggestThemes(observations, themes, { minScore: 0.0001 });
    const best = (id: string) => all.find((s) => s.observationId === id)?.themeId;
    expect(best('obs-housing')).toBe('theme-housing');
    expect(best('obs-benefits')).toBe('theme-benefits');
    expect(best('obs-retelling')).toBe('theme-retelling');
  });

  it('offers nothing for an observation that shares no subject with any theme', () => {
    expect(suggestThemes([observations[3]], themes, { minScore: 0.0001 })).toEqual([]);
  });

  it('lists observations by id, each with its themes best first, at most `limit`, none under `minScore`', () => {
    const all = suggestThemes(observations, themes, { minScore: 0.0001, limit: 2 });
    expect(all.map((s) => s.observationId)).toEqual([...all.map((s) => s.observationId)].sort());
    for (const id of new Set(all.map((s) => s.observationId))) {
      const scores = all.filter((s) => s.observationId === id).map((s) => s.score);
      expect(scores.length).toBeLessThanOrEqual(2);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    const strict = suggestThemes(observations, themes, { minScore: 0.3, limit: 3 });
    expect(strict.length).toBeGreaterThan(0);
    for (const s of strict) expect(s.score).toBeGreaterThanOrEqual(0.3);
    expect(suggestThemes(observations, themes, { minScore: 0.0001, limit: 1 }).length).toBe(3);
  });

  it('never offers a dismissed pair again, and still offers the observation its other themes', () => {
    const dismissed = new Set([dismissalKey('obs-housing', 'theme-housing')]);
    const suggestions = suggestThemes([observations[0]], themes, { minScore: 0.0001, dismissed });
    expect(suggestions.some((s) => s.themeId === 'theme-housing')).toBe(false);
    expect(suggestions.map((s) => s.themeId)).toContain('theme-benefits');
    expect(dismissalKey('obs-housing', 'theme-housing')).toBe('obs-housing:theme-housing');
  });

  it('gives the same suggestions whatever the order of observations, themes and theme texts', () => {
    const reference = suggestThemes(observations, themes, { minScore: 0.0001 });
    fc.assert(
      fc.property(
        fc.shuffledSubarray(observations, { minLength: observations.length }),
        fc.shuffledSubarray(themes, { minLength: themes.length }),
        fc.boolean(),
        (shuffledObservations, shuffledThemes, reverseTexts) => {
          const reordered = shuffledThemes.map((t) => ({ id: t.id, texts: reverseTexts ? [...t.texts].reverse() : t.texts }));
          expect(suggestThemes(shuffledObservations, reordered, { minScore: 0.0001 })).toEqual(reference);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('gives nothing for no observations, no themes, or themes without texts', () => {
    expect(suggestThemes([], themes)).toEqual([]);
    expect(suggestThemes(observations, [])).toEqual([]);
    expect(suggestThemes(observations, [{ id: 'theme-empty', texts: [] }], { minScore: 0.0001 })).toEqual([]);
    expect(suggestThemes([{ id: 'obs-empty', text: '' }], themes, { minScore: 0.0001 })).toEqual([]);
  });

  it('refuses repeated ids and options out of range, naming the field', () => {
    expect(() => suggestThemes([observations[0], observations[0]], themes)).toThrow(ValidationError);
    expect(() => suggestThemes(observations, [housing, housing])).toThrow(/themes/);
    expect(() => suggestThemes(observations, themes, { limit: 0 })).toThrow(/limit/);
    expect(() => suggestThemes(observations, themes, { minScore: 1.5 })).toThrow(/minScore/);
  });
});
