import { Inject, Injectable } from '@nestjs/common';
import { calendarDate, NotFoundError, type PersonalDataVault, type Sealed } from '#libs/kernel';
import type { SqlDatabase } from '#libs/database';
import { READ_MODELS } from '#libs/projections';
import { budgetRequestsOf } from '../budgets/budget.queries.js';
import { growthOfPerson } from '../growth/growth.queries.js';
import { PERSONAL_DATA_VAULT } from '../shared/tokens.js';
import { wellbeingTrendOf } from '../wellbeing/wellbeing.queries.js';
import type { CaseloadEntryView, InteractionView, PersonPageView, TimelineEntryView } from './people.graphql.js';

interface DirectoryRow {
  person_id: string;
  display_name: Sealed;
  phone: Sealed | null;
  email: Sealed | null;
  referral_source: string;
  area_id: string;
  team_id: string;
  coach_id: string;
  joined_on: string;
  consent_hold: boolean;
  consent_share_words: boolean;
  relationship_status: string;
  relationship_since: string | null;
  last_contact_on: string | null;
  interactions: number;
  meeting_frequency: string | null;
  meeting_channel: string | null;
  meeting_agreed_on: string | null;
}

interface TimelineRow {
  occurred_on: string;
  kind: string;
  details: Record<string, unknown>;
  actor: string;
}

interface InteractionRow {
  interaction_id: string;
  occurred_on: string;
  channel: string;
  initiated_by: string;
  place: string | null;
  minutes: number;
  what_mattered: Sealed;
  strengths: Sealed[];
  aspirations: Sealed[];
  connections: Sealed[];
  organisations: string[];
}

const DATE = (column: string) => `to_char(${column}, 'YYYY-MM-DD') AS ${column}`;

/**
 * Reads the people and coaching read models for coaches. Personal data is opened here, on the
 * way out, and comes back null for a person who has been forgotten. Which roles may call this
 * is decided by the access rules in front of it.
 */
@Injectable()
export class PeopleQueries {
  constructor(
    @Inject(READ_MODELS) private readonly db: SqlDatabase,
    @Inject(PERSONAL_DATA_VAULT) private readonly vault: PersonalDataVault,
  ) {}

  async personPage(personId: string): Promise<PersonPageView> {
    const { rows } = await this.db.query<DirectoryRow>(
      `SELECT person_id, display_name, phone, email, referral_source, area_id, team_id, coach_id, ${DATE('joined_on')},
              consent_hold, consent_share_words, relationship_status, ${DATE('relationship_since')}, ${DATE('last_contact_on')}, interactions,
              meeting_frequency, meeting_channel, ${DATE('meeting_agreed_on')}
         FROM people_directory WHERE person_id = $1`,
      [personId],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('No person with this id.');
    const [displayName, phone, email] = await this.vault.openMany([row.display_name, row.phone, row.email]);
    return {
      id: row.person_id,
      displayName,
      phone,
      email,
      referralSource: row.referral_source,
      areaId: row.area_id,
      teamId: row.team_id,
      coachId: row.coach_id,
      joinedOn: row.joined_on,
      consent: { toHoldInformation: row.consent_hold, toShareWordsAnonymised: row.consent_share_words },
      relationship: {
        status: row.relationship_status,
        since: row.relationship_since,
        meeting:
          row.meeting_frequency && row.meeting_channel && row.meeting_agreed_on
            ? { frequency: row.meeting_frequency, preferredChannel: row.meeting_channel, agreedOn: row.meeting_agreed_on }
            : null,
      },
      lastContactOn: row.last_contact_on,
      interactionCount: row.interactions,
      timeline: await this.timeline(personId),
      interactions: await this.interactions(personId),
      ...(await growthOfPerson(this.db, this.vault, personId)),
      budgets: await budgetRequestsOf(this.db, this.vault, personId),
      wellbeingTrend: await wellbeingTrendOf(this.db, personId),
    };
  }

  private async timeline(personId: string): Promise<TimelineEntryView[]> {
    const { rows } = await this.db.query<TimelineRow>(
      `SELECT ${DATE('occurred_on')}, kind, details, actor FROM coaching_timeline
        WHERE person_id = $1 ORDER BY occurred_on, recorded_at, revision`,
      [personId],
    );
    const notes = await this.vault.openMany(
      rows.map((r) => (r.details.whatMattered ?? r.details.inPersonsWords ?? r.details.reason ?? null) as Sealed | null),
    );
    return rows.map((r, i) => ({
      occurredOn: r.occurred_on,
      kind: r.kind,
      note: notes[i],
      detail: (r.details.requestedBy ?? r.details.ending ?? r.details.channel ?? r.details.frequency ?? null) as string | null,
      recordedBy: r.actor,
    }));
  }

  private async interactions(personId: string): Promise<InteractionView[]> {
    const { rows } = await this.db.query<InteractionRow>(
      `SELECT interaction_id, ${DATE('occurred_on')}, channel, initiated_by, place, minutes, what_mattered,
              strengths, aspirations, connections, organisations
         FROM coaching_interactions WHERE person_id = $1 ORDER BY occurred_on DESC, interaction_id`,
      [personId],
    );
    const out: InteractionView[] = [];
    for (const r of rows) {
      const openAll = async (values: Sealed[]) => (await this.vault.openMany(values)).filter((v): v is string => v !== null);
      out.push({
        id: r.interaction_id,
        occurredOn: r.occurred_on,
        channel: r.channel,
        initiatedBy: r.initiated_by,
        place: r.place,
        minutes: r.minutes,
        whatMattered: await this.vault.open(r.what_mattered),
        strengthsNoticed: await openAll(r.strengths),
        aspirationsMentioned: await openAll(r.aspirations),
        connectionsMade: await openAll(r.connections),
        organisationsIntroduced: r.organisations,
      });
    }
    return out;
  }

  /**
   * A coach's people, longest without contact first; with `includeEnded`, those whose coaching
   * has ended after them (most recent contact first), so that one can be re-opened.
   */
  async caseload(coachId: string, options: { includeEnded?: boolean; today?: Date } = {}): Promise<CaseloadEntryView[]> {
    const today = options.today ?? new Date();
    const { rows } = await this.db.query<DirectoryRow & { days: number | null }>(
      `SELECT person_id, display_name, relationship_status, ${DATE('last_contact_on')},
              ($2::date - coalesce(last_contact_on, joined_on)) AS days
         FROM people_directory WHERE coach_id = $1 AND ($3::boolean OR relationship_status <> 'ended')
        ORDER BY relationship_status = 'ended',
                 CASE WHEN relationship_status = 'ended' THEN -($2::date - coalesce(last_contact_on, joined_on)) ELSE ($2::date - coalesce(last_contact_on, joined_on)) END DESC NULLS LAST,
                 person_id`,
      [coachId, calendarDate(today), options.includeEnded ?? false],
    );
    const names = await this.vault.openMany(rows.map((r) => r.display_name));
    return rows.map((r, i) => ({
      personId: r.person_id,
      displayName: names[i],
      status: r.relationship_status,
      lastContactOn: r.last_contact_on,
      daysSinceContact: r.days === null ? null : Number(r.days),
    }));
  }
}
