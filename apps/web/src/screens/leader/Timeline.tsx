import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from 'urql';
import { failureOf } from '../../api/errors.js';
import { useUser } from '../../api/session.js';
import { graphql } from '../../gql/index.js';
import type { LeaderTimelineQuery } from '../../gql/graphql.js';
import { Button, ErrorAlert, Loading } from '../../components/Feedback.js';
import { Checkbox } from '../../components/Field.js';
import { formatDay } from '../../lib/dates.js';
import { humanise } from '../../lib/words.js';
import { outcomeMeaning, outcomeWords, pText } from '../partner/report-words.js';
import { ReflectionDetails, ReflectionReasons } from './ReflectionFields.js';

const LeaderTimelineDocument = graphql(`
  query LeaderTimeline($asOf: DateTime, $first: Int, $after: String, $includeWithdrawn: Boolean) {
    learningTimeline(asOf: $asOf, first: $first, after: $after, includeWithdrawn: $includeWithdrawn) {
      totalCount
      pageInfo {
        endCursor
        hasNextPage
      }
      edges {
        node {
          id
          kind
          on
          recordedAt
          reflection {
            id
            ...LeaderReflectionFields
          }
          theme {
            id
            name
          }
          themeStatusChange {
            from
            to
            note
          }
          report {
            id
            title
          }
          action {
            id
            what
            owner
            dueOn
          }
          changeCheck {
            outcome
            pValue
          }
        }
      }
    }
  }
`);

type Entry = LeaderTimelineQuery['learningTimeline']['edges'][number]['node'];

const PAGE = 20;

/**
 * The learning timeline, newest first, as it stood at `asOf`: the organisation's reflections
 * among the loop's key events, and, when asked for, the reflections withdrawn by then with why.
 * Older entries load a page at a time, added below.
 */
export function Timeline({ asOf }: { readonly asOf: string | undefined }) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [includeWithdrawn, setIncludeWithdrawn] = useState(false);
  return (
    <section className="section" aria-labelledby="timeline">
      <h2 id="timeline">Learning timeline</h2>
      <p>What the organisation reflected on and decided, among the themes confirmed, reports shared, changes agreed and changes checked.</p>
      <p>
        <Link className="button button--secondary" to="/learning/reflections/new">
          Add a reflection
        </Link>
      </p>
      <Checkbox
        id="include-withdrawn"
        label="Show withdrawn reflections"
        hint="With why each was withdrawn."
        checked={includeWithdrawn}
        onChange={(checked) => {
          setIncludeWithdrawn(checked);
          setCursors([null]);
        }}
      />
      <ol className="timeline learning-timeline">
        {cursors.map((after, index) => (
          <TimelinePage
            key={`${includeWithdrawn}/${after ?? 'first'}`}
            asOf={asOf}
            after={after}
            includeWithdrawn={includeWithdrawn}
            last={index === cursors.length - 1}
            onMore={(cursor) => setCursors((old) => [...old, cursor])}
          />
        ))}
      </ol>
    </section>
  );
}

function TimelinePage({
  asOf,
  after,
  includeWithdrawn,
  last,
  onMore,
}: {
  readonly asOf: string | undefined;
  readonly after: string | null;
  readonly includeWithdrawn: boolean;
  readonly last: boolean;
  readonly onMore: (cursor: string) => void;
}) {
  const [{ data, error }, refetch] = useQuery({
    query: LeaderTimelineDocument,
    variables: { asOf: asOf ?? null, first: PAGE, after, includeWithdrawn },
    requestPolicy: 'cache-and-network',
  });
  const timeline = data?.learningTimeline;
  if (error && !timeline) {
    return (
      <li className="timeline__step timeline__step--plain">
        <ErrorAlert>{failureOf(error).message}</ErrorAlert>
        <Button type="button" variant="secondary" onClick={() => refetch({ requestPolicy: 'network-only' })}>
          Try again
        </Button>
      </li>
    );
  }
  if (!timeline) {
    return (
      <li className="timeline__step timeline__step--plain">
        <Loading what="the timeline" />
      </li>
    );
  }
  if (after === null && timeline.edges.length === 0) {
    return (
      <li className="timeline__step timeline__step--plain">
        <div className="empty">
          <p>Nothing on the timeline yet. Add a reflection on what the organisation learned, or confirm a theme and share a report to start the loop.</p>
        </div>
      </li>
    );
  }
  return (
    <>
      {timeline.edges.map(({ node }) => (
        <TimelineEntry key={node.id} entry={node} current={asOf === undefined} />
      ))}
      {last && timeline.pageInfo.hasNextPage && timeline.pageInfo.endCursor ? (
        <li className="timeline__step timeline__step--plain">
          <Button type="button" variant="secondary" onClick={() => onMore(timeline.pageInfo.endCursor!)}>
            Show older entries<span className="visually-hidden"> on the timeline</span>
          </Button>
          <p className="aside">
            {timeline.totalCount} {timeline.totalCount === 1 ? 'entry' : 'entries'} in all.
          </p>
        </li>
      ) : null}
    </>
  );
}

const KINDS: Record<string, string> = {
  REFLECTION: 'Reflection',
  THEME_CONFIRMED: 'Theme confirmed',
  THEME_STATUS_CHANGED: 'Theme moved on',
  REPORT_SHARED: 'Report shared',
  ACTION_AGREED: 'Change agreed',
  CHANGE_CHECKED: 'Change checked',
};

const status = (value: string) => humanise(value).toLowerCase();

/** `current`: the timeline as it is now (not as of an earlier day), where a reflection can be revised or withdrawn. */
function TimelineEntry({ entry, current }: { readonly entry: Entry; readonly current: boolean }) {
  const user = useUser();
  const kind = KINDS[entry.kind] ?? humanise(entry.kind);
  const withdrawn = !!entry.reflection?.withdrawal;
  return (
    <li className={`timeline__step timeline__step--${entry.kind.toLowerCase()}${withdrawn ? ' timeline__step--withdrawn' : ''}`}>
      <p className="timeline__when">
        <span className={`badge badge--timeline-${entry.kind.toLowerCase()}`}>{kind}</span>
        {withdrawn ? <span className="badge badge--withdrawn">Withdrawn</span> : null} {formatDay(entry.on)}
      </p>
      {entry.kind === 'REFLECTION' && entry.reflection ? (
        <>
          <p className="timeline__what">{entry.reflection.learningQuestion}</p>
          <ReflectionDetails reflection={entry.reflection} />
          <p className="entry__meta">
            {entry.reflection.recordedBy === `user:${user.userId}` ? 'Recorded by you' : 'Recorded'} on {formatDay(entry.recordedAt)}
            {entry.reflection.revisedAt ? `, revised on ${formatDay(entry.reflection.revisedAt)}` : ''}.
          </p>
          <ReflectionReasons reflection={entry.reflection} userId={user.userId} />
          {current && !withdrawn ? (
            <p>
              {/* Named in full by aria-label (not hidden text), so the question is not read twice as the page's text. */}
              <Link
                to={`/learning/reflections/${encodeURIComponent(entry.reflection.id)}?on=${entry.reflection.occurredOn}`}
                aria-label={`Revise or withdraw the reflection “${entry.reflection.learningQuestion}”`}
              >
                Revise or withdraw
              </Link>
            </p>
          ) : null}
        </>
      ) : null}
      {entry.kind === 'THEME_CONFIRMED' ? <p className="timeline__what">{entry.theme?.name ?? 'A theme'}</p> : null}
      {entry.kind === 'THEME_STATUS_CHANGED' ? (
        <>
          <p className="timeline__what">
            {entry.theme?.name ?? 'A theme'}
            {entry.themeStatusChange ? `: from ${status(entry.themeStatusChange.from)} to ${status(entry.themeStatusChange.to)}` : ''}
          </p>
          {entry.themeStatusChange?.note ? <p>{entry.themeStatusChange.note}</p> : null}
        </>
      ) : null}
      {entry.kind === 'REPORT_SHARED' ? <p className="timeline__what">{entry.report?.title ?? 'A feedback report'}</p> : null}
      {entry.kind === 'ACTION_AGREED' ? (
        <>
          <p className="timeline__what">{entry.action?.what ?? 'A change (not known as of this day)'}</p>
          <p className="entry__meta">
            {entry.action?.owner ? `${entry.action.owner}` : ''}
            {entry.action?.dueOn ? `, due ${formatDay(entry.action.dueOn)}` : ''}
            {entry.report?.title ? ` · in answer to “${entry.report.title}”` : ''}
          </p>
        </>
      ) : null}
      {entry.kind === 'CHANGE_CHECKED' && entry.changeCheck ? (
        <>
          <p className="timeline__what">
            {outcomeWords(entry.changeCheck.outcome)}
            {entry.theme?.name ? `: ${entry.theme.name}` : ''}
          </p>
          <p>
            {outcomeMeaning(entry.changeCheck.outcome)}
            {entry.changeCheck.pValue !== null && entry.changeCheck.pValue !== undefined ? ` (${pText(entry.changeCheck.pValue)})` : ''}
          </p>
          {entry.action?.what ? <p className="entry__meta">After “{entry.action.what}”.</p> : null}
        </>
      ) : null}
    </li>
  );
}
