// Playbooks for the demo plan (seed 003): a payer partner whose Medicare Advantage contracts are
// real CMS contract numbers of the 2026 Star Ratings shipped in data/, and a provider partner,
// each with a gap analysis worked as plan-do-study-act cycles. Dates are relative to `today`.
import type { Playbook } from '../partners/playbook.schema.js';

const shift = (today: string, days: number): string =>
  new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

export function demoPlaybooks(today: string): Record<string, Playbook> {
  return { P0004: payerPlaybook(today), P0001: providerPlaybook(today) };
}

function payerPlaybook(today: string): Playbook {
  return {
    market_players: [
      {
        name: 'Evergreen Health Plan',
        role: 'payer (this partner)',
        can_deliver: 'Medicare Advantage and Medicaid lives in six counties',
        cannot_deliver: 'in-home follow-up after discharge',
      },
      {
        name: 'Riverside Medical Group',
        role: 'provider',
        can_deliver: 'primary care capacity in King and Pierce',
        cannot_deliver: 'behavioral health, evening hours',
      },
      {
        name: 'Harvest Food Bank',
        role: 'community partner',
        can_deliver: 'food boxes, benefits enrollment',
        cannot_deliver: 'clinical data',
      },
    ],
    required_outcomes:
      'Star measures C01 (breast cancer screening), C14 (blood pressure control), C21 (follow-up after ED visits); readmissions under 15%.',
    differentiator: 'Our community health workers reach members the plan has not reached by phone, in their language.',
    wants: {
      financial_requirements: 'Per-member-per-month for care coordination; shared savings above a 2% corridor.',
      timelines: 'Term sheet by the end of the quarter; go-live January 1.',
      outcomes_we_can_meet: 'Contact rate above 40% for high-risk members; follow-up within 7 days of an ED visit for 60%.',
      data_we_need: 'Monthly eligibility and ADT feeds; quarterly claims extracts.',
      financial_risk: 'Upside only in year one; up to 5% downside from year two.',
    },
    cms_contract_ids: ['H0028', 'H0104'],
    gaps: [
      {
        gap_id: 'G1',
        assumed_need: 'More primary care appointments',
        stated_want: 'Fewer avoidable ED visits among dual-eligible members',
        current_offer: 'Appointment scheduling by phone',
        gap: 'No after-hours triage or in-home follow-up',
      },
      {
        gap_id: 'G2',
        assumed_need: 'Member outreach in English',
        stated_want: 'Outreach in Spanish and Vietnamese with cultural brokers',
        current_offer: 'English scripts, interpreter line',
        gap: 'Bilingual CHWs in two counties',
      },
    ],
    improvements: [
      {
        item_id: 'I1',
        gap_id: 'G1',
        title: 'Pilot nurse home visits within 72 hours of discharge',
        owner_staff_id: null,
        starts_on: shift(today, -120),
        due_on: shift(today, -10),
        status: 'study',
        learned: '',
      },
      {
        item_id: 'I2',
        gap_id: 'G2',
        title: 'Hire two bilingual CHWs for Yakima and Okanogan',
        owner_staff_id: null,
        starts_on: shift(today, -30),
        due_on: shift(today, 60),
        status: 'do',
        learned: '',
      },
    ],
  };
}

function providerPlaybook(today: string): Playbook {
  return {
    market_players: [
      {
        name: 'Valley Family Health',
        role: 'provider (this partner)',
        can_deliver: 'primary care, behavioral health, telehealth',
        cannot_deliver: 'transportation',
      },
    ],
    required_outcomes: 'Contact rate and guided renewals in the shared savings agreement; ED visits per 1,000 reported quarterly.',
    differentiator: 'Care managers embedded in their two largest clinics.',
    wants: {
      financial_requirements: 'Shared savings paid within 90 days of year end.',
      timelines: 'Renewal talks 120 days before the term ends.',
      outcomes_we_can_meet: 'Guided renewals above 50%.',
      data_we_need: 'Their ED visit counts monthly, not quarterly.',
      financial_risk: 'None beyond the current agreement.',
    },
    cms_contract_ids: [],
    gaps: [
      {
        gap_id: 'G1',
        assumed_need: 'Data on our members',
        stated_want: 'A named contact for escalations',
        current_offer: 'A shared inbox',
        gap: 'No single owner for the relationship on our side',
      },
    ],
    improvements: [
      {
        item_id: 'I1',
        gap_id: 'G1',
        title: 'Name a relationship owner and meet monthly',
        owner_staff_id: null,
        starts_on: shift(today, -60),
        due_on: shift(today, -30),
        status: 'done',
        learned: 'Monthly calls cut escalations in half.',
      },
    ],
  };
}
