import { describe, expect, it } from '@jest/globals';
import { advance, close, completeTask, start } from './engine.js';
import { PLAYBOOKS } from './load.js';
import { type Playbook } from './schema.js';
import { type ResponseState, type TaskResult } from './state.js';
import { view } from './view.js';

const playbook = PLAYBOOKS['malware-ransomware'] as Playbook;
const owner = { id: 'aad-owner', name: 'Dr Owner' };
const at = (minutes: number) => new Date(Date.UTC(2026, 5, 1, 8, minutes)).toISOString();

function ok(result: TaskResult): ResponseState {
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

describe('view', () => {
  it('shows the current phase, its tasks, what blocks advancing and progress per phase', () => {
    let state = ok(start(playbook, owner, at(0)));
    state = ok(
      completeTask(state, playbook, 'isolate-device', owner, at(2), 'FRONTDESK-01 isolated'),
    );
    const shown = view(state, playbook);
    expect(shown).toMatchObject({
      playbook: { id: 'malware-ransomware', title: 'Malware or ransomware', version: 1 },
      startedOnVersion: 1,
      phase: 'detection',
      phaseLabel: 'Detection',
      closed: false,
      blocking: [
        { id: 'confirm-detection', title: 'Confirm the detection and the devices involved' },
      ],
      canAdvance: false,
      next: 'analysis',
      canClose: false,
      closeAnytime: ['FalsePositive', 'BenignPositive'],
      closure: null,
    });
    expect(shown.tasks.map((task) => [task.id, task.required, task.done])).toEqual([
      ['confirm-detection', true, false],
      ['isolate-device', true, true],
      ['call-insurer', false, false],
    ]);
    expect(shown.tasks[1]).toMatchObject({ by: owner, at: at(2), note: 'FRONTDESK-01 isolated' });
    expect(shown.tasks[1]?.guidance).toMatch(/Isolate device \(full\)/);
    expect(
      shown.phases.map((phase) => [phase.phase, phase.status, phase.requiredDone, phase.required]),
    ).toEqual([
      ['detection', 'current', 1, 2],
      ['analysis', 'upcoming', 0, 5],
      ['containment', 'upcoming', 0, 3],
      ['eradication', 'upcoming', 0, 3],
      ['recovery', 'upcoming', 0, 3],
      ['lessons_learned', 'upcoming', 0, 2],
    ]);
  });

  it('marks the breach decision task, overridden phases, and the phases a false positive skipped', () => {
    let state = ok(start(playbook, owner, at(0)));
    state = ok(
      advance(state, playbook, owner, at(1), { override: 'isolated by MSP', mayOverride: true }),
    );
    expect(view(state, playbook).tasks.find((task) => task.opensBreachTrack)?.id).toBe(
      'assess-phi-involvement',
    );
    state = ok(
      close(state, playbook, owner, at(3), {
        classification: 'FalsePositive',
        reason: 'IncorrectAlertLogic',
      }),
    );
    const shown = view(state, playbook);
    expect(shown).toMatchObject({
      phase: 'closed',
      closed: true,
      tasks: [],
      blocking: [],
      next: null,
      canAdvance: false,
    });
    expect(shown.phases.map((phase) => [phase.phase, phase.status, phase.override])).toEqual([
      ['detection', 'overridden', 'isolated by MSP'],
      ['analysis', 'done', null],
      ['containment', 'skipped', null],
      ['eradication', 'skipped', null],
      ['recovery', 'skipped', null],
      ['lessons_learned', 'skipped', null],
    ]);
  });

  it('allows a TruePositive close once lessons learned is done', () => {
    let state = ok(start(playbook, owner, at(0)));
    for (let i = 0; i < 5; i += 1) {
      state = ok(
        advance(state, playbook, owner, at(i + 1), { override: 'drill', mayOverride: true }),
      );
    }
    expect(view(state, playbook)).toMatchObject({
      phase: 'lessons_learned',
      canAdvance: false,
      next: 'closed',
      canClose: false,
    });
    state = ok(completeTask(state, playbook, 'post-incident-review', owner, at(10)));
    state = ok(completeTask(state, playbook, 'update-playbook', owner, at(11)));
    expect(view(state, playbook).canClose).toBe(true);
  });
});
