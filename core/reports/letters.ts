import { RULES, type TrackedObligation, US_STATES, type UsState } from '../breach/index.js';
import { letterFacts } from './letter-facts.js';
import { ipcLetter, phipaIndividualLetter } from './letters-ontario.js';
import { pipedaIndividualLetter, pipedaOpcLetter } from './letters-pipeda.js';
import { hhsLetter, hipaaIndividualLetter, mediaLetter } from './letters-us.js';
import { type IncidentRecord } from './record.js';

/** The draft letters the documents service can build, one per notice a law requires. */
export const LETTER_KINDS = [
  'hipaa-individual',
  'hhs',
  'media',
  'phipa-individual',
  'ipc',
  'pipeda-opc',
  'pipeda-individual',
] as const;
/** One kind of draft notice. */
export type LetterKind = (typeof LETTER_KINDS)[number];

const TITLES: Record<LetterKind, string> = {
  'hipaa-individual': 'Notice to individuals (HIPAA 45 CFR 164.404)',
  hhs: 'Report to the Secretary of HHS (HIPAA 45 CFR 164.408)',
  media: 'Notice to the media (HIPAA 45 CFR 164.406)',
  'phipa-individual': 'Notice to individuals (PHIPA s.12(2))',
  ipc: 'Report to the IPC (PHIPA s.12(3), O. Reg. 329/04 s.6.3)',
  'pipeda-opc': 'Report to the OPC (PIPEDA s.10.1(1), SOR/2018-64 s.2)',
  'pipeda-individual': 'Notice to individuals (PIPEDA s.10.1(3), SOR/2018-64 s.3)',
};

// Which notice each rule asks for. The s.6.4 annual statistics, PIPEDA's s.10.2 notices to
// other organizations, its s.10.3 record and PCI's acquirer notice have no letter here.
const KIND_OF_RULE: Readonly<Record<string, LetterKind>> = {
  [RULES.hipaaIndividuals]: 'hipaa-individual',
  [RULES.hipaaMedia]: 'media',
  [RULES.hipaaHhs]: 'hhs',
  [RULES.hipaaHhsLog]: 'hhs',
  [RULES.phipaIndividuals]: 'phipa-individual',
  [RULES.phipaIpc]: 'ipc',
  [RULES.pipedaOpc]: 'pipeda-opc',
  [RULES.pipedaIndividuals]: 'pipeda-individual',
};

/** A letter a record calls for: its kind, the state for media notices, and its obligation. */
export interface LetterRef {
  kind: LetterKind;
  state: UsState | null;
  title: string;
  obligation: TrackedObligation;
}

/** A draft letter: a title for lists and file names, and the Markdown body. */
export interface Letter {
  title: string;
  markdown: string;
}

function titleOf(kind: LetterKind, state: UsState | null): string {
  return state ? `${TITLES[kind]}: ${US_STATES[state]}` : TITLES[kind];
}

/**
 * The letters a record's obligations call for, in obligation order: one per notice, one media
 * notice per state. Obligations that are records to keep, or notices without a template
 * (PIPEDA s.10.2, PCI), give none.
 */
export function lettersFor(record: IncidentRecord): LetterRef[] {
  return record.obligations.flatMap((obligation): LetterRef[] => {
    const kind = obligation.kind === 'notify' ? KIND_OF_RULE[obligation.rule] : undefined;
    if (!kind) return [];
    return [{ kind, state: obligation.state, title: titleOf(kind, obligation.state), obligation }];
  });
}

/** The only state with a media obligation, when there is exactly one. */
function onlyMediaState(record: IncidentRecord): UsState | null {
  const states = record.obligations.filter((o) => o.state !== null).map((o) => o.state);
  return states.length === 1 ? (states[0] ?? null) : null;
}

/**
 * A draft notice of `kind` built from the record. Facts the record lacks are bold, bracketed
 * placeholders. No letter carries the incident title, notes, timeline text or any other free
 * text from the record, which may hold PHI: only dates, counts, categories, the practice's
 * own details and playbook task titles. `state` chooses the state of a media notice (default:
 * the only state with one, else a placeholder).
 */
export function notificationLetter(
  record: IncidentRecord,
  kind: LetterKind,
  state?: UsState | null,
): Letter {
  const f = letterFacts(record);
  const mediaState = kind === 'media' ? (state ?? onlyMediaState(record)) : null;
  const build: Record<LetterKind, () => string> = {
    'hipaa-individual': () => hipaaIndividualLetter(f),
    hhs: () => hhsLetter(f),
    media: () => mediaLetter(f, mediaState),
    'phipa-individual': () => phipaIndividualLetter(f),
    ipc: () => ipcLetter(f),
    'pipeda-opc': () => pipedaOpcLetter(f),
    'pipeda-individual': () => pipedaIndividualLetter(f),
  };
  return {
    title: `DRAFT ${titleOf(kind, mediaState)}: incident #${record.incident.number}`,
    markdown: build[kind](),
  };
}
