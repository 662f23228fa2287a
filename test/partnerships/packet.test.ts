// The demo's partnerships through the HTTP API on both databases, and the results packet read
// back as a leader would get it: its text and pages (poppler's pdftotext and pdfinfo), a page
// rendered to pixels (pdftoppm), and who may download which organization's packet.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/connect.js';
import { importPaths } from '../../src/domain/import/import.service.js';
import { writeDemoPartnerships } from '../../src/domain/synth/synth-partnerships.js';
import { generateSyntheticPlan } from '../../src/domain/synth/synth.service.js';
import { appWith, bearerFor } from '../http/api-fixture.js';
import { testTargets } from '../support/db-targets.js';

const poppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!poppler && process.env.CI) throw new Error('CI must read the packets back: install poppler-utils');

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'diplomat-packet-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Share of a page's pixels that are ink (darker than mid-grey), from pdftoppm's greyscale PGM. */
function inkShare(pdf: string, page: number): number {
  const out = join(root, `page-${page}`);
  execFileSync('pdftoppm', ['-gray', '-r', '40', '-f', String(page), '-l', String(page), '-singlefile', pdf, out]);
  const pgm = readFileSync(`${out}.pgm`);
  // P5 header: magic, width, height, maxval, then one byte per pixel.
  const header = pgm.subarray(0, 40).toString('latin1').split(/\s+/);
  const pixels = Number(header[1]) * Number(header[2]);
  const data = pgm.subarray(pgm.length - pixels);
  return data.filter((v) => v < 128).length / pixels;
}

for (const target of testTargets()) {
  describe.skipIf(!poppler)(`partnership workspace and results packet (${target.name})`, () => {
    let db: Db;
    let app: FastifyInstance;
    const bearer: Record<string, string> = {};
    const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: { authorization: bearer[who]! } });

    beforeAll(async () => {
      db = await target.open();
      const dir = join(root, target.name);
      const today = new Date().toISOString().slice(0, 10);
      await generateSyntheticPlan({ members: 1200, outDir: dir, seed: 5, through: today.slice(0, 7), relationshipsAsOf: today });
      await importPaths(db, [dir], { reportDir: join(dir, 'report') });
      await writeDemoPartnerships(db, today);
      app = await appWith(db);
      bearer.manager = await bearerFor(db, 'manager');
      bearer.county = await bearerFor(db, 'partner', 'P0003');
      bearer.prospect = await bearerFor(db, 'partner', 'P0005');
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await db?.close();
    });

    it('lists the demo partnerships with what is overdue, and a worklist of it', async () => {
      const list = (await get('manager', '/api/partnerships')).json().items as { partnership_id: string; overdue_results: number }[];
      expect(list.map((p) => p.partnership_id).sort()).toEqual(['PS-FOOD', 'PS-MATERNAL']);
      expect(list.find((p) => p.partnership_id === 'PS-MATERNAL')!.overdue_results).toBeGreaterThan(0);
      const work = (await get('manager', '/api/worklists/partnerships')).json().items as { kind: string; due_on: string }[];
      expect(new Set(work.map((w) => w.kind))).toEqual(new Set(['result', 'milestone', 'follow_up']));
      expect(work.map((w) => w.due_on)).toEqual([...work.map((w) => w.due_on)].sort());
    });

    it('writes a packet that reads well: sections, page numbers, charts on the page', async () => {
      const res = await get('manager', '/api/partnerships/PS-MATERNAL/packet?for=P0003');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toContain('PS-MATERNAL-P0003-results.pdf');
      const file = join(root, `${target.name}.pdf`);
      writeFileSync(file, res.rawPayload);
      const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file]).toString())![1]);
      expect(pages).toBeGreaterThanOrEqual(3);
      const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
      const workspace = (await get('manager', '/api/partnerships/PS-MATERNAL')).json();
      const county = workspace.members.find((m: { partner_id: string }) => m.partner_id === 'P0003');
      for (const heading of [
        'Valley maternal health coalition',
        `Results packet for the leaders of ${county.name}`,
        `How the partnership serves ${county.name}`,
        'Outcomes against targets',
        'The equity picture',
        'Next steps',
        'Moving upstream together',
        'Two public health nurses for home visits',
        `Page 1 of ${pages}`,
        `Page ${pages} of ${pages}`,
      ]) {
        expect(text, heading).toContain(heading);
      }
      // Each page's text is a page of the PDF: the header repeats on every one.
      expect(text.split('\f').filter((p) => p.includes(`Results packet for ${county.name}`)).length).toBeGreaterThanOrEqual(pages);
      // Another organization's own measure stays out of this one's packet.
      expect(text).not.toContain('Postpartum visit within 6 weeks');
      // A chart page has ink on it (lines, bars and labels), not just a blank page with a caption.
      expect(inkShare(file, 2)).toBeGreaterThan(0.005);
    });

    it("gives a partner its own organization's packet only, and nothing of a partnership it is not committed to", async () => {
      expect((await get('county', '/api/partnerships/PS-MATERNAL/packet?for=P0003')).statusCode).toBe(200);
      expect((await get('county', '/api/partnerships/PS-MATERNAL/packet?for=P0001')).statusCode).toBe(403);
      expect((await get('prospect', '/api/partnerships/PS-MATERNAL')).statusCode).toBe(404);
      expect((await get('prospect', '/api/partnerships/PS-MATERNAL/packet?for=P0005')).statusCode).toBe(404);
      expect((await get('county', '/api/partnerships')).json().items.map((p: { partnership_id: string }) => p.partnership_id)).toEqual([
        'PS-MATERNAL',
      ]);
    });

    it('imports results from CSV: bad rows by line, column and reason, good rows kept', async () => {
      const csv = [
        'measure_id,period,value,note',
        'NURSE,2026-Q3,140,late but in',
        'NURSE,2026-09,12,',
        'NOPE,2026-Q3,1,',
        'NAV,2026-Q2,not a number,',
        ',2026-Q1,3,',
      ].join('\n');
      const post = (who: string, table: string, body: string) =>
        app.inject({
          method: 'POST',
          url: `/api/partnerships/PS-MATERNAL/import/${table}`,
          headers: { authorization: bearer[who]! },
          payload: { csv: body },
        });
      const res = await post('manager', 'results', csv);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        accepted: 1,
        rejected: [
          { line: 3, column: 'period', reason: 'period 2026-09 is a month; this measure is assessed every quarter' },
          { line: 4, column: 'measure_id', reason: 'no measure NOPE in this partnership' },
          { line: 5, column: 'value' },
          { line: 6, column: 'measure_id', reason: 'is missing' },
        ],
      });
      const nurse = (await get('manager', '/api/partnerships/PS-MATERNAL'))
        .json()
        .measures.find((m: { measure_id: string }) => m.measure_id === 'NURSE');
      expect(nurse.latest).toMatchObject({ period: '2026-Q3', value: 140 });
      // A partner imports its own organization's results, not another's, and never the plan.
      const own = await post('county', 'results', 'measure_id,period,value\nNURSE,2026-Q3,141\nPOSTPARTUM,2026-Q3,70\n');
      expect(own.json()).toMatchObject({ accepted: 1, rejected: [{ line: 3, column: 'measure_id' }] });
      expect((await post('county', 'activities', 'activity_id,phase_id\nA1,Y1\n')).statusCode).toBe(403);
    });

    it('exports its tables as CSV and refuses bad input with the field and the reason', async () => {
      const csv = (await get('manager', '/api/partnerships/PS-MATERNAL/export/commitments')).body;
      expect(csv.split('\n')[0]).toBe('commitment_id,partner_id,what,resources,cost,borne_by,status,due_on');
      const bad = await app.inject({
        method: 'PUT',
        url: '/api/partnerships/PS-MATERNAL/activities/A1',
        headers: { authorization: bearer.manager! },
        payload: {
          phase_id: 'Y1',
          title: 'x',
          integrated: true,
          milestone: false,
          owner_partner_id: null,
          starts_on: '2025-01-01',
          due_on: '2025-02-01',
          done_on: null,
          depends_on: ['A1'],
        },
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.headers['content-type']).toContain('application/problem+json');
      expect(bad.json().errors).toEqual([{ column: 'depends_on', reason: 'activity A1 cannot depend on itself' }]);
      const result = await app.inject({
        method: 'PUT',
        url: '/api/partnerships/PS-MATERNAL/measures/NAV/results/2025-03',
        headers: { authorization: bearer.manager! },
        payload: { value: 1, note: null },
      });
      expect(result.statusCode).toBe(422);
      expect(result.json().errors[0]).toMatchObject({ column: 'period', reason: expect.stringContaining('assessed every quarter') });
    });
  });
}
