import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { AccountsService } from '#libs/access';
import { commandContext } from '#libs/capture';
import type { Grant } from '#libs/policy';
import type { ApiHarness } from '../e2e/api-harness.js';
import { ROOT } from '../e2e/process.js';

/** Debian's Chromium (`apt-get install chromium`; .ci/run installs it when missing). */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };

/** Fails early, naming what to do, when the web app has not been built or Chromium is missing. */
export function requireBuildAndBrowser(): void {
  // The server serves WEB_DIR when it is set (a build kept apart from dist/web), else dist/web.
  const web = process.env.WEB_DIR ?? join(ROOT, 'dist', 'web');
  if (!existsSync(join(web, 'index.html'))) {
    throw new Error(`The web app is not built in ${web}: run \`npm run build:web\` first (\`npm test\` does).`);
  }
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}: install it with \`apt-get install -y chromium\` (.ci/run does).`);
}

export interface Chromium {
  readonly context: BrowserContext;
  /** A new tab with nobody signed in (the cookies of earlier tabs are cleared), phone-sized. */
  freshPage(): Promise<Page>;
  close(): Promise<void>;
}

/**
 * Headless Chromium on a fresh, throw-away profile (user-data-dir), talking to nothing but the
 * test's own server (no background networking, component updates, sync or QUIC).
 */
export async function launchChromium(baseURL: string): Promise<Chromium> {
  requireBuildAndBrowser();
  const profile = await mkdtemp(join(tmpdir(), 'll-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    baseURL,
    viewport: PHONE,
    locale: 'en-GB',
    timezoneId: 'UTC',
    reducedMotion: 'reduce',
  });
  return {
    context,
    async freshPage() {
      for (const open of context.pages()) await open.close();
      await context.clearCookies();
      return context.newPage();
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface AxeFinding {
  readonly screen: string;
  readonly width: number;
  readonly id: string;
  readonly impact: string;
  readonly nodes: number;
  readonly help: string;
}

/** Every axe finding of every screen checked, for the report (serious and critical fail the test). */
export const findings: AxeFinding[] = [];

/**
 * Checks the page with axe (WCAG 2.0, 2.1 and 2.2, A and AA, and axe's best practices) and
 * saves a full-page screenshot, at phone width and at desktop width. Returns the serious and
 * critical violations, which the caller asserts are none.
 */
export async function checkScreen(page: Page, screen: string): Promise<string[]> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const serious: string[] = [];
  for (const [label, size] of [['phone', PHONE], ['desktop', DESKTOP]] as const) {
    await page.setViewportSize(size);
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    // A page axe could not look into would pass with no violations: make sure it checked things.
    if (result.passes.length < 10) throw new Error(`axe checked almost nothing on ${screen} (${result.passes.length} rules passed): is the page empty?`);
    for (const violation of result.violations) {
      const impact = violation.impact ?? 'unknown';
      findings.push({ screen, width: size.width, id: violation.id, impact, nodes: violation.nodes.length, help: violation.help });
      if (impact === 'serious' || impact === 'critical') {
        serious.push(`${screen} (${label}): ${violation.id} – ${violation.help} – ${violation.nodes.map((n) => n.target.join(' ')).join(', ')}`);
      }
    }
    await page.screenshot({ path: join(SCREENSHOTS, `${screen}-${label}.png`), fullPage: true, animations: 'disabled' });
  }
  await page.setViewportSize(PHONE);
  return serious;
}

export const PASSWORD = 'synthetic-browser-password-7731';

/** A staff account with these roles and a password, made the way `admin:create` and invitations do. */
export async function makeUser(api: ApiHarness, displayName: string, grants: Grant[]): Promise<{ email: string; userId: string }> {
  const accounts = api.app.get(AccountsService);
  const email = `${displayName.toLowerCase().replace(/[^a-z]+/g, '.')}.${Date.now().toString(36)}@example.test`;
  const system = commandContext({ actor: 'system:test' });
  const { receipt } = await accounts.invite({ email, displayName, grants }, system);
  await accounts.setPassword(receipt.id, PASSWORD, 'admin_cli', commandContext({ actor: 'system:test' }));
  return { email, userId: receipt.id };
}

/**
 * The coach's specs' world: an area (Northshire) with a team (Riverside coaches), and a coach,
 * Robin Coachwell, with an account and a coach record there. The harness's own user coaches in the
 * team too, to read back what the coach's screens recorded.
 */
export async function seedCoachTeam(api: ApiHarness, ids: { areaId: string; teamId: string }): Promise<{ coachId: string; coach: { email: string; userId: string } }> {
  const ok = api.ok.bind(api);
  const coachId = randomUUID();
  await ok(`mutation($i: RegisterAreaInput!) { registerArea(input: $i) { id } }`, { i: { areaId: ids.areaId, name: 'Northshire' } });
  await ok(`mutation($i: FormTeamInput!) { formTeam(input: $i) { id } }`, { i: { teamId: ids.teamId, areaId: ids.areaId, name: 'Riverside coaches' } });
  const coach = await makeUser(api, 'Robin Coachwell', [{ role: 'coach', teamId: ids.teamId }]);
  await ok(`mutation($i: AddCoachInput!) { addCoach(input: $i) { id } }`, { i: { coachId, teamId: ids.teamId, displayName: 'Robin Coachwell', joinedOn: daysAgo(400) } });
  await api.coachIn(ids.teamId);
  return { coachId, coach };
}

/** YYYY-MM-DD, days before today (in UTC: never later than the organisation’s today, which the API counts in). */
export function daysAgo(days: number): string {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

/** The text of what has keyboard focus, and whether its focus indicator shows (an outline or ring). */
export async function focused(page: Page): Promise<{ tag: string; text: string; id: string; visibleIndicator: boolean }> {
  return page.evaluate(`(() => {
    const el = document.activeElement;
    if (!el) return { tag: '', text: '', id: '', visibleIndicator: false };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    const ring = style.boxShadow && style.boxShadow !== 'none';
    const background = el.tagName === 'A' && style.backgroundColor !== 'rgba(0, 0, 0, 0)';
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.textContent || el.getAttribute('aria-label') || '').trim(),
      id: el.id,
      visibleIndicator: Boolean(outline || ring || background),
    };
  })()`);
}
