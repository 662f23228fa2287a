import { describe, expect, it } from 'vitest';
import { projectStaffing } from './staffing';

const items = [
  { role: 'case_manager', high_risk: 60, low_risk: 0 },
  { role: 'case_manager', high_risk: 40, low_risk: 0 },
  { role: 'case_manager', high_risk: 0, low_risk: 300 },
  { role: 'chw', high_risk: 5, low_risk: 5 },
];
// Over 90 days: 2 case managers logged 900 actions in 300 hours for 450 members; 1 CHW 270 actions, 90 hours, 180 members.
const work = [
  { role: 'case_manager', staff: 2, actions: 900, hours: 300, members: 450 },
  { role: 'chw', staff: 1, actions: 270, hours: 90, members: 180 },
];

describe('the staffing what-if (issue 15)', () => {
  it('projects members per case manager by tier after adding or moving case managers', () => {
    const p = projectStaffing(items, work, 90, { high: 2, low: -1, chw: 0 });
    expect(p.high).toEqual({ members: 100, managers: 2, now: 50, then: 25 });
    // Moving the only low-risk case manager away leaves no one: no ratio to show.
    expect(p.low).toEqual({ members: 300, managers: 1, now: 300, then: null });
    expect(projectStaffing(items, work, 90, { high: 0, low: 1, chw: 0 }).low.then).toBe(150);
  });

  it("buys reach at the plan's own measured pace per person", () => {
    const p = projectStaffing(items, work, 90, { high: 1, low: 0, chw: 2 });
    // A case manager: 450 actions and 225 members per 90 days = 150 and 75 a month; a CHW: 90 and 60.
    expect(p.rates.case_manager).toEqual({ actionsPerHour: 3, actionsPerMonth: 150, membersPerMonth: 75 });
    expect(p.reach).toEqual({ actions: 150 + 2 * 90, members: 75 + 2 * 60, hours: 50 + 2 * 30 });
    // Moving staff between tiers buys no new reach.
    expect(projectStaffing(items, work, 90, { high: 1, low: -1, chw: 0 }).reach.actions).toBe(0);
  });
});
