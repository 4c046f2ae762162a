/**
 * The wellbeing check-in's questions, as the web app asks them. Copied from the server's short
 * labels (libs/capture/src/wellbeing/wellbeing.scales.ts, WEMWBS_ITEMS and SWEMWBS_ITEMS: the web
 * imports nothing from libs), not the scales' full published wording. Each is asked as "Over the
 * last two weeks I’ve been …" and the label. The order is the scales' own: the API takes one
 * answer per item in this order.
 *
 * One label differs from the server's, for the sentence to read: the server's "energy to spare"
 * is asked as "having energy to spare".
 *
 * WEMWBS and SWEMWBS © NHS Health Scotland, University of Warwick and University of Edinburgh.
 */

/** The 14 WEMWBS items, in order. */
export const WEMWBS_ITEMS = [
  'optimistic about the future',
  'feeling useful',
  'feeling relaxed',
  'interested in other people',
  'having energy to spare',
  'dealing with problems well',
  'thinking clearly',
  'feeling good about myself',
  'feeling close to other people',
  'feeling confident',
  'able to make up my own mind',
  'feeling loved',
  'interested in new things',
  'feeling cheerful',
] as const;

/** The 7 SWEMWBS items, in order: WEMWBS items 1, 2, 3, 6, 7, 9 and 11. */
export const SWEMWBS_ITEMS = [WEMWBS_ITEMS[0], WEMWBS_ITEMS[1], WEMWBS_ITEMS[2], WEMWBS_ITEMS[5], WEMWBS_ITEMS[6], WEMWBS_ITEMS[8], WEMWBS_ITEMS[10]] as const;

export type Scale = 'SWEMWBS' | 'WEMWBS';

export const ITEMS: Record<Scale, readonly string[]> = { SWEMWBS: SWEMWBS_ITEMS, WEMWBS: WEMWBS_ITEMS };

/** The question for one item. */
export const question = (label: string) => `Over the last two weeks I’ve been ${label}`;

/** The five answers, scored 1 to 5. */
export const ANSWERS = [
  [1, 'None of the time'],
  [2, 'Rarely'],
  [3, 'Some of the time'],
  [4, 'Often'],
  [5, 'All of the time'],
] as const;

/** The range each scale's score can take. */
export const SCORE_RANGE: Record<Scale, string> = { SWEMWBS: '7 to 35', WEMWBS: '14 to 70' };
