// WCAG 2.2 AA in a real browser (issue 15): axe-core on every page at desktop and phone widths
// (no serious or critical violation), one h1 and a unique title per page, and a keyboard-only
// walk: the skip link, focus rings, definitions on focus, a card opened by Enter, a chart shown
// as a table.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsAvailable, monthBefore, openWebPlan, signIn, thisMonth, type WebPlan } from './web-fixture.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  impact: string | null;
  nodes: { target: string[] }[];
}

/** The serious and critical violations on the page as it stands, one line each. */
async function axeFindings(page: Page): Promise<string[]> {
  await page.evaluate(AXE); // evaluated by the browser's debugger protocol, so the app's CSP need not allow it
  const violations = (await page.evaluate(
    `axe.run(document, { runOnly: ${JSON.stringify(TAGS)} }).then((r) => r.violations)`,
  )) as Violation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} ×${v.nodes.length} (${v.nodes[0]!.target.join(' ')})`);
}

describe.skipIf(!browserTestsAvailable())('accessibility in Chromium', () => {
  let plan: WebPlan;
  let page: Page;

  beforeAll(async () => {
    plan = await openWebPlan();
    page = await plan.newPage();
    await signIn(page, plan.base);
  });
  afterAll(async () => {
    await plan?.close();
  });

  it('has no serious or critical axe violations, one h1, its own title and no sideways scroll on every page, at desktop and phone widths', async () => {
    const member = (await plan.api('/api/members?limit=1')).items[0].member_id;
    const partner = (await plan.api('/api/partners')).items[0].partner_id;
    const contract = (await plan.api('/api/contracts')).items[0].contract_id;
    const partnership = (await plan.api('/api/partnerships')).items[0].partnership_id;
    const month = monthBefore();
    const paths = [
      `/?period=${month}`,
      `/?period=${thisMonth()}&by=line_of_business&value=medicaid`,
      `/metric/contact_rate?principle=1&period=${month}`,
      `/metric/contact_rate/members?principle=1&period=${month}&by=race&value=white`,
      '/worklists',
      '/members',
      `/members/${member}`,
      '/caseloads',
      '/partners',
      `/partners/${partner}`,
      `/partners/${partner}/playbook`,
      `/contracts/${contract}`,
      '/partnerships',
      `/partnerships/${partnership}`,
      '/import',
      '/no-such-page',
    ];
    const findings: string[] = [];
    const titles = new Map<string, string>();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of paths) {
        await page.goto(plan.base + path);
        await page.waitForLoadState('networkidle');
        await page.locator('h1').first().waitFor();
        for (const f of await axeFindings(page)) findings.push(`${path} at ${width}px: ${f}`);
        const scrollWidth = (await page.evaluate('document.documentElement.scrollWidth')) as number;
        if (scrollWidth > width) findings.push(`${path} at ${width}px: the page is ${scrollWidth}px wide`);
        expect(await page.locator('h1').count(), path).toBe(1);
        titles.set(path, await page.title());
      }
    }
    expect(findings).toEqual([]);
    // A title of its own per page (the two scorecard views share one: they are the same page).
    const distinct = new Set([...titles.entries()].filter(([p]) => !p.startsWith('/?')).map(([, t]) => t));
    expect(distinct.size).toBe(paths.length - 2);
    expect(titles.get(`/members/${member}`)).toBe(`Member ${member} · Diplomat`);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('can be walked by keyboard alone: skip link, focus rings, definitions, cards and charts as tables', async () => {
    await page.goto(`${plan.base}/?period=${monthBefore()}`);
    await page.getByTestId('metric-contact_rate').waitFor();
    const focused = () =>
      page.evaluate(
        `(() => { const e = document.activeElement; return { id: e.id, text: e.textContent.trim().slice(0, 40), testid: e.dataset.testid || '', label: e.getAttribute('aria-label') || '', outline: getComputedStyle(e).outlineStyle }; })()`,
      ) as Promise<Record<string, string>>;
    await page.keyboard.press('Tab');
    expect((await focused()).text).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect((await focused()).id).toBe('main');
    // On to the first metric card, whose focus ring shows.
    for (let i = 0; i < 60 && (await focused()).testid !== 'metric-contact_rate'; i++) await page.keyboard.press('Tab');
    const card = await focused();
    expect(card.testid).toBe('metric-contact_rate');
    expect(card.outline).not.toBe('none');
    // Its definition opens on focus, not only on hover.
    await page.keyboard.press('Tab');
    expect((await focused()).label).toBe('Definition of Contact rate');
    await page.getByRole('tooltip').filter({ hasText: 'successful contact' }).waitFor();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/metric\/contact_rate\?/);
    // The trend chart can be read as a table, reached and opened by keyboard.
    const show = page.getByRole('button', { name: 'Show as table' }).first();
    await show.focus();
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: 'Contact rate over 12 periods' });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(12);
  });
});
