// Where every FHIR resource read went, per resource type: imported (its rows are in the ledger,
// new, updated or unchanged), used (read into another resource's row), ignored (with the reason
// and a count) or rejected (with a reason in the rejects). The four add up to the resources read.
import { basename } from 'node:path';
import type { FhirReport, FhirTypeAccount } from './fhir-report.js';
import type { RowOrigins } from './fhir-row-origins.js';

export class FhirAccounts {
  private readonly types = new Map<string, FhirTypeAccount>();
  private notResources = 0;

  private of(type: string): FhirTypeAccount {
    let account = this.types.get(type);
    if (!account) {
      account = { read: 0, imported: 0, used: 0, ignored: 0, rejected: 0, ignored_because: {} };
      this.types.set(type, account);
    }
    return account;
  }

  read(type: string): void {
    this.of(type).read++;
  }
  imported(type: string): void {
    this.of(type).imported++;
  }
  used(type: string): void {
    this.of(type).used++;
  }
  rejected(type: string): void {
    this.of(type).rejected++;
  }
  unreadable(): void {
    this.notResources++;
  }
  ignored(type: string, reason: string): void {
    const account = this.of(type);
    account.ignored++;
    account.ignored_because[reason] = (account.ignored_because[reason] ?? 0) + 1;
  }

  /** Resources with a row the importer rejected move from imported to rejected (once each). */
  rejectedRows(resources: ReadonlyMap<number, string>): void {
    for (const type of resources.values()) {
      const account = this.of(type);
      account.imported--;
      account.rejected++;
    }
  }

  /** A translated file the importer could not import at all: its resources were not imported. */
  failedFile(origins: RowOrigins): void {
    const seen = new Set<number>();
    for (let i = 0; i < origins.length; i++) {
      const o = origins.get(i)!;
      if (o.resource < 0 || seen.has(o.resource)) continue;
      seen.add(o.resource);
      this.rejectedRows(new Map([[o.resource, o.type]]));
    }
  }

  report(paths: readonly string[], rejectsPath: string | null): FhirReport {
    const resources = Object.fromEntries([...this.types].sort(([a], [b]) => a.localeCompare(b)));
    return { sources: paths.map((p) => basename(p)), resources, unreadable: this.notResources, rejectsPath };
  }
}
