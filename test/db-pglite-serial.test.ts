// PGlite has one connection: a query issued while another caller's transaction is open must
// wait for it, not run inside it. Kysely's PGlite adapter guarantees this; this test guards it.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDb } from '../src/db/connect.js';

describe('embedded database under concurrent use', () => {
  it('keeps a concurrent query out of an open transaction', async () => {
    const db = await openDb({ kind: 'pglite', dir: 'memory://' });
    try {
      let inside!: () => void;
      const started = new Promise<void>((resolve) => (inside = resolve));
      const tx = db.kysely.transaction().execute(async (trx) => {
        await trx.insertInto('partners').values({ partner_id: 'T1', name: 'tx', kind: 'other' }).execute();
        inside();
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('roll back');
      });
      await started;
      // Issued while the transaction is open: must not join it, so it survives the rollback.
      const outside = db.kysely.insertInto('partners').values({ partner_id: 'O1', name: 'outside', kind: 'other' }).execute();
      await expect(tx).rejects.toThrow('roll back');
      await outside;
      const { rows } = await sql<{ partner_id: string }>`SELECT partner_id FROM partners ORDER BY 1`.execute(db.kysely);
      expect(rows.map((r) => r.partner_id)).toEqual(['O1']);
    } finally {
      await db.close();
    }
  });
});
