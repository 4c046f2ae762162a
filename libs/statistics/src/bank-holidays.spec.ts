import { bankHolidays, bankHolidaysBetween, easterSunday } from './bank-holidays.js';
import { addWorkingDays } from './working-days.js';

describe('UK bank holidays, from their rules', () => {
  it('finds Easter Sunday', () => {
    expect([2022, 2024, 2025, 2026, 2027, 2038].map(easterSunday)).toEqual(['2022-04-17', '2024-03-31', '2025-04-20', '2026-04-05', '2027-03-28', '2038-04-25']);
  });

  // The lists below are gov.uk's published ones.
  it('gives England and Wales their eight days, with substitutes when Christmas or Boxing Day falls at a weekend', () => {
    expect(bankHolidays('england-and-wales', 2025)).toEqual(['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']);
    expect(bankHolidays('england-and-wales', 2026)).toEqual(['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']);
    expect(bankHolidays('england-and-wales', 2027)).toEqual(['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']);
  });

  it('keeps the one-off changes: the jubilee, the state funeral and the coronation', () => {
    expect(bankHolidays('england-and-wales', 2022)).toEqual([
      '2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27',
    ]);
    expect(bankHolidays('england-and-wales', 2023)).toContain('2023-05-08');
    expect(bankHolidays('england-and-wales', 2020)).toContain('2020-05-08');
    expect(bankHolidays('england-and-wales', 2020)).not.toContain('2020-05-04');
  });

  it('gives Scotland 2 January, the first Monday of August and St Andrew’s Day, and no Easter Monday', () => {
    expect(bankHolidays('scotland', 2025)).toEqual(['2025-01-01', '2025-01-02', '2025-04-18', '2025-05-05', '2025-05-26', '2025-08-04', '2025-12-01', '2025-12-25', '2025-12-26']);
    expect(bankHolidays('scotland', 2022).slice(0, 2)).toEqual(['2022-01-03', '2022-01-04']);
    expect(bankHolidays('scotland', 2023).slice(0, 2)).toEqual(['2023-01-02', '2023-01-03']);
  });

  it('gives Northern Ireland St Patrick’s Day and the Battle of the Boyne, moved off a weekend', () => {
    expect(bankHolidays('northern-ireland', 2025)).toEqual([
      '2025-01-01', '2025-03-17', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-07-14', '2025-08-25', '2025-12-25', '2025-12-26',
    ]);
  });

  it('makes 20 working days from mid-December skip Christmas and New Year', () => {
    const holidays = bankHolidaysBetween('england-and-wales', 2026, 2027);
    expect(addWorkingDays('2026-12-14', 20)).toBe('2027-01-11');
    expect(addWorkingDays('2026-12-14', 20, holidays)).toBe('2027-01-14');
  });
});
