import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { jest } from '@jest/globals';
import { COMMANDS, type CommandSpec } from '../../../core/commands/index.js';
import {
  COMMAND_LIMITS,
  MANIFEST_DIR,
  TEMPLATE_FILE,
  buildManifest,
  commandListsFor,
  runManifestCommand,
  writeAppPackage,
  type AppManifest,
  type ManifestIds,
} from './manifest.js';

// @microsoft/app-manifest 1.1.2 requires fs-extra without declaring it: it is a dev dependency here.
const { AppManifestUtils } = await import('@microsoft/app-manifest');

const IDS: ManifestIds = {
  teamsAppId: '6f1c2b9e-3d4a-4c5b-9e8f-0a1b2c3d4e5f',
  botClientId: '11111111-2222-4333-8444-555555555555',
  apiClientId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  hostname: 'cockpit-prod.azurewebsites.net',
};

/** The bundled schema the manifest's $schema names, read from the package: no network. */
function bundledSchema(manifest: AppManifest): object {
  const url = new URL(String(manifest.$schema));
  const suffix = url.pathname.replace(/^\/[a-z]{2}(-[a-z]{2})?\//i, '/');
  const pkgDir = path.dirname(
    createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'),
  );
  return JSON.parse(fs.readFileSync(path.join(pkgDir, 'build', suffix), 'utf8')) as object;
}

async function schemaFailures(manifest: AppManifest): Promise<string[]> {
  const fetchSpy = jest
    .spyOn(globalThis, 'fetch')
    .mockRejectedValue(new Error('no network in tests'));
  try {
    const failures = await AppManifestUtils.validateAgainstSchema(
      manifest as never,
      bundledSchema(manifest) as never,
    );
    expect(fetchSpy).not.toHaveBeenCalled();
    return failures;
  } finally {
    fetchSpy.mockRestore();
  }
}

const listed = (manifest: AppManifest): string[] =>
  manifest.bots.flatMap((bot) =>
    bot.commandLists.flatMap((list) => list.commands.map((c) => c.title)),
  );

/** Every command SPEC §3 promises, to prove the menus hold the full catalog once it lands. */
const SPEC_COMMANDS: CommandSpec[] = [
  ['help', 'help'],
  ['whoami', 'whoami'],
  ['incidents', 'incidents [open|mine|all]'],
  ['incident', 'incident N'],
  ['ack', 'ack N'],
  ['assign', 'assign N me|<name>'],
  ['severity', 'severity N <level>'],
  ['classify', 'classify N <class>'],
  ['respond', 'respond N [playbook]'],
  ['step', 'step N'],
  ['done', 'done N <task> [note]'],
  ['advance', 'advance N [override <reason>]'],
  ['note', 'note N <text>'],
  ['breach', 'breach N'],
  ['notified', 'notified N <party> [when]'],
  ['close', 'close N <classification> [reason]'],
  ['subscribe', 'subscribe <class…>'],
  ['unsubscribe', 'unsubscribe <class…>'],
  ['subscriptions', 'subscriptions'],
  ['compliance', 'compliance'],
  ['report', 'report daily|weekly|monthly'],
  ['audit', 'audit verify'],
].map(([name, usage]) => ({
  name: name!,
  usage: usage!,
  summary: `Does ${name} for the incident you name`,
  needs: null,
}));

function expectWithinLimits(manifest: AppManifest): void {
  const [bot] = manifest.bots;
  expect(bot!.commandLists.length).toBeLessThanOrEqual(COMMAND_LIMITS.lists);
  for (const list of bot!.commandLists) {
    expect(list.commands.length).toBeLessThanOrEqual(10);
    expect(list.scopes.every((scope) => (bot!.scopes as string[]).includes(scope))).toBe(true);
    for (const command of list.commands) {
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeLessThanOrEqual(128);
      expect(command.description.length).toBeGreaterThan(0);
    }
  }
}

describe('Teams app manifest', () => {
  const manifest = buildManifest(IDS);

  it('is valid against the v1.19 schema bundled with @microsoft/app-manifest, offline', async () => {
    expect(manifest.manifestVersion).toBe('1.19');
    expect(await schemaFailures(manifest)).toEqual([]);
  });

  it('the schema check is real: a menu over the limits is refused', async () => {
    const broken = structuredClone(manifest);
    broken.bots[0]!.commandLists[0]!.commands = Array.from({ length: 11 }, (_, i) => ({
      title: `command-${i}-with-a-name-far-too-long`,
      description: 'x',
    }));
    const failures = await schemaFailures(broken);
    expect(failures.some((f) => f.includes('commands must NOT have more than 10 items'))).toBe(
      true,
    );
    expect(failures.some((f) => f.includes('title must NOT have more than 32 characters'))).toBe(
      true,
    );
  });

  it('lists every command of the catalog in the bot menus, within the limits', () => {
    for (const command of COMMANDS) expect(listed(manifest)).toContain(command.name);
    expectWithinLimits(manifest);
    const scopes = manifest.bots[0]!.commandLists.flatMap((list) => list.scopes);
    expect(scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of manifest.bots[0]!.commandLists)
      expect(list.commands.map((c) => c.title)).toContain('help');
  });

  it('fills in the ids and host for the bot, the tab and Teams SSO', () => {
    expect(manifest.id).toBe(IDS.teamsAppId);
    expect(manifest.bots[0]).toMatchObject({
      botId: IDS.botClientId,
      scopes: ['personal', 'team', 'groupChat'],
      supportsFiles: false,
      isNotificationOnly: false,
    });
    expect(manifest.staticTabs).toEqual([
      expect.objectContaining({ contentUrl: `https://${IDS.hostname}/tab`, scopes: ['personal'] }),
    ]);
    expect(manifest.webApplicationInfo).toEqual({
      id: IDS.apiClientId,
      resource: `api://${IDS.hostname}/${IDS.apiClientId}`,
    });
    expect(manifest.validDomains).toEqual([IDS.hostname]);
    const pkg = JSON.parse(
      fs.readFileSync(path.join(MANIFEST_DIR, '..', 'package.json'), 'utf8'),
    ) as { version: string };
    expect(manifest.version).toBe(pkg.version);
  });

  it('leaves no placeholder behind, and the template uses exactly the four documented ones', () => {
    expect(JSON.stringify(manifest)).not.toContain('${{');
    const template = fs.readFileSync(TEMPLATE_FILE, 'utf8');
    const names = new Set([...template.matchAll(/\$\{\{(\w+)\}\}/g)].map((m) => m[1]));
    expect([...names].sort()).toEqual([
      'API_CLIENT_ID',
      'APP_HOSTNAME',
      'BOT_CLIENT_ID',
      'TEAMS_APP_ID',
    ]);
  });

  it('refuses ids that are not GUIDs and a host with a scheme, naming each', () => {
    expect(() =>
      buildManifest({ ...IDS, botClientId: 'bot', hostname: 'https://x.example.com/' }),
    ).toThrow(/botClientId must be a GUID[\s\S]*hostname must be a host name/);
  });
});

describe('command menus', () => {
  it('hold the whole command set of SPEC §3, each command somewhere, within the schema', async () => {
    const manifest = buildManifest(IDS, { commands: SPEC_COMMANDS });
    for (const command of SPEC_COMMANDS) expect(listed(manifest)).toContain(command.name);
    expectWithinLimits(manifest);
    expect(await schemaFailures(manifest)).toEqual([]);
    const personal = manifest.bots[0]!.commandLists.find((list) =>
      list.scopes.includes('personal'),
    )!;
    expect(personal.commands.map((c) => c.title)).not.toContain('subscribe');
    for (const list of manifest.bots[0]!.commandLists.filter(
      (l) => !l.scopes.includes('personal'),
    )) {
      expect(list.commands.map((c) => c.title)).toEqual(
        expect.arrayContaining(['subscribe', 'unsubscribe', 'subscriptions']),
      );
    }
    expect(personal.commands.map((c) => c.title)).toEqual(
      expect.arrayContaining(['compliance', 'report', 'audit']),
    );
  });

  it('show the usage with the summary, shortened to 128 characters', () => {
    const long = { name: 'note', usage: 'note N <text>', summary: 'x'.repeat(200), needs: null };
    const [list] = commandListsFor([long]);
    expect(list!.commands[0]!.description).toMatch(/^note N <text> · x+…$/);
    expect(list!.commands[0]!.description).toHaveLength(128);
  });

  it('say so when the catalog outgrows the menus rather than drop a command', () => {
    const many = Array.from({ length: 31 }, (_, i) => ({
      name: `c${i}`,
      usage: `c${i}`,
      summary: 's',
      needs: null,
    }));
    expect(() => commandListsFor(many)).toThrow(/do not fit the Teams command menus/);
  });
});

/** Width, height and RGBA pixels of an 8-bit RGBA, non-interlaced PNG. */
function readPng(file: string): {
  width: number;
  height: number;
  colourType: number;
  pixels: Buffer;
} {
  const png = fs.readFileSync(file);
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const colourType = png[25]!;
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    if (png.toString('ascii', at + 4, at + 8) === 'IDAT')
      idat.push(png.subarray(at + 8, at + 8 + length));
    at += length + 12;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? pixels[y * stride + x - 4]! : 0;
      const up = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const corner = x >= 4 && y > 0 ? pixels[(y - 1) * stride + x - 4]! : 0;
      const p = left + up - corner;
      const paeth = [left, up, corner].sort((a, b) => Math.abs(p - a) - Math.abs(p - b))[0]!;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter]!;
      pixels[y * stride + x] = (raw[y * (stride + 1) + 1 + x]! + predictor) & 0xff;
    }
  }
  return { width, height, colourType, pixels };
}

describe('icons', () => {
  it('colour icon is 192x192 and fully opaque', () => {
    const icon = readPng(path.join(MANIFEST_DIR, 'color.png'));
    expect([icon.width, icon.height]).toEqual([192, 192]);
    const seeThrough = icon.pixels.filter((value, i) => i % 4 === 3 && value !== 255);
    expect(seeThrough).toHaveLength(0);
  });

  it('outline icon is 32x32, white on transparent, with something drawn', () => {
    const icon = readPng(path.join(MANIFEST_DIR, 'outline.png'));
    expect([icon.width, icon.height, icon.colourType]).toEqual([32, 32, 6]);
    let visible = 0;
    for (let i = 0; i < icon.pixels.length; i += 4) {
      if (icon.pixels[i + 3] === 0) continue;
      visible++;
      expect([icon.pixels[i], icon.pixels[i + 1], icon.pixels[i + 2]]).toEqual([255, 255, 255]);
    }
    expect(visible).toBeGreaterThan(50);
    expect(visible).toBeLessThan(32 * 32);
  });

  it('stay small enough to commit', () => {
    for (const name of ['color.png', 'outline.png']) {
      expect(fs.statSync(path.join(MANIFEST_DIR, name)).size).toBeLessThan(8 * 1024);
    }
  });
});

/** Entries of a zip, read from its central directory. */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  const entries = new Map<string, Buffer>();
  for (let i = 0, at = zip.readUInt32LE(end + 16); i < count; i++) {
    expect(zip.readUInt32LE(at)).toBe(0x02014b50);
    const [method, crc, packed, nameLength] = [
      zip.readUInt16LE(at + 10),
      zip.readUInt32LE(at + 16),
      zip.readUInt32LE(at + 20),
      zip.readUInt16LE(at + 28),
    ];
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local)).toBe(0x04034b50);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    expect([0, 8]).toContain(method);
    const body = zip.subarray(start, start + packed);
    const data = method === 8 ? inflateRawSync(body) : body;
    expect(crc32(data)).toBe(crc);
    entries.set(name, data);
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

describe('app package', () => {
  it('zips manifest.json and both icons at the root, the same bytes each time', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cockpit-manifest-'));
    try {
      const zipFile = writeAppPackage(dir, IDS);
      const entries = unzip(fs.readFileSync(zipFile));
      expect([...entries.keys()]).toEqual(['manifest.json', 'color.png', 'outline.png']);
      expect(JSON.parse(entries.get('manifest.json')!.toString('utf8'))).toEqual(
        buildManifest(IDS),
      );
      expect(entries.get('color.png')).toEqual(
        fs.readFileSync(path.join(MANIFEST_DIR, 'color.png')),
      );
      const first = fs.readFileSync(zipFile);
      writeAppPackage(dir, IDS);
      expect(fs.readFileSync(zipFile)).toEqual(first);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the command line refuses a bad id with exit code 2 and names it', () => {
    let said = '';
    const err = {
      write: (text: string) => ((said += text), true),
    } as unknown as NodeJS.WritableStream;
    const code = runManifestCommand(
      [
        '--teams-app-id',
        IDS.teamsAppId,
        '--bot-client-id',
        'nope',
        '--api-client-id',
        IDS.apiClientId,
        '--hostname',
        IDS.hostname,
      ],
      err,
      err,
    );
    expect(code).toBe(2);
    expect(said).toContain('botClientId must be a GUID (got "nope")');
  });
});
