/**
 * Free-text search over an observation's words, which are sealed in the read model: the query
 * opens the candidates the other filters leave and matches them here. Case, accents and
 * punctuation are ignored; every word searched for must appear (as a word or the start of one).
 */
export function normaliseForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function searchTerms(search: string | null | undefined): string[] {
  if (!search) return [];
  return [...new Set(normaliseForSearch(search).split(' ').filter((t) => t.length > 0))];
}

export function matchesAllTerms(terms: readonly string[], texts: readonly (string | null | undefined)[]): boolean {
  if (terms.length === 0) return true;
  const haystack = ` ${texts.filter((t): t is string => !!t).map(normaliseForSearch).join(' ')}`;
  return terms.every((term) => haystack.includes(` ${term}`));
}
