import { reportMetrics, type SharedReportFacts } from './report-metrics.js';

const report = (overrides: Partial<SharedReportFacts>): SharedReportFacts => ({
  organisationId: 'org-a',
  audience: 'organisation',
  sharedOn: '2026-03-02',
  respondedOn: null,
  actions: 0,
  checkedOutcomes: [],
  ...overrides,
});

describe('report metrics', () => {
  it('given no shared reports, then every rate and median is null rather than zero', () => {
    expect(reportMetrics([]).overall).toEqual({
      organisationId: null,
      audience: null,
      reportsShared: 0,
      responded: 0,
      responseRate: null,
      medianDaysToRespond: null,
      medianWorkingDaysToRespond: null,
      withAgreedChange: 0,
      agreedChangeRate: null,
      changesChecked: 0,
      changesFollowedByFall: 0,
      fallRate: null,
    });
  });

  it('given reports to two services and a commissioner, then it counts response rate, median days, agreed changes and falls, overall and per service', () => {
    const reports = [
      // Monday 2 March, answered Friday 6 March (4 days, 4 working days) with two actions: one fell, one not yet clear.
      report({ respondedOn: '2026-03-06', actions: 2, checkedOutcomes: ['closed', 'not_yet_clear'] }),
      // Answered 16 March (14 days, 10 working days), one action, not checked.
      report({ respondedOn: '2026-03-16', actions: 1 }),
      report({}),
      report({ organisationId: 'org-b', respondedOn: '2026-03-09', actions: 1, checkedOutcomes: ['reopened'] }),
      report({ organisationId: null, audience: 'commissioner' }),
    ];
    const { overall, byService } = reportMetrics(reports);
    expect(overall).toMatchObject({ reportsShared: 5, responded: 3, responseRate: 0.6, medianDaysToRespond: 7, medianWorkingDaysToRespond: 5, withAgreedChange: 3, agreedChangeRate: 0.6, changesChecked: 3, changesFollowedByFall: 1 });
    expect(overall.fallRate).toBeCloseTo(1 / 3, 12);
    expect(byService.map((r) => [r.organisationId, r.audience, r.reportsShared])).toEqual([
      ['org-a', 'organisation', 3],
      [null, 'commissioner', 1],
      ['org-b', 'organisation', 1],
    ]);
    expect(byService[0]).toMatchObject({ responded: 2, medianDaysToRespond: 9, medianWorkingDaysToRespond: 7, changesChecked: 2, changesFollowedByFall: 1, fallRate: 0.5 });
    expect(byService[2]).toMatchObject({ responseRate: 1, fallRate: 0 });
  });
});
