import { addDays, daysBetween, Random } from './random.js';
import { AREAS, ASPIRATIONS, BARRIERS, BRIGHT_SPOTS, CONNECTIONS, GIVEN_NAMES, QUOTES, SERVICES, STRENGTHS, WHAT_MATTERED } from './words.js';

/** One command of the demo, in the order it is sent. `on` is the day it happened. */
export type DemoStep =
  | { kind: 'area'; on: string; input: { areaId: string; name: string } }
  | { kind: 'team'; on: string; input: { teamId: string; areaId: string; name: string } }
  | { kind: 'coach'; on: string; input: { coachId: string; teamId: string; displayName: string; joinedOn: string } }
  | { kind: 'organisation'; on: string; input: { organisationId: string; name: string; kind: string; areaId: string; parentId: string | null } }
  | { kind: 'join'; on: string; input: Record<string, unknown> & { personId: string } }
  | { kind: 'coaching'; on: string; change: Record<string, unknown> & { kind: string; personId: string } }
  | { kind: 'interaction'; on: string; input: Record<string, unknown> & { personId: string; interactionId: string } }
  | { kind: 'observation'; on: string; input: Record<string, unknown> & { observationId: string } }
  | { kind: 'theme'; on: string; input: { themeId: string; name: string; description: string; categoryIds: string[]; keyTerms: string[]; observationIds: string[] } }
  | { kind: 'theme_link'; on: string; input: { themeId: string; observationIds: string[] } }
  | { kind: 'theme_confirm'; on: string; input: { themeId: string } };

export interface DemoPlan {
  readonly steps: DemoStep[];
  /** The two patterns the demo is built to show, for people trying the theme tools. */
  readonly patterns: { rising: string; falling: string };
  /** Where the rising pattern is: its area and the service it is about (the demo partner's and commissioner's scope). */
  readonly spotlight: { areaId: string; organisationId: string };
}

export interface PlanOptions {
  readonly seed: number;
  readonly scale: number;
  /** The last day of the demo; everything happens in the two years before it. */
  readonly until: string;
}

/**
 * The demo world: 3 areas, ~30 organisations in hierarchies, 25 coaches, 600 people over two
 * years with ~30k interactions, ~4k observations (at scale 1). Two patterns are planted: one
 * barrier rises sharply for one service in one area in the last quarter; another falls for a
 * second service after a point in time. Barriers are grouped into one confirmed theme per
 * category at the end, so the theme tools have something to show.
 */
export function planDemo(options: PlanOptions): DemoPlan {
  const rnd = new Random(options.seed);
  const start = addDays(options.until, -730);
  const steps: DemoStep[] = [];
  const scaled = (n: number, atLeast = 1) => Math.max(atLeast, Math.round(n * options.scale));

  const areas = AREAS.map((a) => ({ ...a, id: rnd.id(`area:${a.key}`), teams: [] as Array<{ id: string; coaches: string[] }>, orgs: new Map<string, string>() }));
  for (const area of areas) steps.push({ kind: 'area', on: start, input: { areaId: area.id, name: area.name } });
  let coachNo = 0;
  for (const area of areas) {
    for (let t = 1; t <= 2; t++) {
      const team = { id: rnd.id(`team:${area.key}:${t}`), coaches: [] as string[] };
      area.teams.push(team);
      steps.push({ kind: 'team', on: start, input: { teamId: team.id, areaId: area.id, name: `${area.name.split(' ')[0]} coaching team ${t}` } });
    }
  }
  for (let c = 0; c < 25; c++) {
    const area = areas[c % areas.length];
    const team = area.teams[Math.floor(c / areas.length) % area.teams.length];
    const coachId = rnd.id(`coach:${c}`);
    team.coaches.push(coachId);
    coachNo++;
    steps.push({ kind: 'coach', on: start, input: { coachId, teamId: team.id, displayName: `Demo Coach ${coachNo}`, joinedOn: start } });
  }
  for (const area of areas) {
    for (const service of SERVICES) {
      const id = rnd.id(`org:${area.key}:${service.key}`);
      area.orgs.set(service.key, id);
      const place = area.name.split(' ')[0];
      steps.push({ kind: 'organisation', on: start, input: { organisationId: id, name: `${place} ${service.name}`, kind: service.kind, areaId: area.id, parentId: null } });
      for (const child of service.children ?? []) {
        const childId = rnd.id(`org:${area.key}:${child.key}`);
        area.orgs.set(child.key, childId);
        steps.push({ kind: 'organisation', on: start, input: { organisationId: childId, name: `${place} ${child.name}`, kind: child.kind, areaId: area.id, parentId: id } });
      }
    }
  }

  // People, their coaching and their conversations.
  const people: Array<{ id: string; areaIndex: number; joinedOn: string; endsOn: string; sharesWords: boolean; interactions: Array<{ id: string; on: string }> }> = [];
  for (let p = 0; p < scaled(600); p++) {
    const areaIndex = rnd.int(0, areas.length - 1);
    const area = areas[areaIndex];
    const team = rnd.pick(area.teams);
    const coachId = rnd.pick(team.coaches);
    const personId = rnd.id(`person:${p}`);
    const joinedOn = addDays(start, rnd.int(0, 700));
    const sharesWords = rnd.chance(0.5);
    steps.push({
      kind: 'join',
      on: joinedOn,
      input: {
        personId,
        displayName: `${rnd.pick(GIVEN_NAMES)} ${String.fromCharCode(65 + rnd.int(0, 25))}.`,
        referralSource: rnd.weighted([['gp', 4], ['social_prescriber', 3], ['other_service', 2], ['self', 1], ['word_of_mouth', 1]] as const),
        areaId: area.id,
        teamId: team.id,
        coachId,
        joinedOn,
        consentToHoldInformation: true,
        consentToShareWordsAnonymised: sharesWords,
      },
    });
    steps.push({ kind: 'coaching', on: joinedOn, change: { kind: 'start', personId, coachId, startedOn: joinedOn } });
    const span = daysBetween(joinedOn, options.until);
    const ends = rnd.chance(0.35) && span > 120;
    const endsOn = ends ? addDays(joinedOn, rnd.int(90, span - 1)) : options.until;
    const person = { id: personId, areaIndex, joinedOn, endsOn, sharesWords, interactions: [] as Array<{ id: string; on: string }> };
    people.push(person);
    // About one conversation a week while coaching lasts (~50 each on average, ~30k in all at scale 1).
    let day = addDays(joinedOn, rnd.int(1, 6));
    let paused = false;
    while (day < endsOn) {
      if (!paused && rnd.chance(0.01)) {
        paused = true;
        steps.push({ kind: 'coaching', on: day, change: { kind: 'pause', personId, requestedBy: rnd.pick(['person', 'coach']), pausedOn: day } });
        day = addDays(day, rnd.int(14, 45));
        if (day >= endsOn) break;
        steps.push({ kind: 'coaching', on: day, change: { kind: 'resume', personId, resumedOn: day } });
        paused = false;
      }
      const interactionId = rnd.id(`interaction:${p}:${day}`);
      const channel = rnd.weighted([['in_person', 5], ['phone', 3], ['text', 2], ['video', 1], ['voice_note', 1]] as const);
      steps.push({
        kind: 'interaction',
        on: day,
        input: {
          personId,
          interactionId,
          occurredOn: day,
          channel,
          initiatedBy: rnd.chance(0.55) ? 'person' : 'coach',
          place: channel === 'in_person' ? rnd.pick(['cafe', 'library', 'home', 'outdoors', 'community_space', 'service_premises']) : null,
          minutes: rnd.int(10, 90),
          whatMattered: rnd.pick(WHAT_MATTERED),
          strengthsNoticed: rnd.some(STRENGTHS, 1),
          aspirationsMentioned: rnd.some(ASPIRATIONS, 1),
          connectionsMade: rnd.some(CONNECTIONS, 1),
          organisationsIntroduced: rnd.chance(0.1) ? [rnd.pick([...area.orgs.values()])] : [],
        },
      });
      person.interactions.push({ id: interactionId, on: day });
      day = addDays(day, rnd.int(4, 8));
    }
    if (ends) {
      steps.push({
        kind: 'coaching',
        on: endsOn,
        change: {
          kind: 'end',
          personId,
          ending: rnd.weighted([['planned_with_person', 6], ['moved_on', 2], ['person_chose_to_end', 1], ['lost_contact', 1]] as const),
          endedOn: endsOn,
          endingConversationHeld: rnd.chance(0.7),
        },
      });
    }
  }

  // Observations: a steady background, plus the two planted patterns.
  const rising = { area: 0, service: 'housing-options', category: 'support_withdrawn_on_moving_area' };
  const falling = { area: 1, service: 'jobcentre', category: 'benefits_and_debt_processes', changedOn: addDays(options.until, -300) };
  const lastQuarter = addDays(options.until, -91);
  const barrierCategories = Object.keys(BARRIERS);
  let o = 0;
  const observe = (areaIndex: number, service: string, category: string, on: string, barrier: boolean) => {
    const area = areas[areaIndex];
    const candidates = people.filter((p) => p.areaIndex === areaIndex && p.joinedOn <= on && p.endsOn >= on);
    const person = candidates.length > 0 && rnd.chance(0.6) ? rnd.pick(candidates) : undefined;
    const interaction = person?.interactions.filter((i) => i.on <= on).pop();
    const words = barrier ? BARRIERS[category] : undefined;
    steps.push({
      kind: 'observation',
      on,
      input: {
        observationId: rnd.id(`observation:${o++}`),
        kind: barrier ? 'barrier' : 'bright_spot',
        organisationId: area.orgs.get(service)!,
        areaId: area.id,
        categoryId: category,
        whatHappened: rnd.pick(words?.happened ?? BRIGHT_SPOTS.happened),
        impact: rnd.pick(words?.impact ?? BRIGHT_SPOTS.impact),
        impactTags: words ? rnd.some(words.tags, 2) : [],
        quote: person?.sharesWords && rnd.chance(0.3) ? rnd.pick(QUOTES) : null,
        severity: barrier ? rnd.int(2, 5) : 1,
        occurredOn: on,
        personId: person?.id ?? null,
        interactionId: person && interaction ? interaction.id : null,
      },
    });
  };
  const serviceKeys = [...areas[0].orgs.keys()];
  for (let i = 0; i < scaled(3700); i++) {
    const barrier = rnd.chance(0.85);
    let category = barrier ? rnd.pick(barrierCategories) : 'good_practice';
    const areaIndex = rnd.int(0, areas.length - 1);
    const service = rnd.pick(serviceKeys);
    // Keep the planted patterns clean: their cells get only what is planted below.
    if (barrier && ((areaIndex === rising.area && service === rising.service && category === rising.category) || (areaIndex === falling.area && service === falling.service && category === falling.category))) {
      category = 'waiting_times';
    }
    observe(areaIndex, service, category, addDays(start, rnd.int(0, 729)), barrier);
  }
  // The planted patterns keep a minimum size, so that they show even in a small demo.
  // Rising: a handful a quarter for two years, then a sharp rise in the last quarter.
  for (let i = 0; i < scaled(24, 3); i++) observe(rising.area, rising.service, rising.category, addDays(start, rnd.int(0, 638)), true);
  for (let i = 0; i < scaled(60, 10); i++) observe(rising.area, rising.service, rising.category, addDays(lastQuarter, rnd.int(0, 90)), true);
  // Falling: frequent until the service changed its process, rare after.
  const beforeDays = daysBetween(start, falling.changedOn);
  for (let i = 0; i < scaled(150, 12); i++) observe(falling.area, falling.service, falling.category, addDays(start, rnd.int(0, beforeDays - 1)), true);
  for (let i = 0; i < scaled(12, 2); i++) observe(falling.area, falling.service, falling.category, addDays(falling.changedOn, rnd.int(0, 299)), true);

  // Themes: an influencer has grouped the barriers by category and confirmed each one, on the last day.
  const byCategory = new Map<string, string[]>();
  for (const step of steps) {
    if (step.kind !== 'observation' || step.input.kind !== 'barrier') continue;
    const category = String(step.input.categoryId);
    byCategory.set(category, [...(byCategory.get(category) ?? []), step.input.observationId]);
  }
  const BATCH = 500;
  for (const [category, observationIds] of [...byCategory].sort(([a], [b]) => a.localeCompare(b))) {
    const themeId = rnd.id(`theme:${category}`);
    const name = category.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
    steps.push({
      kind: 'theme',
      on: options.until,
      input: { themeId, name, description: `Demo theme: barriers recorded as "${name.toLowerCase()}".`, categoryIds: [category], keyTerms: [], observationIds: observationIds.slice(0, BATCH) },
    });
    for (let i = BATCH; i < observationIds.length; i += BATCH) {
      steps.push({ kind: 'theme_link', on: options.until, input: { themeId, observationIds: observationIds.slice(i, i + BATCH) } });
    }
    steps.push({ kind: 'theme_confirm', on: options.until, input: { themeId } });
  }

  return {
    steps,
    patterns: {
      rising: `${rising.category} at ${AREAS[rising.area].name} ${rising.service}, sharply up since ${lastQuarter}`,
      falling: `${falling.category} at ${AREAS[falling.area].name} ${falling.service}, down after ${falling.changedOn}`,
    },
    spotlight: { areaId: areas[rising.area].id, organisationId: areas[rising.area].orgs.get(rising.service)! },
  };
}
