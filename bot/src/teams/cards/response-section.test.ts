import { describe, expect, it } from '@jest/globals';
import {
  blankAssessment,
  breachObligations,
  openBreach,
  withAssessment,
  withNotification,
} from '../../../../core/breach/index.js';
import {
  advance,
  BREACH_DECISION_TASK,
  close,
  completeTask,
  type ResponseState,
  view,
} from '../../../../core/playbooks/index.js';
import { responseSection, type BreachSummary } from './response-section.js';
import {
  at,
  dana,
  executes,
  ok,
  playbookOf,
  reach,
  sam,
  shown,
  SPEC_VERBS,
  texts,
} from './test-support.js';

const playbook = playbookOf('account-compromise');
const section = (state: ResponseState, breach: BreachSummary | null = null, now = at(600)) =>
  responseSection({ incidentNumber: 42, view: view(state, playbook), breach, now });
const all = (s: Parameters<typeof texts>[0]) => texts(s).join('\n');
const titles = (s: ReturnType<typeof section>) => s.actions.map((a) => a.title);

/** A breach discovered at 09:00 on 2 March 2026 with Ontario patients, IPC notice due at +72 h. */
function ontarioBreach(now: string, notifiedIpc = false): BreachSummary {
  let record = withAssessment(
    openBreach(dana, at(0)),
    {
      ...blankAssessment(at(0)),
      ontarioIndividuals: 12,
      canadaIndividuals: 12,
      phipaCircumstances: ['stolen'],
    },
    dana,
    at(5),
  );
  if (notifiedIpc) {
    record = withNotification(record, { party: 'ipc', at: at(90), method: 'portal', by: 'Dana' });
  }
  return { obligations: breachObligations(record, now), notReportable: false, assessed: true };
}

describe('response section', () => {
  it('starts at detection: checklist, strip, and advance blocked by the open required tasks', () => {
    const s = section(reach(playbook, 'detection'));
    const required = playbook.phases.detection.filter((t) => t.required);
    const text = all({ body: s.body });
    expect(text).toContain(`Response: ${playbook.title}`);
    expect(text).toContain('Phase: Detection');
    expect(text).toContain('Detection ● → Analysis → Containment');
    expect(text).toContain(`☐ ${required[0]?.title} · **required**`);
    expect(text).toContain(`Advance is blocked by: ${required.map((t) => t.title).join('; ')}.`);
    expect(titles(s)).toEqual([
      'Mark a task done',
      'Override gate (full access)',
      'Close as false or benign positive',
      'Add a note',
    ]);
  });

  it('offers the open tasks to tick, with an optional note, as playbook.done', () => {
    const state = ok(
      completeTask(reach(playbook, 'detection'), playbook, 'confirm-sign-in', sam, at(3)),
    );
    const form = shown(section(state), 'Mark a task done');
    const task = form.body.find((e) => e.type === 'Input.ChoiceSet');
    const open = playbook.phases.detection.filter((t) => t.id !== 'confirm-sign-in');
    expect(task?.type === 'Input.ChoiceSet' && task.choices.map((c) => c.value)).toEqual(
      open.map((t) => t.id),
    );
    expect(
      form.body.map((e) => (e.type === 'Input.Text' || e.type === 'Input.ChoiceSet' ? e.id : null)),
    ).toEqual(['task', 'note']);
    expect(form.actions).toEqual([
      {
        type: 'Action.Execute',
        title: 'Mark done',
        verb: 'playbook.done',
        data: { incident: 42 },
        style: 'positive',
      },
    ]);
  });

  it('shows who did each task and, with nothing required open, an Advance button', () => {
    const detection = reach(playbook, 'detection');
    let state = detection;
    for (const t of playbook.phases.detection.filter((t) => t.required)) {
      state = ok(completeTask(state, playbook, t.id, sam, at(7), 'checked the sign-in log'));
    }
    const s = section(state);
    const text = all({ body: s.body });
    expect(text).toContain('— Sam Clinician, Mon 2 Mar 09:07 UTC');
    expect(text).toContain('Note: checked the sign-in log');
    expect(text).toContain('Ready to advance to Analysis.');
    expect(s.actions).toContainEqual({
      type: 'Action.Execute',
      title: 'Advance to Analysis',
      verb: 'playbook.advance',
      data: { incident: 42 },
    });
    expect(titles(s)).not.toContain('Override gate (full access)');
  });

  it('asks an override for a reason, and shows the phase left by override afterwards', () => {
    const form = shown(section(reach(playbook, 'detection')), 'Override gate (full access)');
    expect(form.body).toContainEqual(
      expect.objectContaining({ type: 'Input.Text', id: 'override', isRequired: true }),
    );
    expect(form.actions?.[0]).toMatchObject({ verb: 'playbook.advance', data: { incident: 42 } });
    const passed = ok(
      advance(reach(playbook, 'detection'), playbook, dana, at(9), {
        override: 'owner confirmed by phone',
        mayOverride: true,
      }),
    );
    const text = all({ body: section(passed).body });
    expect(text).toContain('Detection ✓ (override) → Analysis ●');
    expect(text).toContain('Detection was left by override: owner confirmed by phone');
  });

  it('offers the breach assessment once the PHI decision task is done', () => {
    const analysis = reach(playbook, 'analysis');
    expect(titles(section(analysis))).not.toContain('Breach assessment');
    const decided = ok(completeTask(analysis, playbook, BREACH_DECISION_TASK, sam, at(40)));
    expect(section(decided).actions).toContainEqual({
      type: 'Action.Execute',
      title: 'Breach assessment',
      verb: 'breach.assess',
      data: { incident: 42 },
    });
  });

  it('lists breach deadlines with how far off they are, overdue ones in attention colour', () => {
    const state = reach(playbook, 'analysis');
    const soon = section(state, ontarioBreach(at(20 * 60)), at(20 * 60));
    expect(all(soon)).toMatch(
      /Open · IPC Ontario · due Thu 5 Mar 2026 09:00 UTC, in 2 d 4 h · PHIPA s\.12\(3\)/,
    );
    const late = section(state, ontarioBreach(at(75 * 60)), at(75 * 60));
    const overdue = late.body.flatMap((e) => (e.type === 'Container' ? e.items : []));
    expect(overdue).toContainEqual(
      expect.objectContaining({
        text: expect.stringContaining(
          'Overdue · IPC Ontario · due Thu 5 Mar 2026 09:00 UTC, 3 h overdue',
        ),
        color: 'Attention',
      }),
    );
    expect(all(section(state, ontarioBreach(at(75 * 60), true), at(75 * 60)))).toContain(
      'Done · IPC Ontario · notified Mon 2 Mar 2026 10:30 UTC',
    );
    expect(titles(late)).toContain('Breach assessment');
  });

  it('says when the breach track is open but not assessed', () => {
    const s = section(reach(playbook, 'analysis'), {
      obligations: [],
      notReportable: false,
      assessed: false,
    });
    expect(all(s)).toContain('Open, not assessed yet');
  });

  it('lets only FalsePositive and BenignPositive close before lessons learned is done', () => {
    const early = shown(
      section(reach(playbook, 'containment')),
      'Close as false or benign positive',
    );
    const choice = (id: string) =>
      early.body.find((e) => e.type === 'Input.ChoiceSet' && e.id === id);
    const values = (id: string) => {
      const found = choice(id);
      return found?.type === 'Input.ChoiceSet' ? found.choices.map((c) => c.value) : [];
    };
    expect(values('classification')).toEqual(['BenignPositive', 'FalsePositive']);
    expect(values('reason')).toEqual([
      'SuspiciousButExpected',
      'IncorrectAlertLogic',
      'InaccurateData',
    ]);
    const last = reach(playbook, 'lessons_learned', { all: true });
    let ready = last;
    for (const t of playbook.phases.lessons_learned)
      ready = ok(completeTask(ready, playbook, t.id, sam, at(500)));
    const s = section(ready);
    expect(all({ body: s.body })).toContain('Lessons learned is done: ready to close.');
    const form = shown(s, 'Close');
    expect(form.actions?.[0]).toMatchObject({ verb: 'incident.close', data: { incident: 42 } });
    const classification = form.body.find(
      (e) => e.type === 'Input.ChoiceSet' && e.id === 'classification',
    );
    expect(classification?.type === 'Input.ChoiceSet' && classification.choices.length).toBe(4);
    expect(all({ body: section(last).body })).toContain(
      'Closing as TruePositive or Undetermined is blocked by:',
    );
  });

  it('once closed shows the closure and only a note button; owed notices are still pointed to', () => {
    const closed = ok(
      close(reach(playbook, 'analysis'), playbook, dana, at(80), {
        classification: 'FalsePositive',
        reason: 'InaccurateData',
      }),
    );
    const s = section(closed, ontarioBreach(at(75 * 60)), at(75 * 60));
    const text = all(s);
    expect(text).toContain(
      'Closed as FalsePositive (InaccurateData) by Dana Owner on Mon 2 Mar 2026 10:20 UTC.',
    );
    expect(text).toContain('Detection ✓ → Analysis ✓ → Closed ✓');
    expect(text).toContain('type `breach 42` for the assessment');
    expect(titles(s)).toEqual(['Add a note']);
    expect(shown(s, 'Add a note').body).toContainEqual(
      expect.objectContaining({ type: 'Input.Text', id: 'text', isRequired: true }),
    );
  });

  it('sends only SPEC verbs, each with the incident number', () => {
    const state = ok(
      completeTask(reach(playbook, 'analysis'), playbook, BREACH_DECISION_TASK, sam, at(40)),
    );
    const found = executes(section(state, ontarioBreach(at(600))));
    expect(found.length).toBeGreaterThan(4);
    for (const action of found) {
      expect(SPEC_VERBS).toContain(action.verb);
      expect(action.data.incident).toBe(42);
    }
  });
});
