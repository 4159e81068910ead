import type { Session } from './session.js';
import type { Incident } from './types.js';

/** What an incident detail panel gets: the incident, who is looking, and how to act on it. */
export interface DetailContext {
  incident: Incident;
  session: Session;
  /** Whether the caller may act on this incident (`readwrite` on its class). */
  canAct: boolean;
  /** Whether the caller has `full` on its class (override a gate, export, sign off). */
  full: boolean;
  /**
   * Runs a card verb (`POST /api/incidents/:n/actions`). On success the page shows the updated
   * incident, `done` is announced and focus goes to the heading of `panel`; on failure the
   * server's message is shown in the alert and the form keeps what was typed.
   */
  act(
    verb: string,
    data: Record<string, unknown>,
    options: { done: string; panel: string; control: HTMLElement | null },
  ): Promise<boolean>;
}
