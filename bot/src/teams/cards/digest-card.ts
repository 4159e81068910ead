import { SEVERITIES, type Severity } from '../../../../core/incidents/index.js';
import { card, type AdaptiveCard, text } from './adaptive-card.js';

/** One incident as a digest lists it. */
export interface DigestLine {
  number: number;
  severity: Severity;
  status: string;
  dataClass: string;
  title: string;
}

/** Digest lines kept short so a digest of `MAX_DIGEST_LINES` stays far under the card limit. */
const MAX_TITLE = 140;

/** At most this many incidents in one digest card (about 25 KB of card at the longest titles). */
export const MAX_DIGEST_LINES = 100;

/**
 * An alert-storm digest (SPEC §3): incidents came faster than Teams lets cards into this
 * conversation, so they are listed here instead of each waiting for a card of its own. Most
 * severe first; `incident N` brings one's live card.
 */
export function digestCard(lines: readonly DigestLine[], since: string): AdaptiveCard {
  const order = (s: Severity) => SEVERITIES.indexOf(s);
  const sorted = [...lines].sort(
    (a, b) => order(a.severity) - order(b.severity) || a.number - b.number,
  );
  const counts = SEVERITIES.map((s) => [s, lines.filter((l) => l.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(' · ');
  return card([
    {
      type: 'Container',
      style: lines.some((l) => l.severity === 'High') ? 'attention' : 'warning',
      items: [
        text(`Alert storm: ${lines.length} incident${lines.length === 1 ? '' : 's'}`, {
          weight: 'Bolder',
          size: 'Medium',
        }),
        text(counts, { spacing: 'None' }),
      ],
    },
    text(
      `Incidents have been arriving faster than Teams allows cards in this conversation ` +
        `(since ${since}). Each is listed here instead of waiting; nothing was dropped. ` +
        'Type `incident N` for the live card of one.',
      { isSubtle: true },
    ),
    {
      type: 'FactSet',
      facts: sorted.map((l) => ({
        title: `#${l.number} · ${l.severity}`,
        value: `${clip(l.title)} (${l.dataClass}, ${l.status})`,
      })),
    },
  ]);
}

function clip(title: string): string {
  return title.length > MAX_TITLE ? `${title.slice(0, MAX_TITLE)}…` : title;
}
