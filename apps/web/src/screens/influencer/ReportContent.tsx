import '../../api/report-content.js';
import type { ReportContentFieldsFragment } from '../../gql/graphql.js';
import { formatDay } from '../../lib/dates.js';
import { reportTrendLabel } from './words.js';


type Content = ReportContentFieldsFragment;
interface Count {
  readonly value?: number | null;
  readonly suppressed: boolean;
}

/** A count as shared: the number, or "fewer than K" where it is hidden so nobody can be recognised. */
function Shown({ count, threshold }: { readonly count: Count; readonly threshold: number }) {
  if (count.suppressed) return <span className="suppressed">fewer than {threshold}</span>;
  return <>{count.value ?? 0}</>;
}

/**
 * A report's content as the service (or commissioner) sees it: small numbers hidden, quotes as
 * approved, and what might help. For a draft, it is the preview of what would be shared now.
 */
export function ReportContent({ content, headingLevel = 2 }: { readonly content: Content; readonly headingLevel?: 2 | 3 }) {
  const Heading = `h${headingLevel}` as const;
  const k = content.threshold;
  const shownImpacts = content.impacts.filter((i) => i.count.suppressed || (i.count.value ?? 0) > 0);
  const shownBright = content.brightSpots.filter((b) => b.count.suppressed || (b.count.value ?? 0) > 0);
  return (
    <div className="report-content">
      <p className="aside">
        Observations from {formatDay(content.from)} to {formatDay(content.to)}, compared with the period before ({formatDay(content.previousFrom)} to{' '}
        {formatDay(content.previousTo)}). Counts from 1 to {k - 1} show as “fewer than {k}”, so that nobody can be recognised.
      </p>
      <Heading>Themes</Heading>
      {content.themes.length === 0 ? (
        <p>No theme has evidence here in this period.</p>
      ) : (
        <div className="table-scroll" role="region" aria-label="Themes in this report" tabIndex={0}>
          <table className="table table--numbers">
            <thead>
              <tr>
                <th scope="col">Theme</th>
                <th scope="col">This period</th>
                <th scope="col">Period before</th>
                <th scope="col">Direction</th>
              </tr>
            </thead>
            <tbody>
              {content.themes.map((theme) => (
                <tr key={theme.themeId}>
                  <th scope="row">{theme.name}</th>
                  <td>
                    <Shown count={theme.count} threshold={k} />
                  </td>
                  <td>
                    <Shown count={theme.previousCount} threshold={k} />
                  </td>
                  <td>{reportTrendLabel(theme.trend)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Heading>What the barriers led to</Heading>
      {shownImpacts.length === 0 ? (
        <p>None recorded in this period.</p>
      ) : (
        <ul className="counts">
          {shownImpacts.map((impact) => (
            <li key={impact.key}>
              {impact.label}: <Shown count={impact.count} threshold={k} />
            </li>
          ))}
        </ul>
      )}
      <Heading>What worked</Heading>
      <p>
        Bright spots in all: <Shown count={content.brightSpotsTotal} threshold={k} />.
      </p>
      {shownBright.length > 0 ? (
        <ul className="counts">
          {shownBright.map((b) => (
            <li key={b.key}>
              {b.label}: <Shown count={b.count} threshold={k} />
            </li>
          ))}
        </ul>
      ) : null}
      <Heading>In people’s own words</Heading>
      {content.quotes.length === 0 ? (
        <p>No quotes {content.frozen ? 'were' : 'are'} chosen.</p>
      ) : (
        <ul className="report-quotes">
          {content.quotes.map((quote, i) => (
            <li key={quote.observationId ?? i}>
              {quote.removed ? <p className="aside">Removed at the person’s request.</p> : <blockquote className="quote">{quote.text}</blockquote>}
            </li>
          ))}
        </ul>
      )}
      <Heading>What might help</Heading>
      {content.whatMightHelp.trim() ? (
        content.whatMightHelp
          .split(/\n{2,}/)
          .map((paragraph, i) => (
            <p className="prose" key={i}>
              {paragraph}
            </p>
          ))
      ) : (
        <p className="aside">Not written yet.</p>
      )}
    </div>
  );
}
