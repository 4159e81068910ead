import { type BreachAssessment } from './assessment.js';
import { phipa, pipeda } from './canada.js';
import { hipaa } from './hipaa.js';
import { RULES, type Draft, type Obligation } from './model.js';
import { resolveSettings, type BreachSettings } from './settings.js';
import { HOUR_MS, instantOrThrow, isoOf } from './time.js';

export {
  BREACH_PARTIES,
  RULES,
  type BreachParty,
  type DoneWhen,
  type Obligation,
  type ObligationKind,
} from './model.js';
export { hhsLogDeadline } from './hipaa.js';
export { ipcAnnualDeadline } from './canada.js';

function pci(a: BreachAssessment, t0: number, s: BreachSettings, add: (o: Draft) => void): void {
  if (!a.cardholderData) return;
  const hours = s.pciTargetHours;
  add({
    id: 'pci-acquirer',
    rule: RULES.pci,
    party: 'acquirer',
    recipient: 'The acquirer, which relays to the payment brands as their rules require',
    kind: 'notify',
    dueAt: hours === null ? null : isoOf(t0 + hours * HOUR_MS),
    basis:
      hours === null
        ? 'Cardholder data involved: notify the acquirer and the payment brands per brand rules.'
        : `Cardholder data involved: notify the acquirer and the payment brands per brand rules (the practice's target: ${hours} h after discovery).`,
  });
}

/**
 * The obligations a breach assessment creates under SPEC §4, in the table's order (media by
 * state code). Empty when nothing applies: the caller must then record a not-reportable
 * decision (`notReportableDecision`). Pure and deterministic; `settings` defaults per
 * `DEFAULT_BREACH_SETTINGS`. Throws RangeError on an unparsed assessment's bad `discoveredAt`.
 */
export function obligations(
  assessment: BreachAssessment,
  settings: Partial<BreachSettings> = {},
): Obligation[] {
  const s = resolveSettings(settings);
  const t0 = instantOrThrow(assessment.discoveredAt, 'discoveredAt');
  const since = isoOf(t0);
  const result: Obligation[] = [];
  const add = (draft: Draft): void => {
    const { state = null, doneWhen = 'notified', ...rest } = draft;
    result.push({ ...rest, state, doneWhen, since });
  };
  const hours = s.firstReasonableOpportunityHours;
  const target = isoOf(t0 + hours * HOUR_MS);
  hipaa(assessment, t0, add);
  phipa(assessment, t0, target, hours, add);
  pipeda(assessment, t0, target, hours, add);
  pci(assessment, t0, s, add);
  return result;
}
