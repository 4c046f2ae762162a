import { Inject, Injectable } from '@nestjs/common';
import type { SqlDatabase } from '#libs/database';
import { isUuid, ValidationError } from '#libs/kernel';
import { READ_MODELS } from '#libs/projections';

export interface AuditEntry {
  occurredAt: string;
  recordedAt: string;
  actor: string;
  eventType: string;
  stream: string;
  personId: string | null;
}

const PAGE_MAX = 500;

/** The audit log, newest first, filtered by user, person and time; pages by cursor. */
@Injectable()
export class AuditLogQueries {
  constructor(@Inject(READ_MODELS) private readonly db: SqlDatabase) {}

  async page(
    filter: { userId?: string | null; personId?: string | null; from?: string | null; to?: string | null },
    first = 100,
    after?: string | null,
  ): Promise<{ entries: AuditEntry[]; nextCursor: string | null }> {
    const problems: { field: string; message: string }[] = [];
    if (filter.userId && !isUuid(filter.userId)) problems.push({ field: 'filter.userId', message: 'must be an id (UUID)' });
    if (filter.personId && !isUuid(filter.personId)) problems.push({ field: 'filter.personId', message: 'must be an id (UUID)' });
    for (const key of ['from', 'to'] as const) {
      if (filter[key] && Number.isNaN(Date.parse(filter[key]!))) problems.push({ field: `filter.${key}`, message: 'must be a date or time (ISO 8601)' });
    }
    if (!Number.isInteger(first) || first < 1 || first > PAGE_MAX) problems.push({ field: 'first', message: `must be from 1 to ${PAGE_MAX}` });
    if (after && !/^\d+$/.test(after)) problems.push({ field: 'after', message: 'must be a cursor from an earlier page' });
    if (problems.length > 0) throw new ValidationError(problems);

    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.userId) add('actor = ?', `user:${filter.userId}`);
    if (filter.personId) add('person_id = ?', filter.personId);
    if (filter.from) add('occurred_at >= ?', new Date(filter.from).toISOString());
    if (filter.to) add('occurred_at < ?', new Date(filter.to).toISOString());
    if (after) add('seq < ?', after);
    params.push(first + 1);
    const { rows } = await this.db.query<{
      seq: string;
      occurred_at: Date | string;
      recorded_at: Date | string;
      actor: string;
      event_type: string;
      stream: string;
      person_id: string | null;
    }>(
      `SELECT seq, occurred_at, recorded_at, actor, event_type, stream, person_id FROM audit_log
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    const more = rows.length > first;
    const page = rows.slice(0, first);
    return {
      entries: page.map((r) => ({
        occurredAt: new Date(r.occurred_at).toISOString(),
        recordedAt: new Date(r.recorded_at).toISOString(),
        actor: r.actor,
        eventType: r.event_type,
        stream: r.stream,
        personId: r.person_id,
      })),
      nextCursor: more ? String(page[page.length - 1].seq) : null,
    };
  }
}
