/**
 * Records for the documents' tests, built with the real engines (core/playbooks and
 * core/breach) rather than written as JSON, so they always have the shape production has.
 * The free text of the breach incident is full of a patient's identifiers on purpose: letters
 * must never repeat them.
 */
import {
  blankAssessment,
  type BreachAssessment,
  breachObligations,
  type BreachRecord,
  notReportableDecision,
  openBreach,
  withAssessment,
  withNotification,
} from '../breach/index.js';
import {
  advance,
  close,
  completeTask,
  note,
  type Playbook,
  PLAYBOOKS,
  type ResponsePhase,
  type ResponseState,
  start,
  timings,
} from '../playbooks/index.js';
import { type IncidentRecord } from './record.js';

export const PATIENT = 'Jane Quincy Patient';
export const OHIP = '1234-567-890-AB';
export const INJECTION =
  '# Injected heading\n[click me](https://evil.example/x) <b>bold</b> | cell';

export const dana = { id: 'aad-dana', name: 'Dana Owner' };
export const sam = { id: 'aad-sam', name: 'Sam Clinician' };

const BASE = Date.UTC(2026, 2, 2, 14, 0);
/** The time `hours` after 2026-03-02T14:00Z, ISO. */
export const t = (hours: number): string => new Date(BASE + hours * 3_600_000).toISOString();

type EngineCall = { ok: true; state: ResponseState } | { ok: false; message: string };

function ok(result: EngineCall): ResponseState {
  if (!result.ok) throw new Error(result.message);
  return result.state;
}

/** Completes every required task of the current phase (with notes) and advances. */
function finishPhase(state: ResponseState, playbook: Playbook, at: number): ResponseState {
  let s = state;
  for (const task of playbook.phases[s.phase as ResponsePhase].filter((x) => x.required)) {
    s = ok(completeTask(s, playbook, task.id, sam, t(at), `Checked for ${PATIENT}, OHIP ${OHIP}`));
  }
  return ok(advance(s, playbook, sam, t(at + 0.5), { mayOverride: false }));
}

/** A closed response with one override, an injected note and lessons-learned notes. */
function fullResponse(playbook: Playbook): ResponseState {
  let s = ok(start(playbook, dana, t(0), { why: 'title mentions chart access' }));
  s = finishPhase(s, playbook, 1); // detection → analysis
  s = finishPhase(s, playbook, 4); // analysis → containment (breach track opens at 4 h)
  s = ok(completeTask(s, playbook, 'suspend-access', sam, t(6)));
  s = ok(
    advance(s, playbook, dana, t(8), {
      override: `Courier returning ${PATIENT}'s printout; confirmation pending`,
      mayOverride: true,
    }),
  );
  s = finishPhase(s, playbook, 30); // eradication → recovery
  s = finishPhase(s, playbook, 50); // recovery → lessons learned
  s = ok(
    completeTask(s, playbook, 'post-incident-review', dana, t(120), 'Review held with all staff'),
  );
  s = ok(completeTask(s, playbook, 'update-playbook', dana, t(121), 'Added a printout check'));
  s = ok(note(s, sam, t(122), INJECTION));
  return ok(
    close(s, playbook, dana, t(130), {
      classification: 'TruePositive',
      reason: 'SuspiciousActivity',
    }),
  );
}

function assessment(overrides: Partial<BreachAssessment>): BreachAssessment {
  return { ...blankAssessment(t(4)), ...overrides };
}

/** Two assessments (the second in force), notices to individuals, the IPC (late) and CA media. */
function fullBreach(): BreachRecord {
  let b = openBreach(sam, t(4));
  b = withAssessment(b, assessment({ usIndividuals: 10, usByState: { CA: 10 } }), sam, t(4.5));
  const final = assessment({
    usIndividuals: 620,
    usByState: { CA: 520, NY: 80 },
    ontarioIndividuals: 40,
    canadaIndividuals: 45,
    phipaCircumstances: ['stolen', 'significant'],
    pipedaRealRisk: true,
    notes: `Printout of ${PATIENT}'s chart (OHIP ${OHIP}) left the clinic.\n${INJECTION}`,
  });
  b = withAssessment(b, final, dana, t(5));
  b = withNotification(b, {
    party: 'individuals',
    at: t(40),
    method: `letter to ${PATIENT}`,
    by: dana.name,
  });
  b = withNotification(b, { party: 'ipc', at: t(90), method: 'IPC online form', by: dana.name });
  return withNotification(b, {
    party: 'media',
    state: 'CA',
    at: t(100),
    method: 'press release',
    by: dana.name,
  });
}

function cleared(): BreachRecord {
  const a = assessment({ phiInvolved: true });
  const decided = notReportableDecision(
    {
      reasoning: 'The disclosed list held no identifiers and was deleted unread.',
      signedOffBy: dana,
      signedOffAt: t(6),
    },
    a,
  );
  if (!decided.ok) throw new Error(JSON.stringify(decided.problems));
  return { ...withAssessment(openBreach(sam, t(4)), a, sam, t(5)), decision: decided.decision };
}

/** Completes the record: obligations and timings computed at `generatedAt`. */
export function recordOf(
  parts: Partial<Omit<IncidentRecord, 'obligations' | 'timings'>>,
): IncidentRecord {
  const base = {
    practice: {
      name: 'Maple Family Health',
      privacyContact: 'Privacy Officer, 1-888-555-0100, privacy@maple.example',
    },
    incident: {
      number: 42,
      title: `Chart of ${PATIENT} (OHIP ${OHIP}) opened by unknown user`,
      severity: 'High',
      status: 'Closed',
      classification: 'TruePositive',
      classificationReason: 'SuspiciousActivity',
      url: 'https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident/x',
      createdAt: t(-0.2),
      owner: dana.name,
      tactics: ['Collection'],
      alertProducts: ['Microsoft Purview'],
    },
    dataClass: 'clinical',
    firstReceivedAt: t(-0.1),
    acknowledgedAt: t(0.05),
    acknowledgedBy: dana.name,
    response: null,
    playbook: null,
    breach: null,
    generatedAt: t(150),
    ...parts,
  };
  return {
    ...base,
    timings: base.response ? timings(base.response, base, base.generatedAt) : null,
    obligations: base.breach ? breachObligations(base.breach, base.generatedAt) : [],
  };
}

const phiPlaybook = PLAYBOOKS['unauthorized-phi-access'] as Playbook;

/** A true positive, closed, with a breach track under every law (HIPAA, PHIPA, PIPEDA). */
export function breachIncident(): IncidentRecord {
  return recordOf({
    response: fullResponse(phiPlaybook),
    playbook: phiPlaybook,
    breach: fullBreach(),
  });
}

/** A false positive closed from analysis: no breach track. */
export function falsePositiveIncident(): IncidentRecord {
  let s = ok(start(phiPlaybook, dana, t(0)));
  s = finishPhase(s, phiPlaybook, 1);
  s = ok(
    close(s, phiPlaybook, dana, t(3), {
      classification: 'FalsePositive',
      reason: 'InaccurateData',
    }),
  );
  return recordOf({ response: s, playbook: phiPlaybook });
}

/** A breach track whose assessment creates no obligation, with a signed decision. */
export function clearedIncident(): IncidentRecord {
  return recordOf({
    response: ok(start(phiPlaybook, dana, t(0))),
    playbook: phiPlaybook,
    breach: cleared(),
  });
}

/** Nothing but the alert: no response, no breach, no privacy contact. */
export function bareIncident(): IncidentRecord {
  return recordOf({
    practice: { name: 'Maple Family Health', privacyContact: null },
    acknowledgedAt: null,
    acknowledgedBy: null,
  });
}
