import { describe, expect, it } from '@jest/globals';
import { applyChange, changeProblems, defaultComment, isApplied } from './sentinel-change.js';

const current = {
  title: 'Impossible travel',
  severity: 'High',
  status: 'New',
  owner: {
    objectId: 'a',
    email: 'ana@clinic.ca',
    assignedTo: 'Ana',
    userPrincipalName: 'ana@clinic.ca',
  },
  classification: 'TruePositive',
  classificationReason: 'SuspiciousActivity',
};

describe('a Teams change applied to a Sentinel incident', () => {
  it('replaces the owner whole and keeps every other property', () => {
    const next = applyChange(current, { owner: { objectId: 'b', assignedTo: 'Ben' } });
    expect(next.owner).toEqual({
      objectId: 'b',
      email: null,
      assignedTo: 'Ben',
      userPrincipalName: null,
    });
    expect(next).toMatchObject({ title: 'Impossible travel', severity: 'High', status: 'New' });
    expect(current.owner.assignedTo).toBe('Ana');
  });

  it('drops the old reason when a new classification comes without one', () => {
    const next = applyChange(current, { classification: 'Undetermined', status: 'Closed' });
    expect(next).toMatchObject({ classification: 'Undetermined', status: 'Closed' });
    expect(next).not.toHaveProperty('classificationReason');
  });

  it('knows when the incident already shows the change, so a retry sends nothing', () => {
    expect(isApplied(current, { severity: 'High', status: 'New' })).toBe(true);
    expect(isApplied(current, { status: 'Active' })).toBe(false);
    const assigned = applyChange(current, { owner: { objectId: 'b', assignedTo: 'Ben' } });
    expect(isApplied(assigned, { owner: { objectId: 'b', assignedTo: 'Ben' } })).toBe(true);
    expect(isApplied(current, { owner: null })).toBe(false);
  });

  it('names what Sentinel would refuse', () => {
    expect(changeProblems({ severity: 'Urgent' as never, status: 'Active' })).toEqual(['severity']);
    expect(
      changeProblems({
        classification: 'FalsePositive',
        classificationReason: 'SuspiciousActivity',
      }),
    ).toEqual(['classificationReason']);
    expect(
      changeProblems({ classification: 'FalsePositive', classificationReason: 'InaccurateData' }),
    ).toEqual([]);
  });

  it('writes a comment naming the person and what changed', () => {
    expect(
      defaultComment({ status: 'Active', severity: 'Medium' }, 'Ana Lopez (ana@clinic.ca)'),
    ).toBe(
      'Updated in Microsoft Teams (Life Cockpit Security) by Ana Lopez (ana@clinic.ca): status Active, severity Medium.',
    );
  });
});
