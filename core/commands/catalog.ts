import type { ClassAction } from '../access/policy.js';
import type { RecordClass } from '../access/matrix.js';

/** A chat command's entry in help and the manifest: how to write it and what it needs. */
export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  /** The permission the command needs, or null when every signed-in person may run it. */
  needs: { action: ClassAction; dataClass: RecordClass } | null;
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
];

export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((spec) => spec.name === name);
}
