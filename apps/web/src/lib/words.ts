/** The product's own words for the API's enums and codes: person-led, no deficit labels. */

export const CHANNELS = [
  ['IN_PERSON', 'In person'],
  ['PHONE', 'Phone call'],
  ['TEXT', 'Text message'],
  ['VIDEO', 'Video call'],
  ['VOICE_NOTE', 'Voice note'],
  ['EMAIL', 'Email'],
  ['SOCIAL_MEDIA', 'Social media'],
] as const;

export const PLACES = [
  ['CAFE', 'Café'],
  ['COMMUNITY_SPACE', 'Community space'],
  ['HOME', 'Their home'],
  ['LIBRARY', 'Library'],
  ['OUTDOORS', 'Outdoors'],
  ['SERVICE_PREMISES', 'A service’s premises'],
] as const;

export const IMPACT_TAGS = [
  ['GAVE_UP_ON_THE_SERVICE', 'Gave up on the service'],
  ['MISSED_OPPORTUNITY', 'Missed an opportunity'],
  ['FINANCIAL_LOSS', 'Lost money'],
  ['LOST_OR_RISKED_HOUSING', 'Lost or risked their home'],
  ['MENTAL_HEALTH_WORSE', 'Mental health got worse'],
  ['RETRAUMATISED', 'Had to relive trauma'],
  ['CRISIS', 'Reached a crisis'],
] as const;

const label = (pairs: ReadonlyArray<readonly [string, string]>, value: string | null | undefined) =>
  pairs.find(([key]) => key === value)?.[1] ?? (value ? humanise(value) : '');

export const channelLabel = (value: string | null | undefined) => label(CHANNELS, value);
export const placeLabel = (value: string | null | undefined) => label(PLACES, value);
export const impactTagLabel = (value: string | null | undefined) => label(IMPACT_TAGS, value);

/** SOME_VALUE or some_value → "Some value". */
export function humanise(value: string): string {
  const words = value.replace(/[._]/g, ' ').toLowerCase().trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const STATUS: Record<string, string> = {
  active: 'Coaching',
  paused: 'Paused',
  ended: 'Ended',
  not_started: 'Not started yet',
};
export const relationshipLabel = (status: string) => STATUS[status] ?? humanise(status);

const TIMELINE: Record<string, string> = {
  'person.joined': 'Joined',
  'person.consent_recorded': 'Consent recorded',
  'person.details_changed': 'Contact details changed',
  'person.moved_area': 'Moved area',
  'person.forgotten': 'Forgotten at their request',
  'coaching.started': 'Coaching started',
  'coaching.paused': 'Coaching paused',
  'coaching.resumed': 'Coaching resumed',
  'coaching.varied': 'How you meet changed',
  'coaching.ended': 'Coaching ended',
  'coaching.reopened': 'Came back: coaching re-opened',
  'interaction.recorded': 'Conversation',
};
export const timelineLabel = (kind: string) => TIMELINE[kind] ?? humanise(kind);

const CONNECTIONS: Record<string, string> = {
  ACTIVITY: 'Activity',
  COMMUNITY_GROUP: 'Community group',
  FAITH: 'Faith group',
  FAMILY: 'Family',
  FRIEND: 'Friend',
  PEER: 'Peer',
  VOLUNTEERING: 'Volunteering',
  WORK: 'Work',
};
export const connectionLabel = (kind: string) => CONNECTIONS[kind] ?? humanise(kind);
/** The kinds of connection, for a form's choices, in the order of their names. */
export const CONNECTION_KINDS: ReadonlyArray<readonly [string, string]> = Object.entries(CONNECTIONS);

/** What a personal budget can be for, as a coach chooses it: "Something else" last; "not recorded" is never chosen. */
export const BUDGET_PURPOSES = [
  ['TRAVEL', 'Travel and transport'],
  ['DRIVING_LESSONS', 'Driving lessons or a driving test'],
  ['CLOTHING', 'Clothing, for example for interviews or work'],
  ['COURSE_OR_TRAINING', 'A course, training or a qualification'],
  ['HOUSEHOLD', 'Household items and furniture'],
  ['PHONE_AND_DATA', 'A phone, data or getting online'],
  ['HOBBY_OR_CLUB', 'A hobby, club or activity'],
  ['BILLS_OR_ARREARS', 'Bills, debts or arrears'],
  ['OTHER', 'Something else'],
] as const;

const REFERRAL: Record<string, string> = {
  GP: 'A GP',
  OTHER_SERVICE: 'Another service',
  SELF: 'Themselves',
  SOCIAL_PRESCRIBER: 'A social prescriber',
  WORD_OF_MOUTH: 'Word of mouth',
};
export const referralLabel = (source: string) => REFERRAL[source] ?? humanise(source);

/** Who suggested coaching, in the order a welcome form asks. */
export const REFERRAL_SOURCES = [
  ['GP', 'A GP'],
  ['SOCIAL_PRESCRIBER', 'A social prescriber or link worker'],
  ['OTHER_SERVICE', 'Another service'],
  ['WORD_OF_MOUTH', 'Word of mouth: a friend, family or someone they know'],
  ['SELF', 'They found us themselves'],
] as const;

/** How a coaching relationship ended: a planned ending, made with the person, first (it is the norm). */
export const ENDINGS = [
  ['PLANNED_WITH_PERSON', 'Planned together with them'],
  ['PERSON_CHOSE_TO_END', 'They chose to end it'],
  ['MOVED_ON', 'They moved on'],
  ['LOST_CONTACT', 'We lost touch'],
  ['OTHER', 'Another way'],
] as const;

/** How often the person would like to meet. */
export const FREQUENCIES = [
  ['MORE_THAN_WEEKLY', 'More than once a week'],
  ['WEEKLY', 'Every week'],
  ['FORTNIGHTLY', 'Every two weeks'],
  ['MONTHLY', 'Every month'],
  ['WHEN_THE_PERSON_ASKS', 'Only when they ask'],
] as const;

/** Who asked for a pause. */
export const PAUSE_REQUESTERS = [
  ['PERSON', 'They asked for a pause'],
  ['COACH', 'I need to pause it (the coach)'],
] as const;

// The timeline speaks these in lower case (planned_with_person), GraphQL in upper case.
export const endingLabel = (value: string | null | undefined) => label(ENDINGS, value?.toUpperCase());
export const frequencyLabel = (value: string | null | undefined) => label(FREQUENCIES, value?.toUpperCase());

/** How they keep in touch, as it follows "meet every week, …". */
const KEEPING_IN_TOUCH: Record<string, string> = {
  IN_PERSON: 'in person',
  PHONE: 'by phone call',
  TEXT: 'by text message',
  VIDEO: 'by video call',
  VOICE_NOTE: 'by voice note',
  EMAIL: 'by email',
  SOCIAL_MEDIA: 'on social media',
};

/** The agreed way of meeting in plain words: "Every two weeks, by phone call". */
export function meetingLabel(frequency: string, preferredChannel: string): string {
  const how = KEEPING_IN_TOUCH[preferredChannel.toUpperCase()] ?? `by ${channelLabel(preferredChannel.toUpperCase()).toLowerCase()}`;
  return `${frequencyLabel(frequency)}, ${how}`;
}

/** Pence as "£12.50". */
export function pounds(pence: number): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' }).format(pence / 100);
}

export const ROLE_NAMES: Record<string, string> = {
  COACH: 'Coach',
  INFLUENCER: 'System influencer',
  LEADER: 'Leadership',
  PARTNER: 'Partner service',
  COMMISSIONER: 'Commissioner',
  ADMIN: 'Administrator',
};

const ORGANISATION_KINDS: Record<string, string> = {
  COUNCIL: 'Council',
  DWP_JOBCENTRE: 'Jobcentre (DWP)',
  EDUCATION: 'Education',
  EMPLOYER_OR_AGENCY: 'Employer or agency',
  GP_PRACTICE: 'GP practice',
  HOUSING_PROVIDER: 'Housing provider',
  MENTAL_HEALTH: 'Mental health',
  NHS: 'NHS',
  OTHER: 'Other',
  POLICE_JUSTICE: 'Police or justice',
  VOLUNTARY_SECTOR: 'Voluntary sector',
};
export const organisationKindLabel = (kind: string) => ORGANISATION_KINDS[kind] ?? humanise(kind);
