import { contentCounts, discloseFigures, previousPeriod, type RawFigures } from './report-content.js';

const raw: RawFigures = {
  themes: [
    { themeId: 't1', name: 'Asked to retell the story', count: 14, previousCount: 3 },
    { themeId: 't2', name: 'Support withdrawn after a move', count: 2, previousCount: 9 },
    { themeId: 't3', name: 'Letters never answered', count: 20, previousCount: 21 },
    { themeId: 't4', name: 'Support ends at 13 weeks', count: 30, previousCount: 1 },
  ],
  impacts: [
    { key: 'crisis', count: 7 },
    { key: 'financial_loss', count: 1 },
    { key: 'retraumatised', count: 0 },
  ],
  brightSpots: [
    { key: 'named_contact', label: 'A named contact', count: 6 },
    { key: 'flexible_appointments', label: 'Flexible appointments', count: 4 },
  ],
};

describe('a report\'s figures as they may leave the organisation', () => {
  const content = discloseFigures(raw, 5, { from: '2026-01-01', to: '2026-03-31' }, 'One named contact through a move.');

  it('compares with the period of the same length just before', () => {
    expect(previousPeriod('2026-01-01', '2026-03-31')).toEqual({ from: '2025-10-03', to: '2025-12-31' });
    expect(content).toMatchObject({ threshold: 5, from: '2026-01-01', to: '2026-03-31', previousFrom: '2025-10-03', previousTo: '2025-12-31' });
  });

  it('never shows a count from 1 to K − 1; zeros are shown', () => {
    for (const count of contentCounts(content)) {
      if (!count.suppressed) expect(count.value === 0 || count.value >= 5).toBe(true);
    }
    expect(content.impacts.find((i) => i.key === 'retraumatised')!.count).toEqual({ value: 0, suppressed: false });
  });

  it('hides only the small counts where no total is shown, and enough others where one is', () => {
    const [retell, withdrawn] = content.themes;
    expect(retell).toMatchObject({ count: { value: 14, suppressed: false }, previousCount: { value: null, suppressed: true } });
    expect(withdrawn.count).toEqual({ value: null, suppressed: true });
    // Themes and impacts have no total a reader could subtract from: only their small counts go.
    expect(content.themes.map((t) => t.count.value)).toEqual([14, null, 20, 30]);
    expect(content.themes.map((t) => t.previousCount.value)).toEqual([null, 9, 21, null]);
    const crisis = content.impacts.find((i) => i.key === 'crisis')!;
    const money = content.impacts.find((i) => i.key === 'financial_loss')!;
    expect(money.count.suppressed).toBe(true);
    expect(crisis.count).toEqual({ value: 7, suppressed: false });
    // Bright spots 6 and 4 under a total of 10: the 4 is hidden, so the 6 (or the total) goes too.
    expect(content.brightSpots.map((b) => b.count.suppressed)).toEqual([true, true]);
    expect(content.brightSpotsTotal).toEqual({ value: 10, suppressed: false });
  });

  it('does not hide a theme\'s count now because its count before was small: a rise from 1 to 30 shows, with its direction', () => {
    const rising = content.themes.find((t) => t.themeId === 't4')!;
    expect(rising).toMatchObject({ count: { value: 30, suppressed: false }, previousCount: { value: null, suppressed: true }, trend: 'rising' });
    const letters = content.themes.find((t) => t.themeId === 't3')!;
    expect(letters).toMatchObject({ count: { value: 20, suppressed: false }, trend: 'steady' });
  });

  it('withholds the trend wherever this period\'s count is hidden', () => {
    const hidden = content.themes.filter((t) => t.count.suppressed);
    expect(hidden.length).toBe(1);
    expect(hidden.every((t) => t.trend === null)).toBe(true);
  });

  it('raises the threshold when asked (K = 10 hides a 7)', () => {
    const stricter = discloseFigures(raw, 10, { from: '2026-01-01', to: '2026-03-31' }, '');
    for (const count of contentCounts(stricter)) if (!count.suppressed) expect(count.value === 0 || count.value >= 10).toBe(true);
  });

  it('has nothing to hide in an empty report', () => {
    const empty = discloseFigures({ themes: [], impacts: [], brightSpots: [] }, 5, { from: '2026-01-01', to: '2026-01-31' }, '');
    expect(empty).toMatchObject({ themes: [], impacts: [], brightSpots: [], brightSpotsTotal: { value: 0, suppressed: false } });
  });
});
