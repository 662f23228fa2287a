// TypeBox building blocks shared by the areas' schemas: nullable values, ids, dates, pages, and
// the ledger's vocabulary as enums — built from vocabulary.ts, so the API, the importer and the
// web app offer the same values.
import { Type, type TSchema, type TUnion, type TNull } from 'typebox';
import {
  ACTION_TYPES,
  ARRANGEMENTS,
  DIRECTIONS,
  HEALTH_STATUSES,
  MEASURE_SOURCES,
  TOUCHPOINT_KINDS,
  TOUCHPOINT_TYPES,
  CHANNELS,
  IMPORT_JOB_STATUSES,
  LINES_OF_BUSINESS,
  OUTCOMES,
  PARTNER_KINDS,
  PRODUCTS,
  RISK_TIERS,
  STAFF_ROLES,
  STATUSES,
} from './ledger/vocabulary.js';

export const Nullable = <T extends TSchema>(schema: T): TUnion<[T, TNull]> => Type.Union([schema, Type.Null()]);

export const Limit = Type.Integer({ minimum: 1, maximum: 500, default: 50 });
export const Cursor = Type.String({ maxLength: 200, description: 'Opaque cursor from next_cursor' });
// A calendar date (2025-02-30 is refused, not rolled over into March) from year 1 on.
export const DateString = Type.String({ format: 'date', pattern: '^(?!0000)\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
export const Id = Type.String({ minLength: 1, maxLength: 64 });

export const LineOfBusiness = Type.Enum(LINES_OF_BUSINESS);
export const Product = Type.Enum(PRODUCTS);
export const RiskTier = Type.Enum(RISK_TIERS);
export const ActionType = Type.Enum(ACTION_TYPES);
export const Outcome = Type.Enum(OUTCOMES);
export const Channel = Type.Enum(CHANNELS);
export const StaffRole = Type.Enum(STAFF_ROLES);
export const PartnerKind = Type.Enum(PARTNER_KINDS);
export const Status = Type.Enum(STATUSES);
export const ImportJobStatus = Type.Enum(IMPORT_JOB_STATUSES);

/** A count, or "suppressed" where a partner may not see it (small, or giving a small count away). */
export const SuppressibleCount = Type.Union([Type.Integer(), Type.Literal('suppressed')]);

// Partner relationships (SPEC.md §7).
export const Arrangement = Type.Enum(ARRANGEMENTS);
export const Direction = Type.Enum(DIRECTIONS);
export const MeasureSource = Type.Enum(MEASURE_SOURCES);
export const TouchpointKind = Type.Enum(TOUCHPOINT_KINDS);
export const TouchpointType = Type.Enum(TOUCHPOINT_TYPES);
export const HealthStatus = Type.Enum(HEALTH_STATUSES);
