// Coverage → enrollments (and, when a member has no Coverage of their own, the coverage inside
// their ExplanationOfBenefit claims, as Synthea writes it), CareTeam → caseload, EpisodeOfCare →
// care programs.
import type { CareTeam, Coverage, EpisodeOfCare, ExplanationOfBenefit } from 'fhir/r4.js';
import { coverageOf } from './fhir-codes.js';
import type { ReadResource } from './fhir-sources.js';
import { dateOf, ignore, reject, rows, str, type FhirRow, type TranslateContext, type Translation } from './fhir-translate-types.js';

const coverageWords = (c: Coverage): (string | undefined)[] => [
  ...(c.class ?? []).flatMap((k) => [k.name, k.value]),
  ...(c.payor ?? []).map((p) => p.display),
];

export function translateCoverage(read: ReadResource, ctx: TranslateContext): Translation {
  const coverage = read.resource as unknown as Coverage;
  if (coverage.status === 'entered-in-error') return ignore('status is entered-in-error');
  const member = ctx.refs.resolve(coverage.beneficiary, 'Patient');
  if ('problem' in member) return reject('Coverage.beneficiary', member.problem);
  const kind = coverageOf(coverage.type, coverageWords(coverage));
  if (!kind) return reject('Coverage.type', 'does not say the line of business (no payer-typology code and no word for it)');
  if (kind.lob === 'none') return ignore('is no insurance');
  const from = dateOf(coverage.period?.start);
  if (!from) return reject('Coverage.period.start', 'is required (an enrollment needs its first day)');
  ctx.coveredMembers.add(member.id);
  return rows({
    file: 'enrollments',
    values: {
      member_id: member.id,
      line_of_business: kind.lob,
      product: kind.product,
      enrolled_from: from,
      enrolled_to: dateOf(coverage.period?.end),
    },
  });
}

/** A claim's coverage is kept for the end of the import, when spans are made (claimEnrollments). */
export function translateExplanationOfBenefit(read: ReadResource, ctx: TranslateContext): Translation {
  const eob = read.resource as unknown as ExplanationOfBenefit;
  const member = ctx.refs.resolve(eob.patient, 'Patient');
  if ('problem' in member) return reject('ExplanationOfBenefit.patient', member.problem);
  const insurance = eob.insurance?.find((i) => i.focal) ?? eob.insurance?.[0];
  const ref = insurance?.coverage?.reference;
  const contained = ref?.startsWith('#')
    ? (eob.contained ?? []).find((c) => c.resourceType === 'Coverage' && `#${c.id}` === ref)
    : undefined;
  if (!contained) return ignore('has no contained Coverage');
  const kind = coverageOf((contained as Coverage).type, coverageWords(contained as Coverage));
  if (!kind) return ignore('its Coverage does not say the line of business');
  const start = dateOf(eob.billablePeriod?.start);
  if (!start) return ignore('has no billablePeriod.start');
  const list = ctx.claimCoverage.get(member.id) ?? [];
  list.push({ lob: kind.lob, product: kind.lob === 'none' ? '' : kind.product, start, end: dateOf(eob.billablePeriod?.end) ?? start });
  ctx.claimCoverage.set(member.id, list);
  return { kind: 'used' };
}

/**
 * Enrollment spans from claims, for members with no Coverage of their own: consecutive claims of
 * the same line of business and product make one span, from the first claim's start to the last
 * one's end; a claim of another kind (or of no insurance) starts a new span.
 */
export function claimEnrollments(ctx: TranslateContext): FhirRow[] {
  const out: FhirRow[] = [];
  for (const [memberId, claims] of ctx.claimCoverage) {
    if (ctx.coveredMembers.has(memberId)) continue;
    claims.sort((a, b) => a.start.localeCompare(b.start));
    const spans: { lob: string; product: string; from: string; to: string }[] = [];
    for (const c of claims) {
      const last = spans[spans.length - 1];
      if (last && last.lob === c.lob && last.product === c.product) {
        if (c.end > last.to) last.to = c.end;
        continue;
      }
      // A span ends the day before the next kind of coverage starts, so spans never overlap.
      if (last && last.to >= c.start) last.to = dayBefore(c.start) < last.from ? last.from : dayBefore(c.start);
      spans.push({ lob: c.lob, product: c.product, from: c.start, to: c.end });
    }
    for (const s of spans) {
      if (s.lob === 'none') continue;
      out.push({
        file: 'enrollments',
        values: { member_id: memberId, line_of_business: s.lob, product: s.product, enrolled_from: s.from, enrolled_to: s.to },
      });
    }
  }
  return out;
}

const dayBefore = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function translateCareTeam(read: ReadResource, ctx: TranslateContext): Translation {
  const team = read.resource as unknown as CareTeam;
  if (team.status === 'entered-in-error' || team.status === 'proposed') return ignore(`status is ${team.status}`);
  const member = ctx.refs.resolve(team.subject, 'Patient');
  if ('problem' in member) return reject('CareTeam.subject', member.problem);
  const out: FhirRow[] = [];
  for (const [i, p] of (team.participant ?? []).entries()) {
    if (ctx.refs.typeOf(p.member) !== 'Practitioner') continue;
    const staff = ctx.refs.resolve(p.member, 'Practitioner');
    if ('problem' in staff) return reject(`CareTeam.participant[${i}].member`, staff.problem);
    const from = dateOf(p.period?.start) ?? dateOf(team.period?.start);
    if (!from) return reject(`CareTeam.participant[${i}].period.start`, 'is required (neither the participant nor the team has a start)');
    out.push({
      file: 'caseload',
      values: {
        member_id: member.id,
        staff_id: staff.id,
        assigned_on: from,
        unassigned_on: dateOf(p.period?.end) ?? dateOf(team.period?.end),
      },
    });
  }
  return out.length > 0 ? rows(...out) : ignore('has no practitioner among its participants');
}

export function translateEpisodeOfCare(read: ReadResource, ctx: TranslateContext): Translation {
  const episode = read.resource as unknown as EpisodeOfCare;
  if (episode.status === 'entered-in-error' || episode.status === 'planned' || episode.status === 'waitlist') {
    return ignore(`status is ${episode.status}`);
  }
  const member = ctx.refs.resolve(episode.patient, 'Patient');
  if ('problem' in member) return reject('EpisodeOfCare.patient', member.problem);
  const type = episode.type?.[0];
  const program = str(type?.coding?.find((c) => c.code)?.code) ?? str(type?.text);
  if (!program) return reject('EpisodeOfCare.type', 'is required (it names the care program)');
  const from = dateOf(episode.period?.start);
  if (!from) return reject('EpisodeOfCare.period.start', 'is required');
  return rows({
    file: 'care_programs',
    values: { member_id: member.id, program, enrolled_on: from, disenrolled_on: dateOf(episode.period?.end) },
  });
}
