/** Who is signed in and what they may do on each data class (SPEC §1). */

import type { Level, Me } from './types.js';

const ORDER: readonly Level[] = ['none', 'limited', 'read', 'readwrite', 'full'];

export class Session {
  constructor(readonly me: Me) {}

  /**
   * The caller's level on a data class; `unclassified` is the owner's alone. The server decides
   * every request again: this only chooses which controls to offer.
   */
  level(dataClass: string): Level {
    const given = this.me.permissions[dataClass];
    if (given && (ORDER as readonly string[]).includes(given)) return given as Level;
    return this.me.roles.includes('PracticeOwner') ? 'full' : 'none';
  }

  may(dataClass: string, needed: Level): boolean {
    return ORDER.indexOf(this.level(dataClass)) >= ORDER.indexOf(needed);
  }
}
