import { MEDIA_THRESHOLD, RULES, US_STATES, type UsState } from '../breach/index.js';
import { blocks } from './markdown.js';
import {
  countOf,
  draftBanner,
  infoInvolved,
  type LetterFacts,
  ph,
  stepsList,
} from './letter-facts.js';

const WHAT_HAPPENED = (f: LetterFacts): string =>
  `On ${ph('date of the breach, or the period during which it happened, if known')}, ${ph('brief description of what happened, in plain language, without names or other identifying details')}. We discovered the breach on ${f.discovered}.`;

const PROTECT_YOURSELF = ph(
  'steps individuals should take to protect themselves, e.g. review statements from your health insurer and providers, watch for unfamiliar services, place a fraud alert or credit freeze if financial identifiers were involved',
);

/** The five elements of 164.404(c)(1), shared by the individual and the media notice. */
function hipaaElements(f: LetterFacts): string[] {
  return [
    '## What happened',
    WHAT_HAPPENED(f),
    '## What information was involved',
    infoInvolved(f.assessment),
    '## What you can do',
    PROTECT_YOURSELF,
    '## What we are doing',
    `We are investigating the breach, limiting any harm and protecting against further breaches. ${ph('describe in plain words what the practice did and is doing to investigate, mitigate harm and prevent it happening again')}`,
    '## For more information',
    `Contact ${f.contact}. ${ph('make sure this includes a toll-free telephone number and an email address, website or postal address (164.404(c)(1)(E))')}`,
  ];
}

/** 45 CFR 164.404(c): the notice to each affected US individual. */
export function hipaaIndividualLetter(f: LetterFacts): string {
  return blocks(
    `# Notice of a breach of your health information`,
    draftBanner(f, 'HIPAA 45 CFR 164.404 (notice to individuals, in plain language)'),
    `**From:** ${f.practice}  \n**Date:** ${ph('date of mailing')}  \n**To:** ${ph('recipient name and mailing address, added at mail merge')}`,
    `Dear ${ph('recipient name')},`,
    `We are writing to tell you about a breach of privacy at ${f.practice} that may involve your health information.`,
    ...hipaaElements(f),
    `Sincerely,\n\n${ph('name and title of the person signing')}  \n${f.practice}`,
  );
}

/** 45 CFR 164.406: the notice to prominent media outlets serving one state. */
export function mediaLetter(f: LetterFacts, state: UsState | null): string {
  const residents = state ? f.assessment?.usByState[state] : undefined;
  const where = state ? US_STATES[state] : ph('state');
  return blocks(
    `# Media notice: breach of health information affecting residents of ${where}`,
    draftBanner(f, 'HIPAA 45 CFR 164.406 (notice to prominent media outlets)'),
    `**FOR IMMEDIATE RELEASE**  \n**Date:** ${ph('date of release')}  \n**To:** ${ph(`prominent media outlets serving ${state ? US_STATES[state] : 'the state'}`)}`,
    `${f.practice} is notifying ${countOf(residents, 'residents affected')} residents of ${where} of a breach of unsecured protected health information (more than ${MEDIA_THRESHOLD} residents of the state are affected).`,
    ...hipaaElements(f),
  );
}

/** 45 CFR 164.408: what the HHS breach portal asks, filled from the record. */
export function hhsLetter(f: LetterFacts): string {
  const a = f.assessment;
  const large = (a?.usIndividuals ?? 0) >= MEDIA_THRESHOLD;
  const media = a ? Object.entries(a.usByState).filter(([, n]) => (n ?? 0) > MEDIA_THRESHOLD) : [];
  const individualsNotified = f.notifiedOn('individuals');
  const fields: [string, string][] = [
    [
      'Report type',
      !a
        ? ph(`${MEDIA_THRESHOLD} or more individuals, or fewer than ${MEDIA_THRESHOLD}`)
        : large
          ? `Breach affecting ${MEDIA_THRESHOLD} or more individuals (164.408(b), with the individual notices)`
          : `Breach affecting fewer than ${MEDIA_THRESHOLD} individuals (164.408(c), annual submission)`,
    ],
    ['Due', f.dueFor(large ? RULES.hipaaHhs : RULES.hipaaHhsLog) ?? ph('due date')],
    ['Covered entity', `${f.practice}; type: Healthcare Provider`],
    ['Covered entity address', ph('street address, city, state or province, postal code')],
    ['Contact', f.contact],
    ['Business associate involved', ph('yes or no; if yes, its name and contact')],
    ['Breach start date', ph('date the breach began')],
    ['Breach end date', ph('date the breach ended, if it has')],
    ['Discovery date', f.discoveredAt],
    [
      'Approximate number of individuals affected',
      countOf(a?.usIndividuals, 'US individuals affected'),
    ],
    [
      'Type of breach',
      ph(
        'Hacking/IT Incident, Unauthorized Access/Disclosure, Theft, Loss, Improper Disposal or Other',
      ),
    ],
    [
      'Location of breached information',
      ph(
        'Laptop, Desktop Computer, Network Server, Email, Other Portable Electronic Device, Electronic Medical Record, Paper/Films or Other',
      ),
    ],
    ['Type of PHI involved', ph('Demographic, Financial, Clinical and/or Other')],
    [
      'Brief description of the breach',
      ph('what happened, without names or other identifying details'),
    ],
    [
      'Safeguards in place before the breach',
      ph(
        'Privacy Rule safeguards, Security Rule administrative, physical and technical safeguards, or none',
      ),
    ],
    [
      'Individual notice provided',
      individualsNotified
        ? `yes, starting ${individualsNotified}`
        : ph('date individual notice was provided'),
    ],
    [
      'Substitute notice required',
      ph('yes or no (10 or more individuals with out-of-date contact information)'),
    ],
    [
      'Media notice required',
      !a
        ? ph('yes or no: more than 500 residents of one state affected')
        : media.length > 0
          ? `yes: ${media.map(([code]) => US_STATES[code as UsState]).join(', ')}`
          : 'no (no state with more than 500 residents affected)',
    ],
  ];
  return blocks(
    '# Report to the Secretary of HHS: breach of unsecured PHI',
    draftBanner(f, 'HIPAA 45 CFR 164.408 (the HHS breach portal, ocrportal.hhs.gov)'),
    'Enter these answers in the HHS breach portal.',
    fields.map(([k, v]) => `- **${k}:** ${v}`).join('\n'),
    '## Actions taken in response',
    stepsList(
      f,
      'other actions, e.g. trained workforce members, revised policies, sanctioned workforce members, offered credit monitoring',
    ),
  );
}
