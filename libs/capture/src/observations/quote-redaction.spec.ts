import fc from 'fast-check';
import { checkRedaction } from './quote-redaction.js';

const ORIGINAL = 'I waited at the Northgate office for three hours and Sam said come back Monday.';

describe('the redaction of a quote before it is shared', () => {
  it('accepts the words unchanged, and says nothing was taken out', () => {
    expect(checkRedaction(ORIGINAL, ORIGINAL)).toEqual({ valid: true, redacted: false });
  });

  it('accepts words taken out and replaced by bracketed placeholders', () => {
    expect(checkRedaction(ORIGINAL, 'I waited at the [office] for three hours and [a worker] said come back Monday.')).toEqual({
      valid: true,
      redacted: true,
    });
    expect(checkRedaction(ORIGINAL, 'I waited … for three hours')).toEqual({ valid: true, redacted: true });
  });

  it('ignores changes of case and punctuation', () => {
    expect(checkRedaction(ORIGINAL, 'i waited at the northgate office, for three hours!').valid).toBe(true);
  });

  it('refuses a word the person did not say, naming it', () => {
    expect(checkRedaction(ORIGINAL, 'I waited at the office for five hours')).toEqual({ valid: false, redacted: true, unexpectedWord: 'five' });
  });

  it('refuses words moved out of order', () => {
    expect(checkRedaction(ORIGINAL, 'for three hours I waited').valid).toBe(false);
  });

  it('refuses a placeholder long enough to hide new words', () => {
    expect(checkRedaction(ORIGINAL, 'I waited [and they shouted at me and sent me away again]').valid).toBe(false);
  });

  it('accepts any selection of the words kept in order (property)', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.boolean()), { minLength: 1, maxLength: 30 }), (pairs) => {
        const original = pairs.map(([w]) => w).join(' ');
        const approved = pairs.map(([w, keep]) => (keep ? w : '[…]')).join(' ');
        expect(checkRedaction(original, approved).valid).toBe(true);
      }),
      { seed: 20261124, numRuns: 300 },
    );
  });
});
