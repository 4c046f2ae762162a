import fc from 'fast-check';
import { type CheckIn, type Fact, periodCount, periodsBetween, summariseFacts, wellbeingChanges } from './outcomes.calculations.js';

describe('bucketing into periods', () => {
  it('given a range inside three months, then there is one window per calendar month, clipped to the range', () => {
    expect(periodsBetween('month', '2026-01-15', '2026-03-10')).toEqual([
      { label: '2026-01', start: '2026-01-15', end: '2026-01-31' },
      { label: '2026-02', start: '2026-02-01', end: '2026-02-28' },
      { label: '2026-03', start: '2026-03-01', end: '2026-03-10' },
    ]);
  });

  it('given a range across a year end, then quarters are calendar quarters, and February has 29 days in a leap year', () => {
    expect(periodsBetween('quarter', '2025-11-01', '2026-04-30')).toEqual([
      { label: '2025-Q4', start: '2025-11-01', end: '2025-12-31' },
      { label: '2026-Q1', start: '2026-01-01', end: '2026-03-31' },
      { label: '2026-Q2', start: '2026-04-01', end: '2026-04-30' },
    ]);
    expect(periodsBetween('month', '2028-02-01', '2028-02-29')).toEqual([{ label: '2028-02', start: '2028-02-01', end: '2028-02-29' }]);
  });

  it('for any range, the windows are counted by periodCount, follow one another day after day, and cover exactly from..to', () => {
    const day = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2030, 11, 31) }).map((ms) => new Date(ms).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom('month' as const, 'quarter' as const), day, day, (period, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        const windows = periodsBetween(period, from, to);
        expect(windows).toHaveLength(periodCount(period, from, to));
        expect(windows[0].start).toBe(from);
        expect(windows[windows.length - 1].end).toBe(to);
        for (let i = 1; i < windows.length; i++) {
          const next = new Date(Date.parse(`${windows[i - 1].end}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
          expect(windows[i].start).toBe(next);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('a period\'s aggregates', () => {
  const window = { label: '2026-02', start: '2026-02-01', end: '2026-02-28' };
  const fact = (kind: Fact['kind'], happenedOn: string, personId: string | null, more: Partial<Fact> = {}): Fact => ({
    kind,
    happenedOn,
    personId,
    ending: null,
    lengthDays: null,
    amountPence: null,
    purposeCategory: null,
    ...more,
  });

  it('counts what happened inside the window only, people once each, endings by how they ended, and marks 1 to 4 as small', () => {
    const facts: Fact[] = [
      ...['a', 'b', 'c', 'd', 'e'].map((p) => fact('joined', '2026-02-03', p)),
      fact('joined', '2026-01-31', 'f'),
      fact('started', '2026-02-04', 'a'),
      fact('started', '2026-02-20', 'b'),
      fact('ended', '2026-02-10', 'c', { ending: 'planned_with_person', lengthDays: 120 }),
      fact('ended', '2026-02-11', 'd', { ending: 'lost_contact', lengthDays: 30 }),
      fact('ended', '2026-02-12', 'e', { ending: 'planned_with_person', lengthDays: 200 }),
      fact('ended', '2026-02-13', 'g', { ending: 'moved_on', lengthDays: null }),
      fact('ended', '2026-03-01', 'h', { ending: 'other', lengthDays: 5 }),
      fact('connection', '2026-02-05', 'a'),
      fact('connection', '2026-02-06', 'a'),
      fact('spend', '2026-02-07', 'a', { amountPence: 12_050, purposeCategory: 'driving_lessons' }),
      fact('spend', '2026-02-08', 'b', { amountPence: 4_000, purposeCategory: 'household' }),
      fact('spend', '2026-02-09', null, { amountPence: 1_000, purposeCategory: 'household' }),
    ];
    expect(summariseFacts(facts, window)).toEqual({
      peopleJoined: { count: 5, small: false },
      relationshipsStarted: { count: 2, small: true },
      relationshipsEnded: { count: 4, small: true },
      endings: [
        { ending: 'planned_with_person', count: 2, small: true },
        { ending: 'lost_contact', count: 1, small: true },
        { ending: 'moved_on', count: 1, small: true },
      ],
      relationshipLength: { ended: 3, medianDays: 120, small: true },
      connections: { made: 2, people: 1, small: true },
      budgetSpend: { spentPence: 17_050, spends: 3, people: 2, small: true },
      budgetSpendByCategory: [
        { category: 'driving_lessons', spentPence: 12_050, spends: 1, people: 1, small: true },
        { category: 'household', spentPence: 5_000, spends: 2, people: 1, small: true },
      ],
    });
  });

  it('splits spend by purpose category, most spent first, counting each person once per category; a spend whose request is not known counts as unspecified', () => {
    const people = ['a', 'b', 'c', 'd', 'e'];
    const facts: Fact[] = [
      ...people.map((p) => fact('spend', '2026-02-02', p, { amountPence: 1_000, purposeCategory: 'travel' })),
      ...people.map((p) => fact('spend', '2026-02-03', p, { amountPence: 500, purposeCategory: 'travel' })),
      fact('spend', '2026-02-04', 'a', { amountPence: 7_500, purposeCategory: 'course_or_training' }),
      fact('spend', '2026-02-05', 'b', { amountPence: 2_000, purposeCategory: 'unspecified' }),
      fact('spend', '2026-02-06', 'c', { amountPence: 2_000, purposeCategory: null }),
      fact('spend', '2026-01-31', 'd', { amountPence: 9_999, purposeCategory: 'clothing' }),
      fact('connection', '2026-02-07', 'e'),
    ];
    const summary = summariseFacts(facts, window);
    expect(summary.budgetSpendByCategory).toEqual([
      { category: 'course_or_training', spentPence: 7_500, spends: 1, people: 1, small: true },
      { category: 'travel', spentPence: 7_500, spends: 10, people: 5, small: false },
      { category: 'unspecified', spentPence: 4_000, spends: 2, people: 2, small: true },
    ]);
    expect(summary.budgetSpend).toEqual({ spentPence: 19_000, spends: 13, people: 5, small: false });
  });

  it('for any spends, the categories\' amounts and payments add up to the period\'s budget spend, and no category has more people than the period', () => {
    const spendArb = fc.record({
      happenedOn: fc.constantFrom('2026-01-31', '2026-02-01', '2026-02-14', '2026-02-28', '2026-03-01'),
      personId: fc.option(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { nil: null }),
      amountPence: fc.integer({ min: 1, max: 100_000 }),
      purposeCategory: fc.option(fc.constantFrom('travel', 'household', 'clothing', 'other', 'unspecified'), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(spendArb, { maxLength: 40 }), (spends) => {
        const summary = summariseFacts(
          spends.map((s) => fact('spend', s.happenedOn, s.personId, { amountPence: s.amountPence, purposeCategory: s.purposeCategory })),
          window,
        );
        const byCategory = summary.budgetSpendByCategory;
        expect(byCategory.reduce((sum, c) => sum + c.spentPence, 0)).toBe(summary.budgetSpend.spentPence);
        expect(byCategory.reduce((sum, c) => sum + c.spends, 0)).toBe(summary.budgetSpend.spends);
        for (const c of byCategory) {
          expect(c.people).toBeLessThanOrEqual(summary.budgetSpend.people);
          expect(c.spends).toBeGreaterThan(0);
          expect(c.small).toBe(c.people > 0 && c.people < 5);
        }
        expect(new Set(byCategory.map((c) => c.category)).size).toBe(byCategory.length);
      }),
      { numRuns: 200 },
    );
  });

  it('given nothing in the window, then every count is zero, not small, and the median is null', () => {
    expect(summariseFacts([], window)).toEqual({
      peopleJoined: { count: 0, small: false },
      relationshipsStarted: { count: 0, small: false },
      relationshipsEnded: { count: 0, small: false },
      endings: [],
      relationshipLength: { ended: 0, medianDays: null, small: false },
      connections: { made: 0, people: 0, small: false },
      budgetSpend: { spentPence: 0, spends: 0, people: 0, small: false },
      budgetSpendByCategory: [],
    });
  });
});

describe('wellbeing change', () => {
  const window = { label: '2026-Q1', start: '2026-01-01', end: '2026-03-31' };
  const teamA = 'team-a';
  const teamB = 'team-b';
  let order = 0;
  const checkIn = (personId: string, scale: string, checkedInOn: string, score: number, teamId = teamA): CheckIn => ({
    personId,
    scale,
    checkedInOn,
    recordedAt: `2026-04-01T00:00:${String(order++ % 60).padStart(2, '0')}.000000Z`,
    score,
    teamId,
    areaId: 'area-1',
  });
  const checkIns: CheckIn[] = [
    // Counted on WEMWBS: first against latest.
    checkIn('p1', 'wemwbs', '2025-10-01', 40),
    checkIn('p1', 'wemwbs', '2026-01-10', 44),
    checkIn('p1', 'wemwbs', '2026-03-01', 46),
    checkIn('p2', 'wemwbs', '2026-01-05', 45),
    checkIn('p2', 'wemwbs', '2026-02-05', 43),
    checkIn('p3', 'wemwbs', '2026-01-05', 56, teamB),
    checkIn('p3', 'wemwbs', '2026-03-30', 52, teamB),
    // Only one check-in: not counted.
    checkIn('p4', 'wemwbs', '2026-02-01', 30),
    // Latest check-in before the window: not counted.
    checkIn('p5', 'wemwbs', '2025-06-01', 30),
    checkIn('p5', 'wemwbs', '2025-12-01', 40),
    // Latest after the window's end is not seen: the latest up to the end is 2026-02-01.
    checkIn('p6', 'swemwbs', '2025-12-01', 17.43),
    checkIn('p6', 'swemwbs', '2026-02-01', 19.98),
    checkIn('p6', 'swemwbs', '2026-04-10', 35),
    // Moved from WEMWBS to SWEMWBS: compared on SWEMWBS only, from their first SWEMWBS score.
    checkIn('p7', 'wemwbs', '2025-11-01', 35),
    checkIn('p7', 'swemwbs', '2026-01-15', 20.73),
    checkIn('p7', 'swemwbs', '2026-03-15', 22.35),
  ];

  it('given people with two or more check-ins, then each scale has the mean change with a 95% t interval and the share moving towards the national average', () => {
    const [wemwbs, swemwbs] = wellbeingChanges(checkIns, window);
    // Changes 6, -2, -4: mean 0, s = sqrt(28), half-width = t(0.975, 2) * s / sqrt(3) = 4.302653 * 3.05505.
    expect(wemwbs).toMatchObject({
      scale: 'wemwbs',
      people: 3,
      meanFirst: (40 + 45 + 56) / 3,
      meanLatest: (46 + 43 + 52) / 3,
      level: 0.95,
      nationalAverage: 51,
      // 46 is nearer 51 than 40; 43 is further than 45; 52 is nearer than 56.
      movingTowardsNationalAverage: 2,
      small: true,
    });
    expect(wemwbs.meanChange).toBeCloseTo(0, 10);
    expect(wemwbs.lower).toBeCloseTo(-13.1448, 3);
    expect(wemwbs.upper).toBeCloseTo(13.1448, 3);
    expect(wemwbs.shareMovingTowardsNationalAverage).toBeCloseTo(2 / 3, 10);

    expect(swemwbs).toMatchObject({ scale: 'swemwbs', people: 2, nationalAverage: 23.2, movingTowardsNationalAverage: 2, small: true });
    // Changes 19.98 - 17.43 = 2.55 and 22.35 - 20.73 = 1.62.
    expect(swemwbs.meanChange).toBeCloseTo((2.55 + 1.62) / 2, 10);
    expect(swemwbs.meanFirst).toBeCloseTo((17.43 + 20.73) / 2, 10);
  });

  it('given a team, then only people in that team at their latest check-in count; with one person there is no interval', () => {
    const [onlyB] = wellbeingChanges(checkIns, window, { teamId: teamB });
    expect(onlyB).toEqual({
      scale: 'wemwbs',
      people: 1,
      meanFirst: 56,
      meanLatest: 52,
      meanChange: -4,
      lower: null,
      upper: null,
      level: 0.95,
      nationalAverage: 51,
      movingTowardsNationalAverage: 1,
      shareMovingTowardsNationalAverage: 1,
      small: true,
    });
    expect(wellbeingChanges(checkIns, window, { areaId: 'another-area' })).toEqual([]);
  });

  it('given five or more people on a scale, then it is not marked small', () => {
    const many = ['q1', 'q2', 'q3', 'q4', 'q5'].flatMap((p, i) => [checkIn(p, 'wemwbs', '2026-01-02', 40 + i), checkIn(p, 'wemwbs', '2026-02-02', 45 + i)]);
    const [change] = wellbeingChanges(many, window);
    expect(change).toMatchObject({ people: 5, meanChange: 5, lower: 5, upper: 5, small: false, movingTowardsNationalAverage: 5 });
  });
});
