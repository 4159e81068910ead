import type { ClassAction } from '../access/policy.js';
import type { RecordClass } from '../access/matrix.js';

/** A chat command's entry in help and the manifest: how to write it and what it needs. */
export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /**
   * The permission the command needs (`any`: on at least one class, since the incident decides),
   * or null when every signed-in person may run it.
   */
  needs: { action: ClassAction; dataClass: RecordClass | 'any' } | null;
}

/** Commands this version answers. Later capabilities add theirs here. */
export const COMMANDS: readonly CommandSpec[] = [
  { name: 'help', usage: 'help', summary: 'What you can do here, for your roles', needs: null },
  {
    name: 'whoami',
    usage: 'whoami',
    summary: 'Your roles and your row of the access matrix',
    needs: null,
  },
  {
    name: 'incidents',
    usage: 'incidents [open|mine|all]',
    summary: 'Incidents you may see, newest first',
    needs: { action: 'read', dataClass: 'any' },
  },
  {
    name: 'incident',
    usage: 'incident N',
    summary: "An incident's card",
    needs: { action: 'read', dataClass: 'any' },
  },
  {
    name: 'ack',
    usage: 'ack N',
    summary: 'Acknowledge an incident',
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'assign',
    usage: 'assign N me|<aad id>',
    summary: 'Assign an incident',
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'severity',
    usage: 'severity N <level>',
    summary: 'Change the severity (High, Medium, Low, Informational)',
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'classify',
    usage: 'classify N <class>',
    summary: 'Set the data class of an incident',
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'respond',
    usage: 'respond N [playbook]',
    summary: 'Start the response playbook and show its phase',
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'step',
    usage: 'step N',
    summary: 'Where the response is: phase, checklist, what blocks the next step',
    needs: { action: 'read', dataClass: 'any' },
  },
  {
    name: 'done',
    usage: 'done N <task> [note]',
    summary: 'Mark a playbook task done',
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'advance',
    usage: 'advance N [override <reason>]',
    summary: 'Move to the next phase (override: full access, with a reason)',
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'note',
    usage: 'note N <text>',
    summary: "Add a note to the incident's timeline",
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'breach',
    usage: 'breach N',
    summary: 'Breach assessment: who must be told, by when',
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'notified',
    usage: 'notified N <party> [when]',
    summary: 'Log a breach notice (individuals, hhs, media, ipc, opc, acquirer, other)',
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'close',
    usage: 'close N <classification> [reason]',
    summary: 'Close the incident (TruePositive, BenignPositive, FalsePositive, Undetermined)',
    needs: { action: 'act', dataClass: 'any' },
  },
  {
    name: 'subscribe',
    usage: 'subscribe <class…>',
    summary: 'Send incidents of these data classes to this channel or group chat',
    needs: { action: 'configure', dataClass: 'system' },
  },
  {
    name: 'unsubscribe',
    usage: 'unsubscribe <class…>',
    summary: 'Stop sending incidents of these data classes here',
    needs: { action: 'configure', dataClass: 'system' },
  },
  {
    name: 'subscriptions',
    usage: 'subscriptions',
    summary: 'Which data classes this conversation receives',
    needs: { action: 'configure', dataClass: 'system' },
  },
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((spec) => spec.name === name);
}
