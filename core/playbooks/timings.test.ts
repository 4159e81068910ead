import { describe, expect, it } from '@jest/globals';
import { advance, close, completeTask, start } from './engine.js';
import { PLAYBOOKS } from './load.js';
import { type ResponsePhase } from './phases.js';
import { type Playbook } from './schema.js';
import { type ResponseState, type TaskResult } from './state.js';
import { timings } from './timings.js';

const playbook = PLAYBOOKS['lost-stolen-device'] as Playbook;
const owner = { id: 'aad-owner', name: 'Dr Owner' };
const at = (minutes: number) =>
  new Date(Date.UTC(2026, 5, 1, 8, 0) + minutes * 60_000).toISOString();

function ok(result: TaskResult): ResponseState {
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

/** Does the phase's required tasks at `minute` and advances at `minute + 1`. */
function pass(state: ResponseState, minute: number): ResponseState {
  for (const task of playbook.phases[state.phase as ResponsePhase]) {
    if (task.required) state = ok(completeTask(state, playbook, task.id, owner, at(minute)));
  }
  return ok(advance(state, playbook, owner, at(minute + 1), { mayOverride: false }));
}

const incident = { firstReceivedAt: at(-10), acknowledgedAt: at(-4) };

describe('timings', () => {
  it('measures acknowledge, contain and close from first receipt, and each phase', () => {
    let state = ok(start(playbook, owner, at(0)));
    state = pass(state, 20); // detection 0 → 21
    state = pass(state, 60); // analysis 21 → 61
    state = pass(state, 100); // containment 61 → 101
    state = pass(state, 200); // eradication 101 → 201
    state = pass(state, 1000); // recovery 201 → 1001
    state = ok(completeTask(state, playbook, 'post-incident-review', owner, at(2000)));
    state = ok(completeTask(state, playbook, 'update-playbook', owner, at(2001)));
    state = ok(close(state, playbook, owner, at(2002), { classification: 'TruePositive' }));
    expect(timings(state, incident)).toEqual({
      toAcknowledge: 6 * 60,
      toContain: 111 * 60,
      toClose: 2012 * 60,
      inPhase: {
        detection: 21 * 60,
        analysis: 40 * 60,
        containment: 40 * 60,
        eradication: 100 * 60,
        recovery: 800 * 60,
        lessons_learned: 1001 * 60,
      },
    });
  });

  it('leaves what has not happened null, and counts the current phase up to now when given', () => {
    let state = ok(start(playbook, owner, at(0)));
    state = pass(state, 5);
    const open = { firstReceivedAt: at(-10), acknowledgedAt: null };
    expect(timings(state, open)).toEqual({
      toAcknowledge: null,
      toContain: null,
      toClose: null,
      inPhase: {
        detection: 6 * 60,
        analysis: null,
        containment: null,
        eradication: null,
        recovery: null,
        lessons_learned: null,
      },
    });
    expect(timings(state, open, at(36)).inPhase.analysis).toBe(30 * 60);
  });

  it('never reports a contain time for a false positive closed before containment ended', () => {
    let state = ok(start(playbook, owner, at(0)));
    state = pass(state, 5);
    state = pass(state, 10);
    state = ok(close(state, playbook, owner, at(15), { classification: 'FalsePositive' }));
    const result = timings(state, incident);
    expect(result.toContain).toBeNull();
    expect(result.toClose).toBe(25 * 60);
    expect(result.inPhase.containment).toBe(4 * 60);
    expect(result.inPhase.eradication).toBeNull();
  });

  it('does not go negative when clocks disagree, and ignores unknown times', () => {
    const state = ok(start(playbook, owner, at(0)));
    expect(timings(state, { firstReceivedAt: at(1), acknowledgedAt: at(0) }).toAcknowledge).toBe(0);
    expect(
      timings(state, { firstReceivedAt: null, acknowledgedAt: at(0) }).toAcknowledge,
    ).toBeNull();
  });
});
