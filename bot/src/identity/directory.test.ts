import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { LocalDirectory } from './directory.js';

function file(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'directory-'));
  fs.writeFileSync(path.join(dir, 'users.json'), content);
  return path.join(dir, 'users.json');
}

describe('LOCAL_DIRECTORY_FILE', () => {
  it('gives each listed person their roles, looked up without regard to case', async () => {
    const users = [
      {
        aadObjectId: 'AB-1',
        name: 'Dana Owner',
        upn: 'dana@clinic.example',
        roles: ['PracticeOwner', 'ClinicalUser'],
      },
    ];
    const directory = LocalDirectory.fromFile(file(JSON.stringify({ users })));
    expect(await directory.lookup('ab-1')).toMatchObject({
      name: 'Dana Owner',
      roles: ['PracticeOwner', 'ClinicalUser'],
    });
    expect(await directory.lookup('someone-else')).toBeNull();
  });

  it('refuses a file with an unknown role or missing fields, naming the file and each entry', () => {
    const bad = file(
      JSON.stringify({
        users: [{ aadObjectId: 'x', name: 'X', upn: 'x@y', roles: ['Admin'] }, { name: 'No id' }],
      }),
    );
    expect(() => LocalDirectory.fromFile(bad)).toThrow(bad);
    expect(() => LocalDirectory.fromFile(bad)).toThrow(
      /users\.0\.roles\.0.*users\.1\.aadObjectId/s,
    );
    expect(() => LocalDirectory.fromFile(file('{"users": ['))).toThrow(/cannot read it as JSON/);
  });
});
