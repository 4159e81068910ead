import { PHIPA_CIRCUMSTANCE_TEXT, PHIPA_CIRCUMSTANCES, RULES } from '../breach/index.js';
import { blocks } from './markdown.js';
import {
  countOf,
  draftBanner,
  infoInvolved,
  type LetterFacts,
  ph,
  stepsList,
} from './letter-facts.js';

/** The IPC's public contact details, as PHIPA s.12(2) notices must point people to them. */
export const IPC_CONTACT = {
  name: 'Information and Privacy Commissioner of Ontario',
  address: '2 Bloor Street East, Suite 1400, Toronto, Ontario M4W 1A8',
  phone: '1-800-387-0073',
  web: 'www.ipc.on.ca',
} as const;

const IPC_LINES = `${IPC_CONTACT.name}  \n${IPC_CONTACT.address}  \nToll-free: ${IPC_CONTACT.phone}  \nWeb: ${IPC_CONTACT.web}`;

/** PHIPA s.12(2): notice to each individual, with their right to complain to the IPC. */
export function phipaIndividualLetter(f: LetterFacts): string {
  return blocks(
    '# Notice of a privacy breach involving your personal health information',
    draftBanner(f, 'PHIPA s.12(2) (notice to the individual at the first reasonable opportunity)'),
    `**From:** ${f.practice}  \n**Date:** ${ph('date of sending')}  \n**To:** ${ph('recipient name and mailing address, added at mail merge')}`,
    `Dear ${ph('recipient name')},`,
    `We are writing to tell you that your personal health information in the custody of ${f.practice} was ${ph('stolen, lost, or used or disclosed without authority: choose what applies')}.`,
    '## What happened',
    `On ${ph('date of the breach, or the period, if known')}, ${ph('brief description of what happened, in plain language, without names or other identifying details')}. We became aware of it on ${f.discovered}.`,
    '## What information was involved',
    infoInvolved(f.assessment),
    '## What we have done',
    ph('describe the steps taken to contain the breach and prevent it from happening again'),
    '## Your right to complain to the Information and Privacy Commissioner',
    'You are entitled to make a complaint to the Information and Privacy Commissioner of Ontario under Part VI of the Personal Health Information Protection Act, 2004. You can reach the Commissioner at:',
    IPC_LINES,
    '## For more information',
    `Contact ${f.contact}.`,
    `Sincerely,\n\n${ph('name and title of the person signing')}  \n${f.practice}`,
  );
}

/** PHIPA s.12(3) with O. Reg. 329/04 s.6.3: the report to the IPC. */
export function ipcLetter(f: LetterFacts): string {
  const a = f.assessment;
  const chosen = PHIPA_CIRCUMSTANCES.filter((c) => a?.phipaCircumstances.includes(c));
  const circumstances =
    chosen.length > 0
      ? chosen.map((c) => `- ${PHIPA_CIRCUMSTANCE_TEXT[c]} (\`${c}\`)`).join('\n')
      : `- ${ph('which O. Reg. 329/04 s.6.3(1) circumstances apply')}`;
  const notified = f.notifiedOn('individuals');
  const due = f.dueFor(RULES.phipaIndividuals);
  const individuals = notified
    ? `Affected individuals were notified starting ${notified}, ${ph('how: letter, phone, email')}. Each notice says they may complain to the IPC.`
    : `${due ? `Notice to affected individuals is due by ${due}. ` : ''}${ph('how and when affected individuals were or will be notified')}`;
  return blocks(
    '# Report of a privacy breach to the Information and Privacy Commissioner of Ontario',
    draftBanner(
      f,
      'PHIPA s.12(3) and O. Reg. 329/04 s.6.3 (report to the IPC at the first reasonable opportunity)',
    ),
    `**To:** ${IPC_CONTACT.name}, ${IPC_CONTACT.address} (or the IPC’s online breach report form)  \n**From:** ${f.practice}, health information custodian  \n**Date:** ${ph('date of sending')}`,
    '## Custodian and contact',
    `${f.practice}. Contact: ${f.contact}.`,
    '## When',
    `Breach date or period: ${ph('date or period of the breach, if known')}. Discovered: ${f.discoveredAt}.`,
    '## What happened',
    ph(
      'circumstances of the breach and its cause if known, without names or other identifying details',
    ),
    '## Why the IPC is notified (O. Reg. 329/04 s.6.3(1))',
    circumstances,
    '## Individuals and information affected',
    `Ontario individuals affected: ${countOf(a?.ontarioIndividuals, 'Ontario individuals affected')}.`,
    infoInvolved(a),
    '## Containment and steps taken',
    stepsList(f, 'further containment steps and what was retrieved or secured'),
    '## Notification of individuals (PHIPA s.12(2))',
    individuals,
    '## Preventing a recurrence',
    ph('changes to safeguards, policies or training decided at the post-incident review'),
  );
}
