import fc from 'fast-check';
import { ValidationError } from '#libs/kernel';
import { clusterKey, proposeClusters, type ClusterProposal } from './propose-clusters.js';
import { SYNTHETIC_TOPICS, syntheticObservations } from './synthetic.js';

// Three subjects (moving area, reaching the service by phone, damp and repairs) and 15 % noise.
const SUBJECTS = [0, 6, 18];
const notes = syntheticObservations({ count: 90, seed: 4, topics: SUBJECTS, noiseShare: 0.15 });
const topicOf = new Map(notes.map((n) => [n.id, n.topic]));

function composition(proposal: ClusterProposal): Map<number, number> {
  const counts = new Map<number, number>();
  for (const id of proposal.observationIds) counts.set(topicOf.get(id)!, (counts.get(topicOf.get(id)!) ?? 0) + 1);
  return counts;
}

const handWritten: Record<string, string[]> = {
  move: [
    'Support ended the week they moved to temporary accommodation in the next borough.',
    'The new area said the old area should keep supporting; the old area closed the referral.',
    'After the move to a hostel across the borough boundary the housing officer stopped calling back.',
    'Moved out of area into temporary accommodation and lost their support worker straight away.',
    'Housing options closed the case because they now live in another borough.',
    'Nobody would hold the referral after the move; both boroughs said it was the other one.',
    'Placed in temporary accommodation two boroughs away and the mental health team discharged them for being out of area.',
    'The move to the new flat meant a new borough, and the support stopped without a handover.',
  ],
  phone: [
    'Phone line open two hours a day and always engaged.',
    'The only way in was an online form that needed an email address and a phone with data.',
    'Tried ringing the surgery at eight every morning for a week; the line was always engaged.',
    'Could only apply online and had no phone data to fill in the form.',
    'Held in the phone queue for an hour and then the line cut off.',
    'The helpline number on the letter goes to an answerphone that is always full.',
    'Had to use the library computer because the form is only online and the phone line never answers.',
    'Rang the phone line every day for three days and could not get through.',
  ],
  damp: [
    'Mould in the bedroom for months and the landlord has not sent anyone to repair the damp.',
    'Reported the leak and the damp three times; the housing association still has not fixed it.',
    'The boiler broke in winter and the landlord took five weeks to repair the heating.',
    'Damp and black mould on the walls; the repair was booked and cancelled twice.',
    'A child sleeping in a bedroom with mould while the landlord blames the tenant for the damp.',
    'No heating for a month because the landlord would not repair the boiler.',
    'The repair team came about the leak but left without fixing the damp in the bathroom.',
    'An inspector confirmed the damp and mould but the landlord has done no repair.',
  ],
  none: [
    'Talked about getting back into cooking and what a good week would look like.',
    'Excited about the volunteering taster day at the community garden.',
    'Reflected on how far they have come since we first met.',
    'Wanted to talk about reconnecting with an old friend from school.',
    'Talked through the driving theory test and practised a few questions.',
    'Spent the time walking by the river; talked about their dog and their sister.',
  ],
};
const handWrittenNotes = Object.entries(handWritten).flatMap(([subject, texts]) => texts.map((text, i) => ({ id: `${subject}-${i}`, text })));

describe('proposeClusters', () => {
  it('recovers three synthetic subjects among noise, one pure proposal each, with their words as terms', () => {
    const proposals = proposeClusters(notes);
    expect(proposals).toHaveLength(3);
    const found = proposals.map((p) => {
      const [[topic, count]] = [...composition(p)].sort((a, b) => b[1] - a[1]);
      expect(count / p.observationIds.length).toBeGreaterThanOrEqual(0.9);
      expect(count).toBeGreaterThanOrEqual(0.8 * notes.filter((n) => n.topic === topic).length);
      expect(p.terms.length).toBeGreaterThan(0);
      expect(p.terms.length).toBeLessThanOrEqual(5);
      const subjectWords = new Set(SYNTHETIC_TOPICS[topic]);
      expect(p.terms.filter((t) => subjectWords.has(t)).length).toBeGreaterThanOrEqual(3);
      expect(p.cohesion).toBeGreaterThan(0);
      expect(p.cohesion).toBeLessThanOrEqual(1);
      return topic;
    });
    expect([...found].sort((a, b) => a - b)).toEqual(SUBJECTS);
  });

  it('groups hand-written notes by subject and never mixes subjects or pulls in notes about nothing in particular', () => {
    const proposals = proposeClusters(handWrittenNotes);
    const subjects = proposals.map((p) => new Set(p.observationIds.map((id) => id.split('-')[0])));
    for (const s of subjects) expect(s.size).toBe(1);
    expect(new Set(subjects.map((s) => [...s][0]))).toEqual(new Set(['move', 'phone', 'damp']));
    const damp = proposals.find((p) => p.observationIds[0].startsWith('damp'))!;
    expect(damp.terms).toEqual(expect.arrayContaining(['mould', 'damp']));
  });

  it('lists proposals largest first, then most cohesive, with members sorted and a key from the members', () => {
    const proposals = proposeClusters(handWrittenNotes, { threshold: 0.15 });
    for (let i = 1; i < proposals.length; i++) {
      const [a, b] = [proposals[i - 1], proposals[i]];
      expect(a.observationIds.length > b.observationIds.length || (a.observationIds.length === b.observationIds.length && a.cohesion >= b.cohesion)).toBe(true);
    }
    for (const p of proposals) {
      expect(p.observationIds).toEqual([...p.observationIds].sort());
      expect(p.key).toBe(clusterKey([...p.observationIds].reverse()));
      expect(p.key).toMatch(/^cluster-[0-9a-f]{32}$/);
    }
  });

  it('gives the same proposals, keys included, whatever the order of the input', () => {
    const reference = proposeClusters(notes);
    fc.assert(
      fc.property(fc.shuffledSubarray(notes, { minLength: notes.length }), (shuffled) => {
        expect(proposeClusters(shuffled)).toEqual(reference);
      }),
      { numRuns: 10 },
    );
  });

  it('does not offer a dismissed proposal again, nor one overlapping it by Jaccard 0.5 or more', () => {
    const [first, second, third] = proposeClusters(notes);
    const remaining = (dismissed: string[][]) => proposeClusters(notes, { dismissed }).map((p) => p.key);

    expect(remaining([[...first.observationIds]])).toEqual([second.key, third.key]);
    // The same members but one, plus one it never had: still the same proposal to the influencer.
    const nearly = [...first.observationIds.slice(1), 'obs-not-in-the-proposal'];
    expect(remaining([nearly])).toEqual([second.key, third.key]);
    // A third of its members: a different proposal, still offered.
    const aThird = first.observationIds.slice(0, Math.floor(first.observationIds.length / 3));
    expect(remaining([aThird])).toContain(first.key);
  });

  it('applies maxProposals after leaving dismissed proposals out, and minSize to every proposal', () => {
    const [first, second] = proposeClusters(notes);
    expect(proposeClusters(notes, { maxProposals: 1, dismissed: [[...first.observationIds]] }).map((p) => p.key)).toEqual([second.key]);
    const big = proposeClusters(notes, { minSize: 25 });
    expect(big.length).toBeGreaterThan(0);
    for (const p of big) expect(p.observationIds.length).toBeGreaterThanOrEqual(25);
    expect(proposeClusters(notes, { minSize: 100 })).toEqual([]);
  });

  it('gives nothing for no observations, fewer than minSize, or texts with no content words', () => {
    expect(proposeClusters([])).toEqual([]);
    expect(proposeClusters(notes.slice(0, 2))).toEqual([]);
    expect(proposeClusters(['a', 'b', 'c', 'd'].map((id) => ({ id, text: id === 'a' ? '' : 'and the of it' })))).toEqual([]);
  });

  it('refuses repeated ids and options out of range, naming the field', () => {
    expect(() => proposeClusters([notes[0], notes[0], notes[1]])).toThrow(ValidationError);
    expect(() => proposeClusters(notes, { threshold: 0 })).toThrow(/threshold/);
    expect(() => proposeClusters(notes, { threshold: 2 })).toThrow(/threshold/);
    expect(() => proposeClusters(notes, { minSize: 1 })).toThrow(/minSize/);
    expect(() => proposeClusters(notes, { maxProposals: 0 })).toThrow(/maxProposals/);
  });
});
