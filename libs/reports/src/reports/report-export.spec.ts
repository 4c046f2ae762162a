import { createHash } from 'node:crypto';
import { longDate, PRINT_CONTENT_SECURITY_POLICY, PRINT_STYLESHEET, type PrintableReport, renderFiguresCsv, renderReportHtml } from './report-export.js';

const hidden = { value: null, suppressed: true };
const printable: PrintableReport = {
  report: {
    id: 'r1',
    title: 'Feedback <for> "the" service & partners',
    status: 'shared',
    audience: 'organisation',
    from: '2026-01-01',
    to: '2026-03-31',
    sharedOn: '2026-04-06',
    responseDueOn: '2026-05-04',
    response: null,
    respondedAt: null,
    actions: [],
  },
  content: {
    frozen: true,
    threshold: 5,
    from: '2026-01-01',
    to: '2026-03-31',
    previousFrom: '2025-10-03',
    previousTo: '2025-12-31',
    themes: [
      { themeId: 't1', name: '=HYPERLINK("x") theme, with a comma', count: { value: 12, suppressed: false }, previousCount: hidden, trend: 'rising' },
      { themeId: 't2', name: 'Letters never answered', count: hidden, previousCount: { value: 9, suppressed: false }, trend: null },
    ],
    impacts: [{ key: 'crisis', label: 'Reached a crisis', count: { value: 0, suppressed: false } }],
    brightSpots: [],
    brightSpotsTotal: { value: 0, suppressed: false },
    quotes: [
      { observationId: null, text: 'Synthetic words <b>kept</b>', removed: false },
      { observationId: null, text: null, removed: true },
    ],
    whatMightHelp: 'First thought.\n\nSecond thought.',
  },
  addressedTo: 'Synthetic Housing Options',
  themeNames: new Map(),
  generatedAt: new Date('2026-04-06T10:00:00Z'),
};

describe('a report to print', () => {
  const html = renderReportHtml(printable);

  it('is one page with its stylesheet inline, allowed by its hash and nothing else: no scripts, images, fonts or links', () => {
    const hash = createHash('sha256').update(PRINT_STYLESHEET, 'utf8').digest('base64');
    expect(PRINT_CONTENT_SECURITY_POLICY).toBe(`default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`);
    expect(html).toContain(`<style>${PRINT_STYLESHEET}</style>`);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|src=|url\(/i);
    expect(PRINT_STYLESHEET).toContain('@page { size: A4');
  });

  it('escapes every word it was given', () => {
    expect(html).toContain('<h1>Feedback &lt;for&gt; &quot;the&quot; service &amp; partners</h1>');
    expect(html).toContain('Synthetic words &lt;b&gt;kept&lt;/b&gt;');
    expect(html).not.toContain('<b>kept</b>');
  });

  it('shows suppressed counts as a dash, a removed quote as removed at the person\'s request, and the dates in words', () => {
    expect(html).toMatch(/<td class="n">12<\/td><td class="n"><span class="hidden" title="suppressed">—<\/span><\/td><td>Rising<\/td>/);
    expect(html).toContain('This quote was removed at the person\'s request.');
    expect(html).toContain('1 January 2026 to 31 March 2026');
    expect(html).toContain('<p>First thought.</p>\n<p>Second thought.</p>');
    expect(longDate('2026-12-09')).toBe('9 December 2026');
  });
});

describe('a report\'s figures as CSV', () => {
  const lines = renderFiguresCsv(printable).split('\r\n');

  it('has one figure a row, suppressed counts empty with a note, and zeros shown', () => {
    expect(lines[0]).toBe('section,key,label,measure,value,note');
    expect(lines).toContain('theme,t2,Letters never answered,this_period,,suppressed');
    expect(lines).toContain('theme,t2,Letters never answered,previous_period,9,');
    expect(lines).toContain('theme,t2,Letters never answered,trend,,withheld');
    expect(lines).toContain('impact,crisis,Reached a crisis,this_period,0,');
  });

  it('quotes cells with commas and never lets a spreadsheet run a cell as a formula', () => {
    expect(lines).toContain(`theme,t1,"'=HYPERLINK(""x"") theme, with a comma",this_period,12,`);
  });
});
