import { addWorkingDays } from '#libs/statistics';
import { reportSettingsFrom } from './report-settings.js';

describe('when a response to a shared report is due', () => {
  const dueAfter20 = (config: Parameters<typeof reportSettingsFrom>[0]) => addWorkingDays('2026-12-14', 20, reportSettingsFrom(config).closedDays);

  it('given a report shared on 14 December, then 20 working days skip Christmas, Boxing Day (moved to Monday 28th) and New Year’s Day', () => {
    expect(dueAfter20({})).toBe('2027-01-14');
  });

  it('given the organisation’s own closed days, then those are skipped too', () => {
    expect(dueAfter20({ closedDays: ['2026-12-24', '2026-12-29'] })).toBe('2027-01-18');
  });

  it('given BANK_HOLIDAYS=none, then only weekends are skipped', () => {
    expect(dueAfter20({ bankHolidays: 'none' })).toBe('2027-01-11');
  });
});
