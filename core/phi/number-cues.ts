import { nearestCue } from './text.js';

/**
 * Labels that say what a bare number is. The nearest label before a number decides: a health
 * card, SIN, SSN or phone label confirms it; a ticket, rule, run, order… label vetoes it, so a
 * Luhn-valid ticket number is not reported as a SIN.
 */

export const CUE_FAMILIES = ['hcn', 'sin', 'ssn', 'phone', 'other'] as const;
export type CueFamily = (typeof CUE_FAMILIES)[number];

const CUES = new RegExp(
  '(?<![A-Za-z])(?:' +
    [
      String.raw`(OHIP|HCN|OHN|RAMQ|[Hh]ealth[ _-]?(?:[Cc]ard|[Nn]umber|[Nn]o)|[Cc]arte [Ss]ant[ée])`,
      String.raw`(SINs?|[Ss]ocial [Ii]nsurance|NAS)`,
      String.raw`(SSNs?|[Ss]ocial [Ss]ecurity|SS#)`,
      String.raw`([Pp]hone|[Tt]el|[Tt]elephone|[Cc]all(?:back)?|[Cc]ell|[Mm]obile|[Ff]ax|SMS|[Tt]ext|[Cc]ontact)`,
      // Labels of numbers that are not PHI: the nearest one vetoes a bare number.
      String.raw`([Tt]icket|[Ii]ncident|[Cc]ase|[Rr]un|[Rr]ule|[Ee]vent|[Jj]ob|[Bb]uild|[Oo]rder|[Rr]equest|[Rr]eq|PID|[Pp]id|[Pp]rocess|[Pp]ort|I[Dd]|[Ii]d|KB|[Ii]nvoice|[Tt]ransaction|[Ss]ession|[Cc]orrelation|[Tt]racking|[Rr]ef|[Rr]eference|[Ss]erial|[Bb]atch|[Ss]eq|[Ss]equence|[Ee]rror|[Cc]ode|[Vv]ersion|[Hh]ash|[Cc]hecksum|[Oo]bject|[Tt]enant|[Ss]ubscription|[Cc]onfirmation|[Mm]essage|[Tt]race|[Ww]ork ?[Oo]rder|[Aa]ccount|[Cc]hange|[Ll]icense|[Ww]ire|[Pp]ackage|[Ss]hipment|[Rr]ecord [Cc]ount|[Bb]ytes|(?<![A-Za-z0-9])#)`,
    ].join('|') +
    ')(?![A-Za-z])',
  'g',
);

/** The family of the nearest label within 40 characters before `start`, if any. */
export function cueOf(text: string, start: number): CueFamily | null {
  return nearestCue(text, start, CUES, CUE_FAMILIES) as CueFamily | null;
}
