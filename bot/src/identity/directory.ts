import { z } from 'zod';
import { readJsonFile } from '../json-file.js';
import { ROLES, type Role } from '../../../core/access/index.js';

/** A person the app knows, with the app roles Entra ID (or the local directory) gives them. */
export interface DirectoryUser {
  aadObjectId: string;
  name: string;
  upn: string | null;
  roles: Role[];
}

/** Where roles of chat users come from: the local directory file or Entra ID through Graph. */
export interface RoleDirectory {
  /** The user, or null when the directory does not know them (they then hold no role). */
  lookup(aadObjectId: string): Promise<DirectoryUser | null>;
}

const directorySchema = z.object({
  users: z
    .array(
      z.object({
        aadObjectId: z.string().trim().min(1),
        name: z.string().trim().min(1),
        upn: z.string().trim().min(1),
        roles: z.array(z.enum(ROLES)),
      }),
    )
    .min(1),
});

/** Built-in demo directory: one user per role (synthetic people of a synthetic practice). */
export const DEMO_DIRECTORY: DirectoryUser[] = [
  {
    aadObjectId: '00000000-0000-4000-8000-000000000001',
    name: 'Dr. Avery Owner',
    upn: 'owner@northwindmed.example',
    roles: ['PracticeOwner'],
  },
  {
    aadObjectId: '00000000-0000-4000-8000-000000000002',
    name: 'Casey Clinician',
    upn: 'clinician@northwindmed.example',
    roles: ['ClinicalUser'],
  },
  {
    aadObjectId: '00000000-0000-4000-8000-000000000003',
    name: 'Blake Business',
    upn: 'business@northwindmed.example',
    roles: ['BusinessUser'],
  },
  {
    aadObjectId: '00000000-0000-4000-8000-000000000004',
    name: 'Sentinel Automation',
    upn: 'automation@northwindmed.example',
    roles: ['SystemUser'],
  },
];

/** Local mode: users and roles from `LOCAL_DIRECTORY_FILE` or the demo directory. */
export class LocalDirectory implements RoleDirectory {
  private readonly byId: Map<string, DirectoryUser>;

  constructor(readonly users: readonly DirectoryUser[]) {
    this.byId = new Map(users.map((u) => [u.aadObjectId.toLowerCase(), u]));
  }

  /** Reads and checks a directory file; the error names the file and what is wrong in it. */
  static fromFile(file: string): LocalDirectory {
    return new LocalDirectory(readJsonFile('LOCAL_DIRECTORY_FILE', file, directorySchema).users);
  }

  async lookup(aadObjectId: string): Promise<DirectoryUser | null> {
    return this.byId.get(aadObjectId.toLowerCase()) ?? null;
  }
}
