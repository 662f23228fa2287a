// What the browser tests share: a synthetic plan (1,500 members, demo partnerships) in the
// embedded database, the real server on a loopback port serving the built web app, Chromium,
// and a manager's account. Screenshots go to test-artifacts/web/.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';
import { openDb, type Db } from '../../src/db/connect.js';
import { createApiToken, createUser } from '../../src/domain/auth/users.service.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { generateSyntheticPlan } from '../../src/domain/synth/synth.service.js';
import { writeDemoPartnerships } from '../../src/domain/synth/synth-partnerships.js';
import { buildApp } from '../../src/http/app.js';

const CHROMIUM = '/usr/bin/chromium';
export const WEB_ROOT = join(import.meta.dirname, '../../dist/web');
export const SHOTS = join(import.meta.dirname, '../../test-artifacts/web');
export const MANAGER = { email: 'casey@plan.test', password: 'a long enough password' };

/** Whether the browser tests can run here; CI must be able to. */
export function browserTestsAvailable(): boolean {
  const available = existsSync(CHROMIUM) && existsSync(join(WEB_ROOT, 'index.html'));
  if (!available && process.env.CI) throw new Error('CI must run the browser tests: install chromium and build the web app');
  return available;
}

export function monthBefore(now = new Date()): string {
  const idx = now.getFullYear() * 12 + now.getMonth() - 1;
  return `${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`;
}
export const thisMonth = (now = new Date()): string => `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;

export interface WebPlan {
  db: Db;
  base: string;
  browser: Browser;
  /** A scratch directory, removed by close(). */
  dir: string;
  /** A GET of the API as the manager. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers, read field by field by the tests
  api(path: string): Promise<any>;
  newPage(width?: number, height?: number): Promise<Page>;
  close(): Promise<void>;
}

export async function openWebPlan(): Promise<WebPlan> {
  const dir = mkdtempSync(join(tmpdir(), 'diplomat-web-'));
  const db = await openDb({ kind: 'pglite', dir: 'memory://' });
  await generateSyntheticPlan({ members: 1500, outDir: join(dir, 'plan'), seed: 3, through: monthBefore() });
  await importPaths(db, [join(dir, 'plan')], { reportDir: join(dir, 'report') });
  await writeDemoPartnerships(db, new Date().toISOString().slice(0, 10));
  const user = await createUser(db, { ...MANAGER, role: 'manager' });
  const authorization = `Bearer ${(await createApiToken(db, user.user_id, 'test', 1)).token}`;
  await createUser(db, { email: 'root@plan.test', role: 'admin', password: 'an admin password' });
  const app: FastifyInstance = await buildApp({ db, webRoot: WEB_ROOT });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  mkdirSync(SHOTS, { recursive: true });
  return {
    db,
    base,
    browser,
    dir,
    api: async (path) => (await fetch(base + path, { headers: { authorization } })).json(),
    newPage: (width = 1280, height = 900) => browser.newPage({ viewport: { width, height } }),
    close: async () => {
      await browser.close();
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs the page in as the manager. */
export async function signIn(page: Page, base: string, who = MANAGER): Promise<void> {
  await page.goto(`${base}/`);
  await page.getByLabel('Email').fill(who.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(who.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
