/**
 * What the organisation itself learned: a reflection on a learning question, what happened, the
 * insight, and what was decided or will be tried next. Stream `reflection-<id>`.
 *
 * Reflections are organisational learning, written by leaders and system influencers about the
 * organisation and the services around it: they carry no person ids and are not sealed. They
 * may name the themes and feedback reports they draw on.
 */
export interface ReflectionRecorded {
  readonly reflectionId: string;
  readonly learningQuestion: string;
  readonly whatHappened: string;
  readonly insight: string;
  /** What the organisation decided, if anything. */
  readonly decision?: string;
  /** What it will try next: "we will try…". */
  readonly experiment?: string;
  readonly themeIds: readonly string[];
  readonly reportIds: readonly string[];
  /** When the learning happened (YYYY-MM-DD); it may be recorded later. */
  readonly occurredOn: string;
}

/** What a revision may correct. `decision: null` and `experiment: null` take them out. */
export interface ReflectionCorrections {
  readonly learningQuestion?: string;
  readonly whatHappened?: string;
  readonly insight?: string;
  readonly decision?: string | null;
  readonly experiment?: string | null;
  readonly themeIds?: readonly string[];
  readonly reportIds?: readonly string[];
  readonly occurredOn?: string;
}

export const REVISABLE_FIELDS = [
  'learningQuestion',
  'whatHappened',
  'insight',
  'decision',
  'experiment',
  'themeIds',
  'reportIds',
  'occurredOn',
] as const satisfies readonly (keyof ReflectionCorrections)[];

export type ReflectionEvent =
  | { type: 'reflection.recorded'; data: ReflectionRecorded }
  | { type: 'reflection.revised'; data: { reflectionId: string; corrections: ReflectionCorrections; reason?: string } }
  | { type: 'reflection.withdrawn'; data: { reflectionId: string; reason: string } };

export const REFLECTION_EVENT_TYPES = ['reflection.recorded', 'reflection.revised', 'reflection.withdrawn'] as const;

export function reflectionStream(reflectionId: string): string {
  return `reflection-${reflectionId}`;
}
