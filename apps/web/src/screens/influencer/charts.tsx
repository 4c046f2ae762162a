import { Bar, BarChart, CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { periodLabel } from './words.js';

interface Point {
  readonly period: string;
  readonly count: number;
}

/**
 * A theme's monthly counts as a small line, with the same numbers in words for screen readers
 * (the drawing itself is hidden from them).
 */
export function Sparkline({ points, label }: { readonly points: readonly Point[]; readonly label: string }) {
  const total = points.reduce((sum, p) => sum + p.count, 0);
  const words = points.map((p) => `${periodLabel(p.period, 'MONTH')}: ${p.count}`).join(', ');
  return (
    <div className="sparkline">
      <div className="sparkline__drawing" aria-hidden="true">
        <LineChart accessibilityLayer={false} width={132} height={36} data={points as Point[]} margin={{ top: 4, right: 4, bottom: 4, left: 4 }}>
          <YAxis hide domain={[0, 'dataMax']} />
          <Line type="monotone" dataKey="count" stroke="#1d4f4a" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </div>
      <span className="visually-hidden">
        {label}: {total} in the last {points.length} months. {words}.
      </span>
    </div>
  );
}

/**
 * Counts by week or month as bars, with a table of the same numbers beneath (in a disclosure),
 * so the figures can be read without the drawing.
 */
export function TrendChart({ points, period, caption }: { readonly points: readonly Point[]; readonly period: 'WEEK' | 'MONTH'; readonly caption: string }) {
  const data = points.map((p) => ({ ...p, label: periodLabel(p.period, period, true) }));
  const total = points.reduce((sum, p) => sum + p.count, 0);
  const peak = points.reduce<Point | undefined>((best, p) => (!best || p.count > best.count ? p : best), undefined);
  return (
    <figure className="trend-chart">
      <figcaption className="trend-chart__caption">
        {caption}: {total} in all
        {peak && peak.count > 0 ? `, most in ${period === 'WEEK' ? 'the ' : ''}${periodLabel(peak.period, period)} (${peak.count})` : ''}.
      </figcaption>
      <div className="trend-chart__drawing" aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#d5d9dd" />
            <XAxis dataKey="label" tick={{ fill: '#4a5562', fontSize: 12 }} interval="preserveStartEnd" minTickGap={12} />
            <YAxis allowDecimals={false} width={32} tick={{ fill: '#4a5562', fontSize: 12 }} />
            <Tooltip cursor={{ fill: 'rgba(29, 79, 74, 0.08)' }} />
            <Bar dataKey="count" name="Observations" fill="#1d4f4a" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <details className="numbers">
        <summary>Show the numbers</summary>
        <div className="table-scroll" role="region" aria-label={`${caption}, by ${period === 'WEEK' ? 'week' : 'month'}`} tabIndex={0}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{period === 'WEEK' ? 'Week beginning' : 'Month'}</th>
                <th scope="col">Observations</th>
              </tr>
            </thead>
            <tbody>
              {points.map((p) => (
                <tr key={p.period}>
                  <td>{periodLabel(p.period, period)}</td>
                  <td>{p.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
