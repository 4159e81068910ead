import { GENERIC_PLAYBOOK, PLAYBOOKS, type PlaybookLibrary } from './load.js';
import { type PlaybookMatches } from './schema.js';

/** What choosing a playbook looks at; core/incidents' `Incident` fits it as is. */
export interface IncidentSummary {
  title: string;
  tactics: readonly string[];
  alertProducts: readonly string[];
  entities: readonly { kind: string; name: string }[];
  labels: readonly string[];
}

/** A playbook's fit for an incident, with the hints that matched. */
export interface PlaybookScore {
  id: string;
  score: number;
  reasons: string[];
}

/**
 * Weights of the hints. A title phrase is the strongest signal and longer phrases are more
 * specific ("token theft" beats "theft"); a label is a person's or a rule's explicit word;
 * products say what kind of sensor fired; tactics and entity kinds are shared by many
 * incident types, so alone they never choose a playbook.
 */
const WEIGHTS = { label: 4, product: 2, tactic: 1, entityKind: 1 } as const;
const titleWeight = (words: number): number => 2 + words;

/** Below this score the `generic` playbook is used. */
export const MIN_SCORE = 3;

/** A label `Playbook:<id>` on the Sentinel incident chooses that playbook outright. */
const PLAYBOOK_LABEL = /^\s*playbook\s*:\s*([a-z0-9-]+)\s*$/i;

const words = (value: string): string =>
  value
    .toLowerCase()
    .replace(/[^a-z0-9*]+/g, ' ')
    .trim();
const compact = (value: string): string => value.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** `"sign-in from"` matches the words "sign in from"; a trailing `*` matches any word ending. */
function keywordPattern(keyword: string): RegExp {
  const normalised = words(keyword);
  const prefix = normalised.endsWith('*');
  const body = normalised
    .replace(/\*/g, '')
    .trim()
    .split(' ')
    .map((word) => word.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join(' ');
  return new RegExp(`(?:^| )${body}${prefix ? '[a-z0-9]*' : ''}(?= |$)`);
}

function scoreOf(id: string, matches: PlaybookMatches, incident: IncidentSummary): PlaybookScore {
  let score = 0;
  const reasons: string[] = [];
  const title = words(incident.title.replace(/\*/g, ' '));
  for (const keyword of new Set(matches.titleKeywords.map(words))) {
    if (keywordPattern(keyword).test(title)) {
      score += titleWeight(keyword.split(' ').length);
      reasons.push(`title mentions "${keyword.replace(/\*$/, '')}"`);
    }
  }
  const labels = new Set(incident.labels.map(compact));
  for (const label of matches.labels) {
    if (labels.has(compact(label))) {
      score += WEIGHTS.label;
      reasons.push(`label ${label}`);
    }
  }
  const products = new Set(incident.alertProducts.map(compact));
  for (const product of matches.alertProducts) {
    if (products.has(compact(product))) {
      score += WEIGHTS.product;
      reasons.push(`alert from ${product}`);
    }
  }
  const tactics = new Set(incident.tactics.map(compact));
  for (const tactic of matches.tactics) {
    if (tactics.has(compact(tactic))) {
      score += WEIGHTS.tactic;
      reasons.push(`tactic ${tactic}`);
    }
  }
  const kinds = new Set(incident.entities.map((entity) => compact(entity.kind)));
  for (const kind of matches.entityKinds) {
    if (kinds.has(compact(kind))) {
      score += WEIGHTS.entityKind;
      reasons.push(`${kind} entity`);
    }
  }
  return { id, score, reasons };
}

/**
 * Every playbook that matches the incident at all, best first (ties keep library order), with
 * the hints that matched: what a card shows as "why this playbook".
 */
export function rankPlaybooks(
  incident: IncidentSummary,
  library: PlaybookLibrary = PLAYBOOKS,
): PlaybookScore[] {
  const scores = Object.values(library)
    .filter((playbook) => playbook.id !== GENERIC_PLAYBOOK)
    .map((playbook) => scoreOf(playbook.id, playbook.matches, incident))
    .filter((entry) => entry.score > 0);
  return scores.sort((a, b) => b.score - a.score);
}

/**
 * The playbook id for an incident (SPEC §4): a `Playbook:<id>` label naming a known playbook
 * wins; else the best match by the playbooks' hints when it reaches `MIN_SCORE`; else `generic`.
 */
export function choosePlaybook(
  incident: IncidentSummary,
  library: PlaybookLibrary = PLAYBOOKS,
): string {
  for (const label of incident.labels) {
    const named = PLAYBOOK_LABEL.exec(label)?.[1]?.toLowerCase();
    if (named && Object.prototype.hasOwnProperty.call(library, named)) return named;
  }
  const best = rankPlaybooks(incident, library)[0];
  return best && best.score >= MIN_SCORE ? best.id : GENERIC_PLAYBOOK;
}
