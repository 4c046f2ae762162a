import type { Polarity } from '../shared/directory.js';

export interface DefaultCategory {
  readonly categoryId: string;
  readonly name: string;
  readonly polarity: Polarity;
}

/**
 * The categories every organisation starts with, drawn from what coaches see services do (see
 * shared/DOMAIN.md and its sources). Added once, at the first start, by a command with a fixed
 * id; organisations rename, retire and add to them afterwards. Changing this list changes
 * nothing that has already been seeded.
 */
export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = [
  { categoryId: 'eligibility_criteria', name: 'Eligibility criteria and thresholds', polarity: 'barrier' },
  { categoryId: 'support_withdrawn_on_moving_area', name: 'Support withdrawn on moving area', polarity: 'barrier' },
  { categoryId: 'closed_without_consent', name: "Closed without the person's consent", polarity: 'barrier' },
  { categoryId: 'hard_to_find_or_reach', name: 'Hard to find or reach (gatekeeping, hours, phone or digital only)', polarity: 'barrier' },
  { categoryId: 'retelling_story', name: 'Retelling their story (repeated assessment)', polarity: 'barrier' },
  { categoryId: 'conditional_support', name: 'Conditional support (prove you are ready)', polarity: 'barrier' },
  { categoryId: 'waiting_times', name: 'Waiting times', polarity: 'barrier' },
  { categoryId: 'letters_jargon_no_reply', name: 'Letters, jargon and no reply', polarity: 'barrier' },
  { categoryId: 'cliff_edge_ending', name: 'Cliff-edge ending', polarity: 'barrier' },
  { categoryId: 'labels_and_stigma', name: 'Labels and stigma', polarity: 'barrier' },
  { categoryId: 'disrespectful_treatment', name: 'Disrespectful treatment', polarity: 'barrier' },
  { categoryId: 'benefits_and_debt_processes', name: 'Benefits and debt processes', polarity: 'barrier' },
  { categoryId: 'employment_practices', name: 'Employment practices', polarity: 'barrier' },
  { categoryId: 'good_practice', name: 'Good practice', polarity: 'bright_spot' },
  // "Other" exists in both polarities: an observation is a barrier or a bright spot, and each
  // needs somewhere to go when no category fits yet.
  { categoryId: 'other', name: 'Something else not working', polarity: 'barrier' },
  { categoryId: 'other_bright_spot', name: 'Something else that worked', polarity: 'bright_spot' },
];

/** The fixed command id of the seed: sent again on every start, it is recorded only once. */
export const DEFAULT_CATEGORIES_COMMAND_ID = 'c0a7e6f2-5d1b-4b8e-9a3c-7f2d4e6b1a01';
