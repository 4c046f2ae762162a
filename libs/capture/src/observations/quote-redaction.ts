/**
 * The redaction step before a quote leaves the organisation: an influencer may only take words
 * out of the person's quote, or put a short bracketed placeholder such as "[name]" or "[a town]"
 * where they were. Anything else (new words, reordered words) would put words in the person's
 * mouth, so it is refused.
 */

/** A placeholder standing for what was taken out: up to 30 characters in square brackets. */
const PLACEHOLDER = /\[[^\[\]]{1,30}\]/gu;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

function words(text: string): string[] {
  return (text.normalize('NFKC').match(WORD) ?? []).map((w) => w.toLocaleLowerCase('en-GB').replace(/’/g, "'"));
}

export interface RedactionCheck {
  /** Whether `approved` only takes words out of (or replaces them with placeholders in) `original`. */
  readonly valid: boolean;
  /** Whether anything was taken out. */
  readonly redacted: boolean;
  /** The first word of `approved` that is not in `original` at that point, when not valid. */
  readonly unexpectedWord?: string;
}

/** Checks that `approved` is `original` with words removed or replaced by placeholders, in order. */
export function checkRedaction(original: string, approved: string): RedactionCheck {
  const source = words(original);
  const kept = words(approved.replace(PLACEHOLDER, ' '));
  let at = 0;
  for (const word of kept) {
    while (at < source.length && source[at] !== word) at++;
    if (at === source.length) return { valid: false, redacted: true, unexpectedWord: word };
    at++;
  }
  const placeholders = (approved.match(PLACEHOLDER) ?? []).length;
  return { valid: true, redacted: kept.length < source.length || placeholders > 0 };
}
