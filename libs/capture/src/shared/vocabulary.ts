/**
 * The words the product records with, from the people who use it (see shared/DOMAIN.md).
 * Stored in events as these exact strings; GraphQL shows them as upper-case enum values.
 */
export const REFERRAL_SOURCES = ['gp', 'social_prescriber', 'other_service', 'self', 'word_of_mouth'] as const;
export type ReferralSource = (typeof REFERRAL_SOURCES)[number];

export const CHANNELS = ['in_person', 'phone', 'video', 'text', 'voice_note', 'email', 'social_media'] as const;
export type Channel = (typeof CHANNELS)[number];

export const INITIATORS = ['person', 'coach'] as const;
export type Initiator = (typeof INITIATORS)[number];

/** Where an in-person conversation happened: the person's choice. */
export const PLACES = ['cafe', 'library', 'home', 'outdoors', 'community_space', 'service_premises'] as const;
export type Place = (typeof PLACES)[number];

export const PAUSE_REQUESTERS = ['person', 'coach'] as const;
export type PauseRequester = (typeof PAUSE_REQUESTERS)[number];

/** How a coaching relationship ended. A planned ending is made with the person. */
export const ENDINGS = ['planned_with_person', 'person_chose_to_end', 'moved_on', 'lost_contact', 'other'] as const;
export type Ending = (typeof ENDINGS)[number];

export const FREQUENCIES = ['more_than_weekly', 'weekly', 'fortnightly', 'monthly', 'when_the_person_asks'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
