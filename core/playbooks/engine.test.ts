import { describe, expect, it } from '@jest/globals';
import { advance, close, completeTask, note, start } from './engine.js';
import { PLAYBOOKS } from './load.js';
import { type ResponsePhase } from './phases.js';
import { type Playbook } from './schema.js';
import { type EngineFailure, type ResponseState, type TaskResult } from './state.js';

const playbook = PLAYBOOKS['account-compromise'] as Playbook;
const dana = { id: 'aad-dana', name: 'Dana Owner' };
const sam = { id: 'aad-sam', name: 'Sam Clinician' };
const at = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, minutes)).toISOString();

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** The new state of a successful call, frozen so a later call that mutates it would throw. */
function ok(result: TaskResult): ResponseState {
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return deepFreeze(result.state);
}

function refused(result: TaskResult): EngineFailure {
  if (result.ok) throw new Error('expected a refusal');
  return result;
}

function started(): ResponseState {
  return ok(start(playbook, dana, at(0), { why: 'title mentions "impossible travel"' }));
}

/** Completes the phase's required tasks and advances, until `phase` is reached. */
function reach(phase: ResponsePhase): ResponseState {
  let state = started();
  let minute = 1;
  while (state.phase !== phase) {
    for (const task of playbook.phases[state.phase as ResponsePhase]) {
      if (task.required) state = ok(completeTask(state, playbook, task.id, sam, at(minute++)));
    }
    state = ok(advance(state, playbook, sam, at(minute++), { mayOverride: false }));
  }
  return state;
}

describe('start', () => {
  it('begins at detection with a start step saying which playbook and why', () => {
    const result = start(playbook, dana, '2026-03-02T04:00:00-05:00', { why: 'chosen by Dana' });
    expect(result).toMatchObject({
      ok: true,
      state: {
        playbookId: 'account-compromise',
        playbookVersion: 1,
        phase: 'detection',
        tasks: {},
        phases: [{ phase: 'detection', enteredAt: '2026-03-02T09:00:00.000Z', leftAt: null }],
        closure: null,
      },
      step: {
        at: '2026-03-02T09:00:00.000Z',
        by: dana,
        kind: 'start',
        phase: 'detection',
        text: 'Started the Account compromise playbook (account-compromise v1) at detection. Why: chosen by Dana',
      },
    });
    expect(result.ok && result.state.steps).toEqual([result.ok && result.step]);
  });

  it.each([
    ['a time without a zone', dana, '2026-03-02T09:00:00'],
    ['no time', dana, ''],
    ['an impossible date', dana, '2026-02-30T09:00:00Z'],
    ['an actor without a name', { id: 'x', name: ' ' }, at(0)],
  ])('refuses %s', (_what, actor, time) => {
    expect(refused(start(playbook, actor, time)).code).toBe('invalid');
  });
});

describe('completeTask', () => {
  it('records who, when and the note, and adds a task step', () => {
    const result = completeTask(
      started(),
      playbook,
      'Confirm-Sign-In',
      sam,
      at(5),
      '  from Lagos ',
    );
    expect(result).toMatchObject({
      ok: true,
      state: {
        tasks: {
          'confirm-sign-in': { done: true, by: sam, at: at(5), note: 'from Lagos' },
        },
      },
      step: {
        kind: 'task',
        phase: 'detection',
        task: 'confirm-sign-in',
        note: 'from Lagos',
        text: 'Done: confirm-sign-in (Confirm the suspicious sign-in).',
      },
    });
  });

  it('names the tasks of the phase when the task is unknown', () => {
    expect(refused(completeTask(started(), playbook, 'isolate-device', sam, at(1)))).toEqual({
      ok: false,
      code: 'unknown_task',
      message:
        'No task "isolate-device" in the Account compromise playbook. Tasks of detection: confirm-sign-in (Confirm the suspicious sign-in), ask-user (Ask the user whether it was them), check-user-risk (Check Identity Protection risk).',
    });
  });

  it('refuses a task of a later phase', () => {
    expect(refused(completeTask(started(), playbook, 'revoke-sessions', sam, at(1)))).toEqual({
      ok: false,
      code: 'later_phase',
      message:
        'Task revoke-sessions (Revoke sessions) belongs to containment; the response is in detection. Finish detection and advance first.',
    });
  });

  it('treats doing a task again as a no-op flagged already', () => {
    const once = ok(completeTask(started(), playbook, 'ask-user', sam, at(1)));
    const again = completeTask(once, playbook, 'ask-user', dana, at(2), 'again');
    expect(again).toEqual({ ok: true, state: once, step: null, already: true });
  });

  it('accepts late documentation of an earlier phase, saying which phase it belongs to', () => {
    const state = reach('containment');
    const result = completeTask(state, playbook, 'check-user-risk', sam, at(50));
    expect(result).toMatchObject({
      ok: true,
      step: {
        phase: 'containment',
        text: 'Done: check-user-risk (Check Identity Protection risk) (a detection task).',
      },
    });
  });

  it('refuses a note that is too long, and a call with another playbook', () => {
    expect(
      refused(completeTask(started(), playbook, 'ask-user', sam, at(1), 'x'.repeat(2001))).code,
    ).toBe('invalid');
    const phishing = PLAYBOOKS.phishing as Playbook;
    expect(refused(completeTask(started(), phishing, 'confirm-phish', sam, at(1)))).toMatchObject({
      code: 'wrong_playbook',
      message: 'This response runs the account-compromise playbook, not phishing.',
    });
  });
});

describe('advance', () => {
  it('is blocked while required tasks are open, naming them', () => {
    const result = refused(
      advance(reach('containment'), playbook, dana, at(40), { mayOverride: true }),
    );
    expect(result.code).toBe('gate');
    expect(result.message).toBe(
      'Cannot advance from containment: 2 required tasks are open: revoke-sessions (Revoke sessions), reset-credentials (Reset credentials and require MFA re-registration). Finish them first, or someone with full access to this incident can override with a reason.',
    );
    expect(result.open).toEqual([
      { id: 'revoke-sessions', title: 'Revoke sessions', phase: 'containment' },
      {
        id: 'reset-credentials',
        title: 'Reset credentials and require MFA re-registration',
        phase: 'containment',
      },
    ]);
  });

  it('moves on once the required tasks are done, leaving optional ones open', () => {
    let state = reach('containment');
    state = ok(completeTask(state, playbook, 'revoke-sessions', sam, at(41)));
    state = ok(completeTask(state, playbook, 'reset-credentials', sam, at(42)));
    const result = advance(state, playbook, sam, at(43), { mayOverride: false });
    expect(result).toMatchObject({
      ok: true,
      state: { phase: 'eradication' },
      step: {
        kind: 'advance',
        phase: 'containment',
        to: 'eradication',
        text: 'Advanced from containment to eradication.',
      },
    });
    const phases = result.ok ? result.state.phases : [];
    expect(phases.slice(-2)).toEqual([
      expect.objectContaining({ phase: 'containment', leftAt: at(43) }),
      { phase: 'eradication', enteredAt: at(43), leftAt: null },
    ]);
    expect(phases.at(-2)).not.toHaveProperty('override');
  });

  it('needs a reason to override', () => {
    const result = refused(
      advance(reach('containment'), playbook, dana, at(40), { override: '  ', mayOverride: true }),
    );
    expect(result.code).toBe('gate');
    expect(result.message).toMatch(
      /^Cannot advance from containment: 2 required tasks are open: .*An override needs a reason\.$/,
    );
  });

  it('lets only a full user override', () => {
    const result = refused(
      advance(reach('containment'), playbook, sam, at(40), {
        override: 'user locked out, call centre',
        mayOverride: false,
      }),
    );
    expect(result.code).toBe('forbidden');
    expect(result.message).toMatch(
      /^Only someone with full access to this incident's data can override a gate\. Cannot advance from containment: 2 required/,
    );
    expect(result.open).toHaveLength(2);
  });

  it('records an override step with the reason and what was open', () => {
    const reason = 'Account already disabled by Microsoft; sessions revoked by the MSP';
    const result = advance(reach('containment'), playbook, dana, at(40), {
      override: reason,
      mayOverride: true,
    });
    expect(result).toMatchObject({
      ok: true,
      state: { phase: 'eradication' },
      step: {
        kind: 'override',
        by: dana,
        phase: 'containment',
        to: 'eradication',
        note: reason,
        text: `Advanced from containment to eradication by override with 2 required tasks open: revoke-sessions (Revoke sessions), reset-credentials (Reset credentials and require MFA re-registration). Reason: ${reason}`,
      },
    });
    expect(
      result.ok && result.state.phases.find((record) => record.phase === 'containment'),
    ).toMatchObject({
      override: reason,
      leftAt: at(40),
    });
  });

  it('refuses to advance past lessons learned: use close', () => {
    expect(
      refused(advance(reach('lessons_learned'), playbook, dana, at(90), { mayOverride: true }))
        .code,
    ).toBe('use_close');
  });
});

describe('note', () => {
  it('adds a note step in the current phase, also after closing', () => {
    const closed = ok(close(started(), playbook, dana, at(3), { classification: 'FalsePositive' }));
    const result = note(closed, sam, at(4), ' Called the user back. ');
    expect(result).toMatchObject({
      ok: true,
      step: { kind: 'note', phase: 'closed', text: 'Called the user back.' },
    });
    expect(result.ok && result.state.steps).toHaveLength(3);
  });

  it('refuses an empty note', () => {
    expect(refused(note(started(), sam, at(4), '   '))).toMatchObject({
      code: 'invalid',
      message: 'A note needs some text.',
    });
  });
});

describe('close', () => {
  it('refuses TruePositive before lessons learned, listing what is still required', () => {
    const result = refused(
      close(reach('recovery'), playbook, dana, at(80), { classification: 'TruePositive' }),
    );
    expect(result.code).toBe('gate');
    expect(result.message).toMatch(
      /^Cannot close as TruePositive from recovery: the response must reach lessons_learned and finish its required tasks first; 4 required tasks are open: restore-access .*Close as FalsePositive or BenignPositive if there was no real threat\.$/,
    );
    expect(result.open?.map((task) => task.id)).toEqual([
      'restore-access',
      'monitor-account',
      'post-incident-review',
      'update-playbook',
    ]);
  });

  it('refuses TruePositive and Undetermined while lessons-learned tasks are open', () => {
    let state = reach('lessons_learned');
    state = ok(
      completeTask(state, playbook, 'post-incident-review', dana, at(90), 'held 2026-03-09'),
    );
    for (const classification of ['TruePositive', 'Undetermined']) {
      expect(refused(close(state, playbook, dana, at(91), { classification }))).toMatchObject({
        code: 'gate',
        message: `Cannot close as ${classification}: 1 required lessons_learned task is open: update-playbook (Update this playbook).`,
        open: [{ id: 'update-playbook', title: 'Update this playbook', phase: 'lessons_learned' }],
      });
    }
  });

  it('closes a finished response and records the classification', () => {
    let state = reach('lessons_learned');
    state = ok(completeTask(state, playbook, 'post-incident-review', dana, at(90)));
    state = ok(completeTask(state, playbook, 'update-playbook', dana, at(91), 'no change'));
    const result = close(state, playbook, dana, at(92), {
      classification: 'truepositive',
      reason: 'suspiciousactivity',
    });
    expect(result).toMatchObject({
      ok: true,
      state: {
        phase: 'closed',
        closure: {
          classification: 'TruePositive',
          reason: 'SuspiciousActivity',
          at: at(92),
          by: dana,
        },
      },
      step: {
        kind: 'close',
        phase: 'lessons_learned',
        to: 'closed',
        text: 'Closed as TruePositive (SuspiciousActivity) from lessons_learned.',
      },
    });
    expect(result.ok && result.state.phases.at(-1)).toEqual({
      phase: 'closed',
      enteredAt: at(92),
      leftAt: null,
    });
  });

  it.each([
    ['FalsePositive', 'IncorrectAlertLogic', 'detection'],
    ['FalsePositive', 'InaccurateData', 'analysis'],
    ['BenignPositive', 'SuspiciousButExpected', 'containment'],
    ['BenignPositive', null, 'recovery'],
  ] as const)('closes as %s (%s) from %s, whatever is open', (classification, reason, phase) => {
    const result = close(reach(phase), playbook, dana, at(99), { classification, reason });
    expect(result).toMatchObject({
      ok: true,
      state: { phase: 'closed', closure: { classification, reason } },
    });
  });

  it('refuses unknown classifications and reasons that do not belong to the classification', () => {
    expect(
      refused(close(started(), playbook, dana, at(5), { classification: 'Resolved' })).message,
    ).toBe(
      '"Resolved" is not a classification; use Undetermined, TruePositive, BenignPositive, FalsePositive.',
    );
    expect(
      refused(
        close(started(), playbook, dana, at(5), {
          classification: 'FalsePositive',
          reason: 'SuspiciousActivity',
        }),
      ).message,
    ).toBe(
      '"SuspiciousActivity" is not a reason for FalsePositive; use IncorrectAlertLogic or InaccurateData (reasons follow Sentinel\'s pairs).',
    );
    expect(
      refused(
        close(started(), playbook, dana, at(5), {
          classification: 'Undetermined',
          reason: 'InaccurateData',
        }),
      ).code,
    ).toBe('invalid');
  });

  it('leaves a closed response closed: tasks, advance and close are refused', () => {
    const closed = ok(
      close(started(), playbook, dana, at(3), { classification: 'BenignPositive' }),
    );
    const expected = {
      ok: false,
      code: 'closed',
      message: 'The incident response is closed; only notes can be added now.',
    };
    expect(completeTask(closed, playbook, 'ask-user', dana, at(4))).toEqual(expected);
    expect(advance(closed, playbook, dana, at(4), { mayOverride: true })).toEqual(expected);
    expect(close(closed, playbook, dana, at(4), { classification: 'FalsePositive' })).toEqual(
      expected,
    );
  });
});
