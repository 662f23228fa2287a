// Errors the domain raises on purpose. The CLI maps them to exit codes, the HTTP layer to
// problem+json responses; domain code never knows about either.
export type DomainErrorCode =
  | 'invalid_setting'
  | 'invalid_period'
  | 'invalid_segment'
  | 'unknown_file'
  | 'not_found'
  | 'validation_failed'
  | 'rejected'
  | 'conflict'
  | 'idempotency_key_required'
  | 'unauthorized'
  | 'forbidden'
  /** Not yet: e.g. the scorecard while its rollups are being built (503, try again shortly). */
  | 'unavailable';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

/** A rejected row: what the API says when a recorded action breaks a rule of SPEC.md §1. */
export class RejectedError extends DomainError {
  constructor(
    message: string,
    readonly errors: { column: string; reason: string }[],
  ) {
    super('rejected', message);
  }
}
