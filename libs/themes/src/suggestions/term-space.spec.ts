import fc from 'fast-check';
import { cosine, TermSpace, type SparseVector } from './term-space.js';

const corpus = [
  { id: 'a', text: 'Support ended after the move to temporary accommodation in the next borough.' },
  { id: 'b', text: 'The housing officer closed the referral after the move.' },
  { id: 'c', text: 'Payment stopped while the benefit claim was processed.' },
  { id: 'd', text: 'The benefit decision took twelve weeks with no interim payment.' },
  { id: 'e', text: 'Phone line always engaged; support never called back.' },
];

function length(v: SparseVector): number {
  return Math.sqrt([...v.values()].reduce((sum, w) => sum + w * w, 0));
}

describe('cosine', () => {
  it('is 1 for identical vectors and 0 for vectors with no term in common', () => {
    const v = new Map([
      ['hous', 0.6],
      ['move', 0.8],
    ]);
    expect(cosine(v, new Map(v))).toBeCloseTo(1, 12);
    expect(cosine(v, new Map([['benefit', 1]]))).toBe(0);
  });

  it('is 0 when either vector is empty, and symmetric', () => {
    const a = new Map([
      ['hous', 1],
      ['move', 2],
    ]);
    const b = new Map([
      ['move', 1],
      ['benefit', 3],
    ]);
    expect(cosine(a, new Map())).toBe(0);
    expect(cosine(new Map(), new Map())).toBe(0);
    expect(cosine(a, b)).toBeCloseTo(cosine(b, a), 15);
    expect(cosine(a, b)).toBeCloseTo(2 / (Math.sqrt(5) * Math.sqrt(10)), 12);
  });
});

describe('TermSpace', () => {
  it('counts the documents fitted and gives unit vectors', () => {
    const space = TermSpace.fit(corpus);
    expect(space.size).toBe(5);
    for (const d of corpus) expect(length(space.vector(d.text))).toBeCloseTo(1, 12);
    expect(space.vector(corpus[0].text)).toEqual(space.vector(corpus[0].text));
  });

  it('gives an identical text a cosine of 1, and a text about something else 0', () => {
    const space = TermSpace.fit(corpus);
    expect(cosine(space.vector(corpus[2].text), space.vector(corpus[2].text))).toBeCloseTo(1, 12);
    expect(cosine(space.vector(corpus[0].text), space.vector(corpus[2].text))).toBe(0);
  });

  it('weighs a term found in fewer documents more (smoothed idf)', () => {
    const space = TermSpace.fit(corpus);
    // "move" is in 2 of 5 documents, "borough" in 1.
    const v = space.vector('move borough');
    expect(v.get('borough')!).toBeGreaterThan(v.get('move')!);
    expect(space.idf('move')).toBeCloseTo(Math.log(6 / 3) + 1, 12);
    expect(space.idf('borough')).toBeCloseTo(Math.log(6 / 2) + 1, 12);
  });

  it('ignores terms the corpus has never seen', () => {
    const space = TermSpace.fit(corpus);
    expect(space.vector('Volunteering at the community garden.').size).toBe(0);
    expect([...space.vector('Garden volunteering after the move.').keys()]).toEqual(['move']);
  });

  it('fits an empty corpus, in which every vector is empty', () => {
    const space = TermSpace.fit([]);
    expect(space.size).toBe(0);
    expect(space.vector('Support ended after the move.').size).toBe(0);
  });

  it('does not depend on the order of the documents fitted', () => {
    const reference = TermSpace.fit(corpus).vector(corpus[1].text);
    fc.assert(
      fc.property(fc.shuffledSubarray(corpus, { minLength: corpus.length }), (shuffled) => {
        expect(TermSpace.fit(shuffled).vector(corpus[1].text)).toEqual(reference);
      }),
      { numRuns: 20 },
    );
  });
});
