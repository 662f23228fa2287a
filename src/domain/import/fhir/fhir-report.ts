// The accounting of a FHIR import as its report shows it (summary.json, the import job, the web
// import page). Types only, with no imports, so the web app can use them as they are.

/** Where the resources of one type went: the four counts add up to `read`. */
export interface FhirTypeAccount {
  read: number;
  imported: number;
  used: number;
  ignored: number;
  rejected: number;
  /** Why resources were ignored, with how many. */
  ignored_because: Record<string, number>;
}

export interface FhirReport {
  sources: string[];
  resources: Record<string, FhirTypeAccount>;
  /** Lines or entries that were not a resource at all (not JSON, no resourceType): rejected too. */
  unreadable: number;
  /** Resources rejected before the importer's checks: fhir.rejects.csv. */
  rejectsPath: string | null;
}
