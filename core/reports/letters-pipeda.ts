import { RULES } from '../breach/index.js';
import { blocks } from './markdown.js';
import {
  countOf,
  draftBanner,
  infoInvolved,
  type LetterFacts,
  ph,
  stepsList,
} from './letter-facts.js';

/** The OPC's public contact details, for the notice's statement of the right to complain. */
export const OPC_CONTACT = {
  name: 'Office of the Privacy Commissioner of Canada',
  address: '30 Victoria Street, Gatineau, Quebec K1A 1H3',
  phone: '1-800-282-1376',
  web: 'www.priv.gc.ca',
} as const;

const WHEN = (f: LetterFacts): string =>
  `${ph('the day on which, or the period during which, the breach occurred; if neither is known, the approximate period')}. It was discovered on ${f.discovered}.`;

/** Breach of Security Safeguards Regulations (SOR/2018-64) s.2(1): the report to the OPC. */
export function pipedaOpcLetter(f: LetterFacts): string {
  const notified = f.notifiedOn('individuals');
  const due = f.dueFor(RULES.pipedaIndividuals);
  const notice = notified
    ? `Affected individuals were notified starting ${notified}, ${ph('how: direct notice by letter, email or phone, or indirect notice')}.`
    : `${due ? `We intend to notify affected individuals directly by ${due}. ` : ''}${ph('the steps taken or intended to notify affected individuals, and how')}`;
  return blocks(
    '# Report of a breach of security safeguards to the Privacy Commissioner of Canada',
    draftBanner(
      f,
      'PIPEDA s.10.1(1) and the Breach of Security Safeguards Regulations, SOR/2018-64 s.2',
    ),
    `**To:** ${OPC_CONTACT.name} (the OPC’s breach report form)  \n**From:** ${f.practice}  \n**Date:** ${ph('date of sending')}`,
    '## (a) Circumstances of the breach and its cause, if known',
    ph(
      'circumstances of the breach and, if known, its cause, without names or other identifying details',
    ),
    '## (b) When the breach occurred',
    WHEN(f),
    '## (c) Personal information involved',
    infoInvolved(f.assessment),
    '## (d) Number of individuals affected',
    `${countOf(f.assessment?.canadaIndividuals, 'individuals affected in Canada, or an approximation')} individuals in Canada (Ontario included).`,
    '## (e) Steps taken to reduce the risk of harm or mitigate it',
    stepsList(f, 'other steps taken to reduce the risk of harm to affected individuals'),
    '## (f) Steps taken or intended to notify affected individuals',
    notice,
    '## (g) Contact person',
    `${f.contact}, who can answer the Commissioner’s questions about the breach on behalf of ${f.practice}.`,
  );
}

/** SOR/2018-64 s.3: the notice to each affected individual. */
export function pipedaIndividualLetter(f: LetterFacts): string {
  return blocks(
    '# Notice of a breach of security safeguards involving your personal information',
    draftBanner(
      f,
      'PIPEDA s.10.1(3) and the Breach of Security Safeguards Regulations, SOR/2018-64 s.3',
    ),
    `**From:** ${f.practice}  \n**Date:** ${ph('date of sending')}  \n**To:** ${ph('recipient name and address, added at mail merge')}`,
    `Dear ${ph('recipient name')},`,
    `We are writing to tell you about a breach of security safeguards at ${f.practice} involving your personal information, because we believe it creates a real risk of significant harm to you.`,
    '## What happened',
    ph(
      'circumstances of the breach, in plain language, without names or other identifying details',
    ),
    '## When it happened',
    WHEN(f),
    '## What information was involved',
    infoInvolved(f.assessment),
    '## What we have done to reduce the risk of harm',
    ph('the steps the practice has taken to reduce the risk of harm to you'),
    '## What you can do',
    ph(
      'steps you can take to reduce the risk of harm or mitigate it, e.g. watch for unusual messages that refer to your care, change passwords, contact your bank or card issuer',
    ),
    '## Questions',
    `Contact ${f.contact}. ${ph('make sure this includes a toll-free telephone number or an email address')}`,
    '## Complaints',
    `You may make a complaint to ${f.practice} through our internal complaint process: ${ph('how to make a complaint to the practice, to whom, and what happens next')}.`,
    `You also have the right under the Personal Information Protection and Electronic Documents Act to file a complaint with the ${OPC_CONTACT.name}: ${OPC_CONTACT.address}; toll-free ${OPC_CONTACT.phone}; ${OPC_CONTACT.web}.`,
    `Sincerely,\n\n${ph('name and title of the person signing')}  \n${f.practice}`,
  );
}
