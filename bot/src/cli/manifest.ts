import fs from 'node:fs';
import path from 'node:path';
import { deflateRawSync, crc32 } from 'node:zlib';
import { COMMANDS, type CommandSpec } from '../../../core/commands/index.js';
import { packageRoot } from '../paths.js';

/** The ids and host a deployment fills into manifest/manifest.template.json. */
export interface ManifestIds {
  /** The Teams app id (any GUID, fixed for the life of the app). */
  teamsAppId: string;
  /** The bot's Entra client id: the user-assigned managed identity's client id. */
  botClientId: string;
  /** The app registration that carries the app roles and the Teams SSO scope. */
  apiClientId: string;
  /** Where the service runs, host name only, e.g. `cockpit-prod.azurewebsites.net`. */
  hostname: string;
}

export type CommandScope = 'personal' | 'team' | 'groupChat';
export interface ManifestCommand {
  title: string;
  description: string;
}
export interface CommandList {
  scopes: CommandScope[];
  commands: ManifestCommand[];
}
/** The part of the manifest this builder touches; the rest comes from the template as is. */
export type AppManifest = Record<string, unknown> & {
  id: string;
  version: string;
  bots: Array<Record<string, unknown> & { botId: string; commandLists: CommandList[] }>;
  webApplicationInfo: { id: string; resource: string };
  validDomains: string[];
  icons: { color: string; outline: string };
};

/** Schema v1.19 limits for bot command menus; the Teams client shows no more than this. */
export const COMMAND_LIMITS = {
  lists: 3,
  commandsPerList: 10,
  title: 32,
  description: 128,
} as const;

export const MANIFEST_DIR = path.join(packageRoot(), 'manifest');
export const TEMPLATE_FILE = path.join(MANIFEST_DIR, 'manifest.template.json');

const SCOPES: readonly CommandScope[] = ['personal', 'team', 'groupChat'];
/** In every menu: the way in for everyone. */
const EVERY_MENU = new Set(['help']);
/** Route a channel or group chat; meaningless in a personal chat. */
const SHARED_ONLY = new Set(['subscribe', 'unsubscribe', 'subscriptions']);
/** Owner-only reports and checks: best typed in the owner's own chat. */
const PERSONAL_FIRST = new Set(['compliance', 'report', 'audit']);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

function preferredScopes(name: string): readonly CommandScope[] {
  if (SHARED_ONLY.has(name)) return ['team', 'groupChat'];
  if (PERSONAL_FIRST.has(name)) return ['personal'];
  return SCOPES;
}

function menuEntry(spec: CommandSpec): ManifestCommand {
  if (spec.name.length > COMMAND_LIMITS.title) {
    throw new Error(`command "${spec.name}" is longer than ${COMMAND_LIMITS.title} characters`);
  }
  const text = spec.usage === spec.name ? spec.summary : `${spec.usage} · ${spec.summary}`;
  const max = COMMAND_LIMITS.description;
  return {
    title: spec.name,
    description: text.length <= max ? text : `${text.slice(0, max - 1)}…`,
  };
}

/**
 * One command list per scope. Every command gets one place first (most constrained first, in the
 * emptiest menu it suits); the free places then go in the same order, so the routing commands show
 * in both shared menus and the earlier (commoner) catalog commands in more menus. Throws when the
 * catalog outgrows the menus, rather than leave a command out silently.
 */
export function commandListsFor(commands: readonly CommandSpec[] = COMMANDS): CommandList[] {
  const menus = new Map<CommandScope, Set<string>>(SCOPES.map((scope) => [scope, new Set()]));
  const room = (scope: CommandScope): number =>
    COMMAND_LIMITS.commandsPerList - menus.get(scope)!.size;
  const byConstraint = [...commands].sort(
    (a, b) => rank(a.name) - rank(b.name) || commands.indexOf(a) - commands.indexOf(b),
  );
  for (const { name } of byConstraint) {
    if (EVERY_MENU.has(name)) {
      for (const scope of SCOPES) place(scope, name);
      continue;
    }
    const open = (scopes: readonly CommandScope[]) => scopes.filter((scope) => room(scope) > 0);
    const pool =
      open(preferredScopes(name)).length > 0 ? open(preferredScopes(name)) : open(SCOPES);
    const best = pool.reduce<CommandScope | undefined>(
      (pick, scope) => (pick === undefined || room(scope) > room(pick) ? scope : pick),
      undefined,
    );
    place(best ?? SCOPES[0]!, name); // with no room anywhere, place() says so
  }
  for (const { name } of byConstraint) {
    for (const scope of preferredScopes(name)) if (room(scope) > 0) menus.get(scope)!.add(name);
  }
  return SCOPES.map((scope) => ({
    scopes: [scope],
    commands: commands.filter((spec) => menus.get(scope)!.has(spec.name)).map(menuEntry),
  }));

  function place(scope: CommandScope, name: string): void {
    if (room(scope) <= 0) {
      throw new Error(
        `the ${commands.length} commands do not fit the Teams command menus ` +
          `(${COMMAND_LIMITS.lists} lists of ${COMMAND_LIMITS.commandsPerList}): "${name}" has no place`,
      );
    }
    menus.get(scope)!.add(name);
  }
}

function rank(name: string): number {
  if (EVERY_MENU.has(name)) return 0;
  return preferredScopes(name).length;
}

/** Checks the ids and host, or throws one error naming each wrong value. */
export function checkIds(ids: ManifestIds): void {
  const problems: string[] = [];
  for (const key of ['teamsAppId', 'botClientId', 'apiClientId'] as const) {
    if (!GUID.test(ids[key] ?? ''))
      problems.push(`${key} must be a GUID (got ${JSON.stringify(ids[key])})`);
  }
  if (!HOSTNAME.test(ids.hostname ?? '')) {
    problems.push(
      `hostname must be a host name without scheme, port or path (got ${JSON.stringify(ids.hostname)})`,
    );
  }
  if (problems.length > 0)
    throw new Error(`Cannot build the Teams manifest:\n  - ${problems.join('\n  - ')}`);
}

/** The manifest for one deployment: the template filled in, commandLists from the catalog. */
export function buildManifest(
  ids: ManifestIds,
  options: { commands?: readonly CommandSpec[]; templateFile?: string } = {},
): AppManifest {
  checkIds(ids);
  const values: Record<string, string> = {
    TEAMS_APP_ID: ids.teamsAppId.toLowerCase(),
    BOT_CLIENT_ID: ids.botClientId.toLowerCase(),
    API_CLIENT_ID: ids.apiClientId.toLowerCase(),
    APP_HOSTNAME: ids.hostname.toLowerCase(),
  };
  const template = fs.readFileSync(options.templateFile ?? TEMPLATE_FILE, 'utf8');
  const filled = template.replace(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(`the manifest template names an unknown placeholder ${whole}`);
    return value;
  });
  const manifest = JSON.parse(filled) as AppManifest;
  const pkg = JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    version: string;
  };
  manifest.version = pkg.version;
  for (const bot of manifest.bots) bot.commandLists = commandListsFor(options.commands ?? COMMANDS);
  return manifest;
}

/**
 * Writes manifest.json, the two icons and appPackage.zip (the three at the zip's root, as Teams
 * wants them) into outDir. Returns the zip's path.
 */
export function writeAppPackage(outDir: string, ids: ManifestIds): string {
  const manifest = buildManifest(ids);
  const files: Array<[string, Buffer]> = [
    ['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`, 'utf8')],
    [manifest.icons.color, fs.readFileSync(path.join(MANIFEST_DIR, manifest.icons.color))],
    [manifest.icons.outline, fs.readFileSync(path.join(MANIFEST_DIR, manifest.icons.outline))],
  ];
  fs.mkdirSync(outDir, { recursive: true });
  for (const [name, data] of files) fs.writeFileSync(path.join(outDir, name), data);
  const zipFile = path.join(outDir, 'appPackage.zip');
  fs.writeFileSync(zipFile, zip(files));
  return zipFile;
}

/** A minimal deflate zip; fixed timestamps (1980-01-01) so the same input gives the same bytes. */
export function zip(files: ReadonlyArray<readonly [string, Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of files) {
    const nameBytes = Buffer.from(name, 'utf8');
    const deflated = deflateRawSync(data, { level: 9 });
    const stored = deflated.length >= data.length; // already-compressed PNGs can grow
    const packed = stored ? data : deflated;
    const sum = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(stored ? 0 : 8, 8); // store | deflate
    local.writeUInt16LE(0, 10); // 00:00
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(sum, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    local.copy(central, 6, 4, 30); // the same fields, in the same order, up to the name length
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const USAGE = `Usage: npx cockpit manifest --teams-app-id <guid> --bot-client-id <guid>
         --api-client-id <guid> --hostname <host> [--out <dir>]

Writes manifest.json, color.png, outline.png and appPackage.zip (default folder: dist/appPackage).`;

/** `manifest` command: 0 written, 2 bad usage. */
export function runManifestCommand(
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): number {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (!flag?.startsWith('--') || value === undefined) {
      err.write(`${USAGE}\n`);
      return 2;
    }
    flags.set(flag.slice(2), value);
  }
  const ids: ManifestIds = {
    teamsAppId: flags.get('teams-app-id') ?? '',
    botClientId: flags.get('bot-client-id') ?? '',
    apiClientId: flags.get('api-client-id') ?? '',
    hostname: flags.get('hostname') ?? '',
  };
  try {
    checkIds(ids);
  } catch (error) {
    err.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const zipFile = writeAppPackage(
    path.resolve(flags.get('out') ?? path.join(packageRoot(), 'dist', 'appPackage')),
    ids,
  );
  out.write(`Teams app package: ${zipFile}\n`);
  return 0;
}
