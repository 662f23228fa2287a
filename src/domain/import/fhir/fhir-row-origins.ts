// Where each translated row came from, kept compactly: four small integers per row (resource
// ordinal, source file, line or entry, resource type) instead of an object, so that a file of
// millions of resources costs tens of megabytes here, not gigabytes.
import type { FhirLocation } from './fhir-sources.js';

/** Where a row came from: its resource's ordinal in the import (-1: made from many, e.g. claims). */
export interface RowOrigin {
  resource: number;
  type: string;
  at: FhirLocation;
}

/** Interns strings (file names, resource types) as small numbers. */
class Names {
  private readonly ids = new Map<string, number>();
  readonly list: string[] = [];
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.list.length;
      this.ids.set(name, id);
      this.list.push(name);
    }
    return id;
  }
}

export class RowOrigins {
  private readonly resources: number[] = [];
  private readonly files: number[] = [];
  /** A line (≥ 0) or a Bundle entry stored as -1 - entry. */
  private readonly positions: number[] = [];
  private readonly types: number[] = [];

  constructor(
    private readonly fileNames: Names = new Names(),
    private readonly typeNames: Names = new Names(),
  ) {}

  get length(): number {
    return this.resources.length;
  }

  push(origin: RowOrigin): void {
    this.resources.push(origin.resource);
    this.files.push(this.fileNames.id(origin.at.file));
    this.positions.push(origin.at.line !== undefined ? origin.at.line : -1 - (origin.at.entry ?? 0));
    this.types.push(this.typeNames.id(origin.type));
  }

  /** Row i's origin (row i is on line i + 2 of its translated file). */
  get(i: number): RowOrigin | undefined {
    if (i < 0 || i >= this.resources.length) return undefined;
    const position = this.positions[i]!;
    const file = this.fileNames.list[this.files[i]!]!;
    return {
      resource: this.resources[i]!,
      type: this.typeNames.list[this.types[i]!]!,
      at: position >= 0 ? { file, line: position } : { file, entry: -1 - position },
    };
  }
}
