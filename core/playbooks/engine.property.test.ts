import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { advance, close, completeTask, note, start } from './engine.js';
import { PLAYBOOKS } from './load.js';
import { nextPhase, PHASES, RESPONSE_PHASES, type ResponsePhase } from './phases.js';
import { type Playbook } from './schema.js';
import {
  CLOSE_ANYTIME,
  type Classification,
  type ResponseState,
  type TaskResult,
} from './state.js';

const playbookIds = Object.keys(PLAYBOOKS);
const people = [
  { id: 'aad-owner', name: 'Dr Owner' },
  { id: 'aad-clinician', name: 'Sam Clinician' },
];

type Call =
  | {
      kind: 'task';
      focus: 'open' | 'current' | 'any';
      pick: number;
      actor: number;
      note: string | undefined;
    }
  | { kind: 'advance'; override: string | undefined; mayOverride: boolean; actor: number }
  | { kind: 'note'; text: string; actor: number }
  | { kind: 'close'; classification: string; reason: string | undefined; actor: number };

const actor = fc.nat({ max: people.length - 1 });
const call: fc.Arbitrary<Call> = fc.oneof(
  // Tasks weigh most, mostly open required ones of the current phase, so that runs get far:
  // gates are often met as well as often open.
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('task' as const),
      focus: fc.constantFrom('open' as const, 'open' as const, 'current' as const, 'any' as const),
      pick: fc.nat(),
      actor,
      note: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('advance' as const),
      override: fc.constantFrom(undefined, '', '  ', 'MSP already did it'),
      mayOverride: fc.boolean(),
      actor,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('note' as const), text: fc.string(), actor }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('close' as const),
      classification: fc.oneof(
        { weight: 8, arbitrary: fc.constantFrom('TruePositive', 'Undetermined', 'Nope') },
        { weight: 2, arbitrary: fc.constantFrom('FalsePositive', 'BenignPositive') },
      ),
      reason: fc.constantFrom(
        undefined,
        'SuspiciousActivity',
        'IncorrectAlertLogic',
        'SuspiciousButExpected',
      ),
      actor,
    }),
  },
);

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

function taskIds(playbook: Playbook): string[] {
  return [
    ...RESPONSE_PHASES.flatMap((phase) => playbook.phases[phase].map((task) => task.id)),
    'no-such-task',
  ];
}

function run(state: ResponseState, playbook: Playbook, step: Call, at: string): TaskResult {
  const by = people[step.actor]!;
  switch (step.kind) {
    case 'task': {
      const current = state.phase === 'closed' ? [] : playbook.phases[state.phase];
      const open = current.filter((task) => task.required && !state.tasks[task.id]);
      const pool =
        step.focus === 'open' && open.length > 0 ? open : step.focus === 'any' ? [] : current;
      const ids = pool.length > 0 ? pool.map((task) => task.id) : taskIds(playbook);
      return completeTask(state, playbook, ids[step.pick % ids.length]!, by, at, step.note);
    }
    case 'advance':
      return advance(state, playbook, by, at, {
        override: step.override,
        mayOverride: step.mayOverride,
      });
    case 'note':
      return note(state, by, at, step.text);
    case 'close':
      return close(state, playbook, by, at, {
        classification: step.classification,
        reason: step.reason,
      });
  }
}

const requiredDone = (state: ResponseState, playbook: Playbook, phase: ResponsePhase) =>
  playbook.phases[phase].every((task) => !task.required || state.tasks[task.id] !== undefined);

describe('the response engine, under any sequence of calls', () => {
  it('never passes a phase without its required tasks or a recorded override, and only grows the timeline', () => {
    // What the runs reached, to prove the generator exercises gates, overrides and every phase.
    const seen = { phases: new Set<string>(), overrides: 0, advances: 0, gates: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...playbookIds),
        fc.array(call, { minLength: 20, maxLength: 200 }),
        (playbookId, calls) => {
          const playbook = PLAYBOOKS[playbookId] as Playbook;
          const begun = start(playbook, people[0]!, '2026-01-05T08:00:00Z');
          if (!begun.ok) throw new Error(begun.message);
          let state = deepFreeze(begun.state);
          calls.forEach((step, index) => {
            const at = new Date(Date.UTC(2026, 0, 5, 8, index + 1)).toISOString();
            const before = state;
            const result = run(before, playbook, step, at); // throws if it mutates the frozen state
            if (!result.ok) {
              expect(result.message.length).toBeGreaterThan(0);
              if (result.code === 'gate') seen.gates += 1;
              return;
            }
            if (result.step === null) {
              expect(result.state).toBe(before);
              return;
            }
            const after = deepFreeze(result.state);
            // The timeline only grows: everything before is kept, the new step is appended.
            expect(after.steps.slice(0, before.steps.length)).toEqual(before.steps);
            expect(after.steps).toHaveLength(before.steps.length + 1);
            expect(after.steps.at(-1)).toEqual(result.step);
            for (const id of Object.keys(before.tasks))
              expect(after.tasks[id]).toEqual(before.tasks[id]);
            // Phases already left never change; only the current one may be left now.
            expect(after.phases.slice(0, before.phases.length - 1)).toEqual(
              before.phases.slice(0, -1),
            );

            if (after.phase !== before.phase) {
              const from = before.phase as ResponsePhase;
              if (after.phase === 'closed') {
                expect(result.step.kind).toBe('close');
                const anytime = CLOSE_ANYTIME.includes(
                  after.closure?.classification as Classification,
                );
                if (!anytime) {
                  expect(from).toBe('lessons_learned');
                  expect(requiredDone(before, playbook, 'lessons_learned')).toBe(true);
                }
              } else {
                expect(after.phase).toBe(nextPhase(from));
                if (!requiredDone(before, playbook, from)) {
                  expect(result.step.kind).toBe('override');
                  expect(result.step.note?.trim()).toBeTruthy();
                  expect(step).toMatchObject({ kind: 'advance', mayOverride: true });
                } else expect(result.step.kind).toBe('advance');
              }
            } else {
              expect(['task', 'note']).toContain(result.step.kind);
            }
            seen.phases.add(after.phase);
            if (result.step.kind === 'override') seen.overrides += 1;
            if (result.step.kind === 'advance') seen.advances += 1;
            state = after;
          });

          // The phase history walks the phases in order, and every phase left by advancing
          // either had its required tasks done or carries an override reason.
          expect(state.phase).toBe(state.phases.at(-1)!.phase);
          const visited = state.phases.map((record) => record.phase);
          const closed = visited.at(-1) === 'closed';
          expect(visited.slice(0, closed ? -1 : undefined)).toEqual(
            PHASES.slice(0, visited.length - (closed ? 1 : 0)),
          );
          state.phases.forEach((record, index) => {
            const next = state.phases[index + 1];
            if (!next || next.phase === 'closed') return;
            const overridden = state.steps.some(
              (entry) => entry.kind === 'override' && entry.phase === record.phase,
            );
            expect(
              requiredDone(state, playbook, record.phase as ResponsePhase) ||
                (overridden && record.override),
            ).toBeTruthy();
          });
        },
      ),
      { numRuns: 200 },
    );
    expect([...seen.phases].sort()).toEqual([...PHASES].sort());
    expect(seen.overrides).toBeGreaterThan(20);
    expect(seen.advances).toBeGreaterThan(20);
    expect(seen.gates).toBeGreaterThan(20);
  });
});
