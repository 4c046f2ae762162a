/**
 * What a personal budget is for, in broad terms: a fixed list of stable slugs, recorded in clear
 * beside the person's own words (which stay sealed with their key). The category is not personal
 * data: it says what kind of thing the money is for, never whose it is or why, so leadership can
 * count spend by it. Slugs are stored in events: never rename one; add new ones at the end.
 *
 * `unspecified` exists for requests recorded before categories did (budget.requested version 1,
 * upcast on read); nobody can choose it for a new request.
 */
export const BUDGET_PURPOSE_CATEGORIES = [
  'travel',
  'driving_lessons',
  'clothing',
  'course_or_training',
  'household',
  'phone_and_data',
  'hobby_or_club',
  'bills_or_arrears',
  'other',
  'unspecified',
] as const;
export type BudgetPurposeCategory = (typeof BUDGET_PURPOSE_CATEGORIES)[number];

/** The category old requests read as: never chosen, only given by the upcaster. */
export const UNSPECIFIED_PURPOSE = 'unspecified' satisfies BudgetPurposeCategory;

/** The categories a new request can be given. */
export const CHOOSABLE_PURPOSE_CATEGORIES = BUDGET_PURPOSE_CATEGORIES.filter(
  (c): c is Exclude<BudgetPurposeCategory, typeof UNSPECIFIED_PURPOSE> => c !== UNSPECIFIED_PURPOSE,
);
export type ChoosablePurposeCategory = (typeof CHOOSABLE_PURPOSE_CATEGORIES)[number];

/** Plain labels, for people to read. */
export const PURPOSE_CATEGORY_LABELS: Readonly<Record<BudgetPurposeCategory, string>> = {
  travel: 'Travel and transport',
  driving_lessons: 'Driving lessons or a driving test',
  clothing: 'Clothing, for example for interviews or work',
  course_or_training: 'A course, training or a qualification',
  household: 'Household items and furniture',
  phone_and_data: 'A phone, data or getting online',
  hobby_or_club: 'A hobby, club or activity',
  bills_or_arrears: 'Bills, debts or arrears',
  other: 'Something else',
  unspecified: 'Not recorded (requests made before categories existed; cannot be chosen)',
};
