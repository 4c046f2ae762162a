import { contentTerms } from './terms.js';

describe('contentTerms', () => {
  it('gives the lemmas of content words, in order, without stop words or punctuation', () => {
    expect(contentTerms('Support ended the week they moved to temporary accommodation in the next borough.')).toEqual([
      'support',
      'end',
      'week',
      'move',
      'temporary',
      'accommodation',
      'borough',
    ]);
    expect(contentTerms('Asked to repeat their whole history at a third assessment in a month.')).toEqual([
      'ask',
      'repeat',
      'history',
      'assessment',
      'month',
    ]);
  });

  it('drops numbers, ordinals, times, one-letter tokens, e-mail addresses, emoji and hashtags', () => {
    const terms = contentTerms('Waited 12 weeks, got 3 letters and a 2nd form; sent to x at someone@example.org on 4 May at 3pm 😀 #late');
    expect(terms).toEqual(['wait', 'week', 'letter', 'form', 'send']);
  });

  it('keeps words of this domain that the general stop list would drop ("move", "call", "full")', () => {
    expect(contentTerms('The move was hard and nobody would call; the letters were full of jargon.')).toEqual(
      expect.arrayContaining(['move', 'call', 'full', 'letter', 'jargon']),
    );
  });

  it('adds "not <lemma>" for a negated verb or adjective, and keeps the lemma itself', () => {
    expect(contentTerms('The worker did not answer the calls.')).toEqual(['worker', 'answer', 'not answer', 'call']);
    expect(contentTerms("They weren't told and it wasn't helpful.")).toEqual(['tell', 'not tell', 'helpful', 'not helpful']);
  });

  it('adds no negation when the negator is followed by a noun, or is "no"', () => {
    expect(contentTerms('They were not in priority need.')).toEqual(['priority', 'need']);
    expect(contentTerms('No reply to the emails.')).toEqual(['reply', 'email']);
  });

  it("keeps the writer's spelling where the model's lemma is American", () => {
    expect(contentTerms('Black mould in the bedroom; the licence was checked at counselling.')).toEqual(
      expect.arrayContaining(['mould', 'licence', 'counselling']),
    );
  });

  it('gives nothing for an empty text, white space or only stop words', () => {
    expect(contentTerms('')).toEqual([]);
    expect(contentTerms('   \n ')).toEqual([]);
    expect(contentTerms('and the of it was')).toEqual([]);
  });
});
