import type { SqlExecutor } from '#libs/database';
import type { WellbeingChangeView, WellbeingCheckInView, WellbeingTrendView } from './wellbeing.graphql.js';
import { WELLBEING_SCALES } from './wellbeing.scales.js';

interface CheckInRow {
  check_in_id: string;
  checked_in_on: string;
  scale: string;
  raw_score: number;
  score: string | number;
}

/** A person's check-ins, oldest first (same day: in the order recorded), and for each scale their first against their latest. */
export async function wellbeingTrendOf(db: SqlExecutor, personId: string): Promise<WellbeingTrendView> {
  const { rows } = await db.query<CheckInRow>(
    `SELECT check_in_id, to_char(checked_in_on, 'YYYY-MM-DD') AS checked_in_on, scale, raw_score, score
       FROM wellbeing_checkins WHERE person_id = $1 ORDER BY checked_in_on, revision`,
    [personId],
  );
  const checkIns: WellbeingCheckInView[] = rows.map((r) => ({
    id: r.check_in_id,
    checkedInOn: r.checked_in_on,
    scale: r.scale,
    rawScore: Number(r.raw_score),
    score: Number(r.score),
  }));
  const changes: WellbeingChangeView[] = [];
  for (const scale of WELLBEING_SCALES) {
    const on = checkIns.filter((c) => c.scale === scale);
    if (on.length === 0) continue;
    const first = on[0];
    const latest = on[on.length - 1];
    changes.push({ scale, checkIns: on.length, first, latest, change: Math.round((latest.score - first.score) * 100) / 100 });
  }
  return { checkIns, changes };
}
