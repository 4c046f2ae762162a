import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ErrorBar, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/**
 * Charts for the learning page. Each is a picture of figures the page also gives in words and in
 * a table: the drawing itself is hidden from assistive technology (and takes no focus), and the
 * figure's caption and text summary say what it shows.
 */
export function Chart({ id, title, summary, children }: { readonly id: string; readonly title: string; readonly summary: ReactNode; readonly children: ReactNode }) {
  return (
    <figure className="chart" aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="chart__caption">
        {title}
      </figcaption>
      <div className="chart__plot" aria-hidden="true">
        {children}
      </div>
      <div className="chart__summary">{summary}</div>
    </figure>
  );
}

const COLOURS = ['#1d4f4a', '#0b5a8a', '#7a4d00', '#5b3a86'];
const AXIS = { fontSize: 13, fill: '#4a5562' };

export interface Series {
  readonly key: string;
  readonly name: string;
}

/** Counts per month or quarter, side by side: one bar per series (up to four). */
export function BarsChart({ rows, series }: { readonly rows: readonly ({ readonly label: string } & Record<string, number | string>)[]; readonly series: readonly Series[] }) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={[...rows]} margin={{ top: 8, right: 8, bottom: 8, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#d5d9dd" vertical={false} />
        <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" />
        <YAxis allowDecimals={false} tick={AXIS} />
        <Tooltip />
        <Legend wrapperStyle={{ fontSize: 14 }} itemSorter={null} />
        {series.map((s, index) => (
          <Bar key={s.key} dataKey={s.key} name={s.name} fill={COLOURS[index % COLOURS.length]} isAnimationActive={false} />
        ))}
      </BarChart>
    </ResponsiveContainer>
  );
}

export interface WellbeingRow {
  readonly label: string;
  /** Mean change, or null for a period with nobody to count. */
  readonly mean: number | null;
  /** Below and above the mean, to the ends of the 95% interval. */
  readonly interval: [number, number] | null;
}

/** Mean wellbeing change per period on one scale, with its 95% interval, against no change. */
export function WellbeingChart({ rows }: { readonly rows: readonly WellbeingRow[] }) {
  return (
    <ResponsiveContainer width="100%" height={240}>
      <LineChart data={[...rows]} margin={{ top: 8, right: 8, bottom: 8, left: -16 }} accessibilityLayer={false}>
        <CartesianGrid stroke="#d5d9dd" vertical={false} />
        <XAxis dataKey="label" tick={AXIS} interval="preserveStartEnd" />
        <YAxis tick={AXIS} />
        <Tooltip />
        <ReferenceLine y={0} stroke="#16191d" strokeDasharray="4 4" />
        <Line dataKey="mean" name="Mean change" stroke={COLOURS[0]} strokeWidth={2} connectNulls={false} isAnimationActive={false}>
          <ErrorBar dataKey="interval" width={6} stroke={COLOURS[1]} />
        </Line>
      </LineChart>
    </ResponsiveContainer>
  );
}
