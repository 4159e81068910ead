import { type BreachAssessment } from './assessment.js';
import { PHIPA_CIRCUMSTANCE_TEXT, PHIPA_CIRCUMSTANCES } from './fields.js';
import { RULES, people, type Draft } from './model.js';
import { addUtcYears, endOfUtcDay, isoOf, utcDateText, utcYear } from './time.js';

/** O. Reg. 329/04 s.6.4: the annual statistics for a year are due by 1 March of the next (UTC). */
export function ipcAnnualDeadline(discoveredMs: number): number {
  return endOfUtcDay(utcYear(discoveredMs) + 1, 3, 1);
}

/** PHIPA s.12(2), s.12(3) with O. Reg. 329/04 s.6.3, and the s.6.4 annual statistics. */
export function phipa(
  a: BreachAssessment,
  t0: number,
  target: string,
  hours: number,
  add: (o: Draft) => void,
): void {
  // The breach track opens only on theft, loss, or use or disclosure without authority, so PHI
  // of Ontario individuals in an assessment is exactly PHIPA s.12(2)'s trigger.
  if (!a.phiInvolved) return;
  const soon = `at the first reasonable opportunity (the practice's target: ${hours} h after discovery)`;
  if (a.ontarioIndividuals > 0) {
    add({
      id: 'phipa-individuals',
      rule: RULES.phipaIndividuals,
      party: 'individuals',
      recipient: 'Each affected individual, told they may complain to the IPC',
      kind: 'notify',
      dueAt: target,
      basis: `PHI of ${people(a.ontarioIndividuals)} in Ontario stolen, lost, or used or disclosed without authority: notify each ${soon}, saying they may complain to the IPC.`,
    });
  }
  if (a.phipaCircumstances.length > 0) {
    const listed = PHIPA_CIRCUMSTANCES.filter((c) => a.phipaCircumstances.includes(c))
      .map((c) => PHIPA_CIRCUMSTANCE_TEXT[c])
      .join('; ');
    add({
      id: 'phipa-ipc',
      rule: RULES.phipaIpc,
      party: 'ipc',
      recipient: 'Information and Privacy Commissioner of Ontario',
      kind: 'notify',
      dueAt: target,
      basis: `O. Reg. 329/04 s.6.3 circumstances (${listed}): notify the IPC ${soon}.`,
    });
  }
  // A s.6.3 circumstance counts even with no Ontario resident affected: PHIPA binds the practice
  // as an Ontario custodian whoever the patient is, and whoever ticked it judged it applies.
  if (a.ontarioIndividuals > 0 || a.phipaCircumstances.length > 0) {
    const deadline = ipcAnnualDeadline(t0);
    add({
      id: 'phipa-annual',
      rule: RULES.phipaAnnual,
      party: 'ipc',
      recipient: 'Information and Privacy Commissioner of Ontario (annual statistics)',
      kind: 'record',
      doneWhen: 'reported_after_year_end',
      dueAt: isoOf(deadline),
      basis: `Every theft, loss, or use or disclosure without authority of PHI counts in the annual statistics to the IPC: report ${utcYear(t0)}'s by the end of ${utcDateText(deadline)} (UTC).`,
    });
  }
}

/** PIPEDA s.10.1 and s.10.2 notices, and the s.10.3 record. */
export function pipeda(
  a: BreachAssessment,
  t0: number,
  target: string,
  hours: number,
  add: (o: Draft) => void,
): void {
  if (!a.pipedaRealRisk) return;
  const soon = `as soon as feasible (the practice's target: ${hours} h after discovery)`;
  const notices = [
    [
      'pipeda-opc',
      RULES.pipedaOpc,
      'opc',
      'Office of the Privacy Commissioner of Canada',
      'report to the OPC',
    ],
    [
      'pipeda-individuals',
      RULES.pipedaIndividuals,
      'individuals',
      'Each affected individual',
      'notify each affected individual',
    ],
    [
      'pipeda-organizations',
      RULES.pipedaOrganizations,
      'other',
      'Organizations and government institutions that can reduce the risk of harm',
      'notify organizations that can reduce the risk of harm',
    ],
  ] as const;
  for (const [id, rule, party, recipient, what] of notices) {
    add({
      id,
      rule,
      party,
      recipient,
      kind: 'notify',
      dueAt: target,
      basis: `Real risk of significant harm: ${what} ${soon}.`,
    });
  }
  // s.10.3 asks for a record of every breach of security safeguards; listing it where PIPEDA
  // notices apply keeps "nothing applies" meaningful, and every incident record (assessment
  // included) is kept 6 years anyway (retention.ts), which covers the 24 months for all.
  const until = addUtcYears(t0, 2);
  add({
    id: 'pipeda-record',
    rule: RULES.pipedaRecord,
    party: 'opc',
    recipient: "The practice's breach record (the OPC may ask for it)",
    kind: 'record',
    doneWhen: 'retention_ended',
    dueAt: isoOf(until),
    basis: `Keep a record of the breach for 24 months (Breach of Security Safeguards Regulations s.6), counted from discovery: until ${utcDateText(until)}; the incident record itself is kept 6 years.`,
  });
}
