import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { childProcessEnv } from '../config.js';
import type { DirectoryUser } from '../identity/directory.js';
import type { Logger } from '../logger.js';

/**
 * Starts the Microsoft 365 Agents Playground (a local Teams-like chat) against the bot, signed
 * in as the first owner of the local directory, with telemetry off. Its config file is written
 * into DATA_DIR so the repository stays clean.
 */
export function startPlayground(options: {
  rootDir: string;
  dataDir: string;
  botEndpoint: string;
  port: number;
  users: readonly DirectoryUser[];
  logger: Logger;
}): ChildProcess | null {
  const bin = path.join(
    options.rootDir,
    'node_modules',
    '@microsoft',
    'm365agentsplayground',
    'cli.js',
  );
  if (!fs.existsSync(bin)) {
    options.logger.warn(
      'Agents Playground is not installed (npm install with dev dependencies); chat is unavailable',
    );
    return null;
  }
  const folder = path.join(options.dataDir, 'playground');
  fs.mkdirSync(folder, { recursive: true });
  fs.writeFileSync(path.join(folder, '.m365agentsplayground.yml'), playgroundConfig(options.users));
  const child = spawn(
    process.execPath,
    [
      bin,
      '-e',
      options.botEndpoint,
      '-c',
      'msteams',
      '-p',
      String(options.port),
      '--disable-telemetry',
    ],
    {
      cwd: folder,
      stdio: ['ignore', 'ignore', 'pipe'],
      // No browser launch (the address is printed instead); telemetry is off by the flag above.
      env: childProcessEnv({ TEAMSAPPTESTER_BROWSER: 'none' }),
    },
  );
  child.stderr?.on('data', (chunk: Buffer) =>
    options.logger.debug({ playground: chunk.toString().slice(0, 500) }, 'playground'),
  );
  child.on('exit', (code) => options.logger.info({ code }, 'Agents Playground stopped'));
  return child;
}

/** The Playground's Teams context: the owner is "you", the other demo users are in the team. */
export function playgroundConfig(users: readonly DirectoryUser[]): string {
  const owner = users.find((u) => u.roles.includes('PracticeOwner')) ?? users[0];
  if (!owner) throw new Error('the local directory has no users');
  const others = users.filter((u) => u !== owner && !u.roles.every((r) => r === 'SystemUser'));
  // The Playground wants at least five other people; staff without an app role fill the rest.
  for (let n = 1; others.length < 5; n += 1) {
    others.push({
      aadObjectId: `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`,
      name: `Front Desk ${n}`,
      upn: `frontdesk${n}@northwindmed.example`,
      roles: [],
    });
  }
  const person = (u: DirectoryUser, i: number, indent: string): string => {
    const parts = u.name.split(' ');
    return [
      `${indent}id: user-${i}`,
      `${indent}name: ${JSON.stringify(u.name)}`,
      `${indent}givenName: ${JSON.stringify(parts.slice(0, -1).join(' ') || u.name)}`,
      `${indent}surname: ${JSON.stringify(parts.at(-1) ?? u.name)}`,
      `${indent}userPrincipleName: ${JSON.stringify(u.upn ?? '')}`,
      `${indent}aadObjectId: ${JSON.stringify(u.aadObjectId)}`,
      `${indent}email: ${JSON.stringify(u.upn ?? '')}`,
    ].join('\n');
  };
  return [
    'version: "0.1.0"',
    'tenantId: 00000000-0000-4000-8000-0000000000aa',
    'bot:',
    '  id: 00000000-0000-4000-8000-0000000000b0',
    '  name: Life Cockpit Security',
    'currentUser:',
    person(owner, 0, '  '),
    'users:',
    ...others.map((u, i) => person(u, i + 1, '    ').replace(/^ {4}/, '  - ')),
    'personalChat:',
    '  id: personal-chat-owner',
    'groupChat:',
    '  id: group-chat-practice',
    '  name: Practice security',
    'team:',
    '  id: team-northwind',
    '  name: Northwind Medical',
    '  aadGroupId: 00000000-0000-4000-8000-0000000000c0',
    '  channels:',
    '    - id: channel-security',
    '      name: Security',
    '',
  ].join('\n');
}
