import { createHash } from 'node:crypto';
import type { ReportActionView, ReportContentView, ReportCountView, ReportView } from './reports.graphql.js';

/** A report ready to print or export: its view, its content for the reader, and the names it mentions. */
export interface PrintableReport {
  readonly report: Pick<ReportView, 'id' | 'title' | 'status' | 'audience' | 'from' | 'to' | 'sharedOn' | 'responseDueOn' | 'response' | 'respondedAt' | 'actions'>;
  readonly content: ReportContentView;
  /** Whom it is for, in words: the service's name, or the commissioner's areas. */
  readonly addressedTo: string;
  /** Names of themes an action refers to, by id. */
  readonly themeNames: ReadonlyMap<string, string>;
  /** When the page was made. */
  readonly generatedAt: Date;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** 2026-03-31 → 31 March 2026 */
export function longDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Paragraphs from text written with blank lines between them. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escape(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

const shown = (count: ReportCountView) => (count.suppressed ? '<span class="hidden" title="suppressed">—</span>' : String(count.value));

const TREND_WORDS: Record<string, string> = { rising: 'Rising', falling: 'Falling', steady: 'Steady', too_few: 'Too few to tell' };
const OUTCOME_WORDS: Record<string, string> = {
  closed: 'Fell clearly after the change',
  not_yet_clear: 'Not yet clear',
  reopened: 'Rose after the change',
};

/** The print stylesheet: A4, no external fonts or images, tables that do not break mid-row. */
export const PRINT_STYLESHEET = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f4f1; color: #1d1d1b; font: 11pt/1.5 "Segoe UI", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 190mm; margin: 24px auto; padding: 18mm 16mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.12); }
header { border-bottom: 3px solid #2f6f5e; padding-bottom: 10px; margin-bottom: 18px; }
.kind { margin: 0; color: #2f6f5e; font-size: 9.5pt; font-weight: 600; letter-spacing: .06em; text-transform: uppercase; }
h1 { margin: 4px 0 6px; font-size: 20pt; line-height: 1.2; }
h2 { margin: 22px 0 8px; font-size: 13pt; color: #2f6f5e; break-after: avoid; }
.meta { margin: 0; color: #4a4a46; font-size: 10pt; }
.draft { display: inline-block; margin: 6px 0 0; padding: 2px 8px; border: 2px solid #a33; color: #a33; font-weight: 700; }
table { width: 100%; border-collapse: collapse; margin: 6px 0 4px; font-size: 10pt; }
th, td { padding: 5px 8px; border-bottom: 1px solid #d6d6d0; text-align: left; vertical-align: top; }
th { background: #eef3f1; font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr { break-inside: avoid; }
.hidden { color: #6b6b66; }
blockquote { margin: 8px 0; padding: 6px 12px; border-left: 4px solid #2f6f5e; background: #f6f9f8; break-inside: avoid; }
blockquote.removed { border-left-color: #b8b8b0; background: #f6f6f4; color: #6b6b66; font-style: italic; }
.note { color: #4a4a46; font-size: 9pt; }
.none { color: #6b6b66; font-style: italic; }
footer { margin-top: 24px; padding-top: 8px; border-top: 1px solid #d6d6d0; color: #6b6b66; font-size: 8.5pt; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { max-width: none; margin: 0; padding: 0; box-shadow: none; }
  th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  blockquote { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;

const STYLE_HASH = `sha256-${createHash('sha256').update(PRINT_STYLESHEET, 'utf8').digest('base64')}`;

/** The only thing the print page loads is its own inline stylesheet: no scripts, images, fonts or frames. */
export const PRINT_CONTENT_SECURITY_POLICY = `default-src 'none'; style-src '${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

function themesTable(content: ReportContentView): string {
  if (content.themes.length === 0) return '<p class="none">No themes were evidenced in this period or the one before.</p>';
  const rows = content.themes
    .map((t) => `<tr><td>${escape(t.name)}</td><td class="n">${shown(t.count)}</td><td class="n">${shown(t.previousCount)}</td><td>${t.trend ? TREND_WORDS[t.trend] : '<span class="hidden">—</span>'}</td></tr>`)
    .join('\n');
  return `<table><thead><tr><th>Theme</th><th class="n">This period</th><th class="n">Period before</th><th>Trend</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function countsTable(rows: readonly { label: string; count: ReportCountView }[], heading: string, total?: ReportCountView): string {
  const body = rows.map((r) => `<tr><td>${escape(r.label)}</td><td class="n">${shown(r.count)}</td></tr>`).join('\n');
  const foot = total ? `<tfoot><tr><th>In all</th><th class="n">${shown(total)}</th></tr></tfoot>` : '';
  return `<table><thead><tr><th>${escape(heading)}</th><th class="n">Observations</th></tr></thead><tbody>${body}</tbody>${foot}</table>`;
}

function actionsTable(actions: readonly ReportActionView[], themeNames: ReadonlyMap<string, string>): string {
  const rows = actions
    .map((a) => {
      const theme = a.themeId ? escape(themeNames.get(a.themeId) ?? 'A theme') : '';
      const check = a.lastCheck ? OUTCOME_WORDS[a.lastCheck.outcome] : a.status === 'done' ? 'Not checked yet' : '';
      return `<tr><td>${escape(a.what)}${theme ? `<br><span class="note">Theme: ${theme}</span>` : ''}</td><td>${escape(a.owner)}</td><td>${longDate(a.dueOn)}</td><td>${a.status === 'done' && a.doneOn ? `Done ${longDate(a.doneOn)}` : 'Agreed'}</td><td>${check}</td></tr>`;
    })
    .join('\n');
  return `<table><thead><tr><th>What will change</th><th>Who</th><th>By</th><th>Status</th><th>What changed since</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/**
 * The report as one self-contained HTML page: an inline stylesheet (allowed by its hash in the
 * page's Content-Security-Policy), no scripts, images or web fonts, laid out for A4 so that the
 * browser's "Save as PDF" gives a clean document. Counts are shown as shared (suppressed ones as
 * "—"); quotes a person asked to remove say so.
 */
export function renderReportHtml(printable: PrintableReport): string {
  const { report, content } = printable;
  const quotes =
    content.quotes.length === 0
      ? '<p class="none">No quotes are included in this report.</p>'
      : content.quotes
          .map((q) => (q.removed || q.text === null ? `<blockquote class="removed">This quote was removed at the person's request.</blockquote>` : `<blockquote>“${escape(q.text)}”</blockquote>`))
          .join('\n');
  const answered = report.response
    ? `<h2>The service's response</h2>\n${paragraphs(report.response)}`
    : report.sharedOn
      ? `<h2>The service's response</h2>\n<p class="none">No response yet${report.responseDueOn ? ` (requested by ${longDate(report.responseDueOn)})` : ''}.</p>`
      : '';
  const actions = report.actions.length > 0 ? `<h2>Agreed changes</h2>\n${actionsTable(report.actions, printable.themeNames)}` : '';
  const shared = report.sharedOn
    ? `Shared ${longDate(report.sharedOn)}${report.responseDueOn ? ` · Response requested by ${longDate(report.responseDueOn)}` : ''}`
    : '';
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src '${STYLE_HASH}'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(report.title)}</title>
<style>${PRINT_STYLESHEET}</style>
</head>
<body>
<main>
<header>
<p class="kind">Feedback report</p>
<h1>${escape(report.title)}</h1>
<p class="meta">For ${escape(printable.addressedTo)} · ${longDate(content.from)} to ${longDate(content.to)}</p>
${shared ? `<p class="meta">${shared}</p>` : ''}
${report.status === 'draft' ? '<p class="draft">Draft: not shared</p>' : ''}
</header>
<p>This report brings together what our coaches saw while working alongside people in this period: what got in the way for them, and what worked. It is shared so that we can learn together and agree what might change.</p>
<h2>Themes</h2>
<p class="note">Observations that evidence each theme, against the period of the same length before (${longDate(content.previousFrom)} to ${longDate(content.previousTo)}).</p>
${themesTable(content)}
<h2>What it meant for people</h2>
${countsTable(content.impacts, 'Impact')}
<h2>What worked</h2>
${content.brightSpots.length === 0 ? '<p class="none">No bright spots were recorded in this period.</p>' : countsTable(content.brightSpots, 'Bright spot', content.brightSpotsTotal)}
<h2>In people's own words</h2>
<p class="note">Shared anonymised, with each person's consent.</p>
${quotes}
<h2>What might help</h2>
${content.whatMightHelp ? paragraphs(content.whatMightHelp) : '<p class="none">Nothing written yet.</p>'}
${answered}
${actions}
<footer>
<p>— stands for a number below ${content.threshold}, or one withheld so that a small number cannot be worked out: no one should be recognisable from this report.</p>
<p>Made ${escape(printable.generatedAt.toISOString().slice(0, 16).replace('T', ' '))} UTC.</p>
</footer>
</main>
</body>
</html>
`;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A spreadsheet must not run what a cell says.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The report's figures as CSV, one figure a row: section, key, label, measure, value, note. A
 * suppressed count has an empty value and the note "suppressed". Change checks appear with their
 * counts as the reader may see them.
 */
export function renderFiguresCsv(printable: PrintableReport): string {
  const { report, content } = printable;
  const lines: (string | number | null)[][] = [['section', 'key', 'label', 'measure', 'value', 'note']];
  const count = (section: string, key: string, label: string, measure: string, c: ReportCountView) =>
    lines.push([section, key, label, measure, c.suppressed ? null : c.value, c.suppressed ? 'suppressed' : null]);
  lines.push(['report', report.id, report.title, 'period_from', content.from, null]);
  lines.push(['report', report.id, report.title, 'period_to', content.to, null]);
  lines.push(['report', report.id, report.title, 'previous_period_from', content.previousFrom, null]);
  lines.push(['report', report.id, report.title, 'previous_period_to', content.previousTo, null]);
  lines.push(['report', report.id, report.title, 'suppression_threshold', content.threshold, 'counts from 1 to threshold − 1 are suppressed']);
  for (const t of content.themes) {
    count('theme', t.themeId, t.name, 'this_period', t.count);
    count('theme', t.themeId, t.name, 'previous_period', t.previousCount);
    lines.push(['theme', t.themeId, t.name, 'trend', t.trend, t.trend ? null : 'withheld']);
  }
  for (const i of content.impacts) count('impact', i.key, i.label, 'this_period', i.count);
  for (const b of content.brightSpots) count('bright_spot', b.key, b.label, 'this_period', b.count);
  count('bright_spots_total', 'all', 'All bright spots', 'this_period', content.brightSpotsTotal);
  for (const a of report.actions) {
    if (!a.lastCheck) continue;
    const c = a.lastCheck;
    count('change_check', a.id, a.what, `before_${c.beforeFrom}_${c.beforeTo}`, c.beforeCount);
    count('change_check', a.id, a.what, `after_${c.afterFrom}_${c.afterTo}`, c.afterCount);
    lines.push(['change_check', a.id, a.what, 'outcome', c.outcome, null]);
    lines.push(['change_check', a.id, a.what, 'p_value', c.pValue, c.pValue === null ? 'withheld' : null]);
  }
  return `${lines.map((line) => line.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
