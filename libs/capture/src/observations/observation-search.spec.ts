import { matchesAllTerms, normaliseForSearch, searchTerms } from './observation-search.js';

describe('free-text search over opened words', () => {
  it('ignores case, accents and punctuation', () => {
    expect(normaliseForSearch('Café — RE-assessed, twice!')).toBe('cafe re assessed twice');
  });

  it('makes distinct terms from what was typed, and none from blank input', () => {
    expect(searchTerms('  Housing, housing  form ')).toEqual(['housing', 'form']);
    expect(searchTerms('  ')).toEqual([]);
    expect(searchTerms(undefined)).toEqual([]);
  });

  it('matches when every term starts a word somewhere in the texts', () => {
    const texts = ['Asked to repeat the assessment', null, 'Lost the tenancy offer'];
    expect(matchesAllTerms(['assess', 'tenancy'], texts)).toBe(true);
    expect(matchesAllTerms(['assess', 'eviction'], texts)).toBe(false);
    expect(matchesAllTerms(['sessment'], texts)).toBe(false);
    expect(matchesAllTerms([], [])).toBe(true);
  });
});
