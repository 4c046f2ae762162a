/**
 * Synthetic wording for demo data. Every name and sentence here is invented for the demo; the
 * situations echo the kinds of things coaches describe, not any real person.
 */
export const GIVEN_NAMES = [
  'Alex', 'Sam', 'Jo', 'Chris', 'Robin', 'Kit', 'Jamie', 'Morgan', 'Rowan', 'Ash', 'Bea', 'Cal', 'Dee', 'Eli', 'Fen',
  'Gus', 'Hal', 'Ivy', 'Jude', 'Kai', 'Lou', 'Max', 'Nell', 'Oz', 'Pip', 'Quin', 'Ray', 'Sol', 'Tam', 'Vi', 'Wren', 'Zed',
];

export const AREAS = [
  { key: 'northvale', name: 'Northvale (demo borough)' },
  { key: 'eastmere', name: 'Eastmere (demo borough)' },
  { key: 'southdown', name: 'Southdown (demo county)' },
];

/** Services in each area: a parent and the teams below it. Kinds follow the organisation kinds. */
export const SERVICES: ReadonlyArray<{ key: string; name: string; kind: string; children?: ReadonlyArray<{ key: string; name: string; kind: string }> }> = [
  {
    key: 'council',
    name: 'Council',
    kind: 'council',
    children: [
      { key: 'housing-options', name: 'Housing Options', kind: 'council' },
      { key: 'adult-social-care', name: 'Adult Social Care', kind: 'council' },
      { key: 'council-tax', name: 'Council Tax Support', kind: 'council' },
    ],
  },
  { key: 'gp', name: 'Riverside GP Practice', kind: 'gp_practice' },
  { key: 'mental-health', name: 'Community Mental Health Team', kind: 'mental_health' },
  { key: 'jobcentre', name: 'Jobcentre', kind: 'dwp_jobcentre' },
  { key: 'housing-association', name: 'Homes Together Housing Association', kind: 'housing_provider' },
  { key: 'foodbank', name: 'Community Food Hub', kind: 'voluntary_sector' },
  { key: 'agency', name: 'QuickStaff Recruitment', kind: 'employer_or_agency' },
];

export const WHAT_MATTERED = [
  'Talked about getting back into cooking and what a good week would look like.',
  'Wanted to plan how to ask the landlord about the damp in the bedroom.',
  'Spent the time walking by the river; talked about their dog and their sister.',
  'Felt anxious about the assessment letter; we read it together and wrote down questions.',
  'Shared how the new medication is going and wanting to sleep better.',
  'Excited about the volunteering taster day at the community garden.',
  'Worried about money this month; looked at what they want to ask the foodbank.',
  'Talked through the driving theory test and practised a few questions.',
  'Wanted company to go to the library and ask about the computer course.',
  'Reflected on how far they have come since we first met.',
  'Wanted to talk about reconnecting with an old friend from school.',
  'Planned what to say at the Jobcentre appointment next week.',
];

export const STRENGTHS = ['good with people', 'patient', 'great cook', 'knows the local area', 'fixes bikes', 'funny', 'organised', 'loyal friend', 'creative with drawing'];
export const ASPIRATIONS = ['learn to drive', 'find a flat near family', 'start volunteering', 'get back into work part time', 'sleep better', 'go to college', 'join a walking group'];
export const CONNECTIONS = ['community garden', 'walking group', 'library computer club', 'peer support café', 'football team', 'faith group', 'art class'];

/** Barrier wording by category: what happened, and its impact. */
export const BARRIERS: Record<string, { happened: string[]; impact: string[]; tags: string[] }> = {
  eligibility_criteria: {
    happened: ['Told they did not meet the threshold for support because they were "not in priority need".', 'Turned away because their score on the assessment was two points too low.'],
    impact: ['Went back to sofa surfing and stopped asking for help.', 'Felt dismissed and did not want to try another service.'],
    tags: ['lost_or_risked_housing', 'gave_up_on_the_service'],
  },
  support_withdrawn_on_moving_area: {
    happened: ['Support ended the week they moved to temporary accommodation in the next borough.', 'The new area said the old area should keep supporting; the old area closed the referral.'],
    impact: ['Left with no worker for two months while the areas argued.', 'Missed a housing bid because nobody was holding the case.'],
    tags: ['lost_or_risked_housing', 'missed_opportunity'],
  },
  closed_without_consent: {
    happened: ['Case closed as "needs met" without anyone speaking to the person.', 'Closed after two missed appointments the person had never been told about.'],
    impact: ['Found out by letter and felt abandoned.', 'Had to start the referral again from the beginning.'],
    tags: ['gave_up_on_the_service', 'mental_health_worse'],
  },
  hard_to_find_or_reach: {
    happened: ['The only way in was an online form that needed an email address and a phone with data.', 'Phone line open two hours a day and always engaged.'],
    impact: ['Gave up after trying for three days.', 'Missed the deadline for the application.'],
    tags: ['gave_up_on_the_service', 'missed_opportunity'],
  },
  retelling_story: {
    happened: ['Asked to repeat their whole history at a third assessment in a month.', 'New worker had not read the notes and asked the same questions again.'],
    impact: ['Came away shaking and did not sleep that night.', 'Said they would not go back to be asked again.'],
    tags: ['retraumatised', 'mental_health_worse'],
  },
  conditional_support: {
    happened: ['Told they would get a flat once they had "proved they were tenancy ready" on a course.', 'Support offered only if they first stopped drinking completely.'],
    impact: ['Stuck in hostel accommodation for longer.', 'Felt set up to fail.'],
    tags: ['lost_or_risked_housing', 'missed_opportunity'],
  },
  waiting_times: {
    happened: ['Waiting list for talking therapy is nine months.', 'Waited twelve weeks for a benefits decision with no interim payment.'],
    impact: ['Went into crisis while waiting.', 'Fell behind on rent.'],
    tags: ['crisis', 'financial_loss'],
  },
  letters_jargon_no_reply: {
    happened: ['Letter full of jargon gave five days to respond and no phone number.', 'Emails to the service went unanswered for a month.'],
    impact: ['Did not understand what was being asked and missed the date.', 'Felt invisible.'],
    tags: ['missed_opportunity', 'financial_loss'],
  },
  cliff_edge_ending: {
    happened: ['Support stopped at the end of the twelve-week programme with no handover.', 'Worker left and nobody told the person support was ending.'],
    impact: ['Lost the routine that was keeping things steady.', 'Things unravelled within a month.'],
    tags: ['crisis', 'mental_health_worse'],
  },
  labels_and_stigma: {
    happened: ['Described in the referral as "challenging" after one bad day.', 'Receptionist spoke about their diagnosis in the waiting room.'],
    impact: ['Felt judged before anyone met them.', 'Stopped going to appointments.'],
    tags: ['gave_up_on_the_service', 'retraumatised'],
  },
  disrespectful_treatment: {
    happened: ['Spoken over and not allowed to finish explaining.', 'Kept waiting for an hour and then told to come back tomorrow.'],
    impact: ['Left upset and angry.', 'Said it confirmed that services do not care.'],
    tags: ['gave_up_on_the_service', 'mental_health_worse'],
  },
  benefits_and_debt_processes: {
    happened: ['Payment stopped while a form was "being processed" for six weeks.', 'Deductions for an old debt left too little to live on.'],
    impact: ['Relied on the foodbank for a month.', 'Fell into rent arrears.'],
    tags: ['financial_loss', 'crisis'],
  },
  employment_practices: {
    happened: ['Let go the week before the thirteen-week mark with no reason given.', 'Shifts offered by text the night before, and dropped if not accepted within an hour.'],
    impact: ['Back to square one with the Jobcentre.', 'Could not plan childcare or budget.'],
    tags: ['financial_loss', 'missed_opportunity'],
  },
  other: {
    happened: ['Told to ring another department, which told them to ring back the first.'],
    impact: ['Lost a morning and gave up.'],
    tags: ['gave_up_on_the_service'],
  },
};

export const BRIGHT_SPOTS = {
  happened: [
    'The housing officer met the person at the café they chose and explained every step.',
    'GP receptionist booked a double appointment without being asked twice.',
    'Jobcentre work coach agreed to meet monthly by phone while the person settles in.',
    'Worker read the notes first so the person did not have to repeat anything.',
    'Service kept the support open after the move and handed over in person.',
  ],
  impact: ['Felt listened to and went back the next week.', 'Said it was the first time a service had treated them as a person.', 'Kept the tenancy going.'],
};

export const QUOTES = [
  'I felt like a number, not a person.',
  'Every time I tell it again it takes something out of me.',
  'Nobody told me it was ending. It just stopped.',
  'She actually listened. That never happens.',
  'I was doing everything they asked and they still closed it.',
  'I moved five miles and it was like I stopped existing.',
];

export const BUDGET_PURPOSES = ['Driving lessons', 'A second-hand bed and mattress', 'Bus pass for three months', 'Art materials for the class', 'Work boots for the new job', 'A phone so the Jobcentre can reach them'];
