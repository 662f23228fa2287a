// Resolves FHIR references to Diplomat ids: inside a Bundle (`urn:uuid:`), across NDJSON files
// (`Patient/123`), by identifier (`Practitioner?identifier=system|value` or a logical
// `Reference.identifier`), and to records already in the database (a reference not in this import
// is taken as the Diplomat id it would have; the importer then rejects it when nobody has that id).
import type { Identifier, Reference } from 'fhir/r4.js';
import type { FhirResource } from './fhir-sources.js';

export type TargetType = 'Patient' | 'Practitioner' | 'Organization';

export type Resolved = { id: string } | { problem: string };

export class ReferenceIndex {
  private readonly ids = new Map<string, string>();
  /** The type of each resource a Bundle names by fullUrl, so `urn:uuid:` references have one. */
  private readonly types = new Map<string, TargetType>();

  /**
   * Registers the ways other resources may refer to `resource`, which became Diplomat id `id`.
   * A key that resolve() would read as `id` anyway (`Patient/M1` for member M1) is not kept: the
   * index then holds only what it must, a few keys per resource at most.
   */
  add(type: TargetType, id: string, resource: FhirResource, fullUrl?: string): void {
    if (resource.id && resource.id !== id) this.ids.set(`${type}/${resource.id}`, id);
    if (fullUrl) {
      this.ids.set(fullUrl, id);
      this.types.set(fullUrl, type);
    }
    for (const identifier of (resource.identifier as Identifier[] | undefined) ?? []) {
      if (!identifier.value || identifier.value === id) continue;
      this.ids.set(`${type}?identifier=${identifier.value}`, id);
      if (identifier.system) this.ids.set(`${type}?identifier=${identifier.system}|${identifier.value}`, id);
    }
  }

  /** The Diplomat id a reference to a `type` resolves to, or why it does not. */
  resolve(reference: Reference | undefined, type: TargetType): Resolved {
    if (!reference) return { problem: 'is required' };
    const text = reference.reference;
    if (text) return this.resolveText(text, type);
    const identifier = reference.identifier;
    if (identifier?.value) {
      const key = identifier.system
        ? `${type}?identifier=${identifier.system}|${identifier.value}`
        : `${type}?identifier=${identifier.value}`;
      return { id: this.ids.get(key) ?? identifier.value };
    }
    return { problem: 'has neither a reference nor an identifier' };
  }

  private resolveText(text: string, type: TargetType): Resolved {
    const known = this.ids.get(text);
    if (known) return { id: known };
    if (text.startsWith('urn:uuid:') || text.startsWith('urn:oid:')) return { problem: 'refers to an entry that is not in this Bundle' };
    if (text.startsWith('#')) return { problem: 'refers to a contained resource that is not there' };
    const conditional = /^([A-Za-z]+)\?identifier=(?:([^|]*)\|)?(.+)$/.exec(text);
    if (conditional) {
      if (conditional[1] !== type) return { problem: `refers to a ${conditional[1]}, not a ${type}` };
      let value: string;
      try {
        value = decodeURIComponent(conditional[3]!);
      } catch {
        return { problem: 'has an identifier that is not URL-encoded correctly' };
      }
      const system = conditional[2] ? decodeURIComponent(conditional[2]) : undefined;
      const known =
        (system !== undefined && this.ids.get(`${type}?identifier=${system}|${value}`)) || this.ids.get(`${type}?identifier=${value}`);
      return { id: known ?? value };
    }
    // `Patient/123`, or an absolute URL ending in it (a version suffix `/_history/n` is dropped).
    const literal = /(?:^|\/)([A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(text);
    if (!literal) return { problem: 'is not a reference FHIR R4 allows' };
    if (literal[1] !== type) return { problem: `refers to a ${literal[1]}, not a ${type}` };
    return { id: this.ids.get(`${type}/${literal[2]}`) ?? literal[2]! };
  }

  /** The type a reference names, when it names one (`Organization/1` → Organization). */
  typeOf(reference: Reference | undefined): string | undefined {
    const text = reference?.reference;
    if (!text) return reference?.type;
    return this.types.get(text) ?? /^([A-Za-z]+)[/?]/.exec(text)?.[1] ?? /\/([A-Za-z]+)\/[^/]+$/.exec(text)?.[1] ?? reference?.type;
  }
}
