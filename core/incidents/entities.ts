import { isPlainObject } from './fold.js';
import { type IncidentEntity } from './model.js';

type Properties = Record<string, unknown>;

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function accountName(p: Properties): string | null {
  const name = text(p.accountName);
  const suffix = text(p.upnSuffix);
  if (name && suffix && !name.includes('@')) return `${name}@${suffix}`;
  return text(p.userPrincipalName) ?? text(p.upn) ?? name ?? text(p.displayName);
}

/** Property preferences per entity kind (lower-case); the first present one names the entity. */
const NAMERS: Record<string, (p: Properties) => string | null> = {
  account: accountName,
  host: (p) => text(p.hostName) ?? text(p.netBiosName),
  ip: (p) => text(p.address),
  file: (p) => text(p.fileName),
  filehash: (p) => text(p.hashValue),
  mailbox: (p) => text(p.mailboxPrimaryAddress) ?? text(p.upn),
  mailmessage: (p) => text(p.subject),
  url: (p) => text(p.url),
  dnsresolution: (p) => text(p.domainName),
  azureresource: (p) => text(p.resourceId),
  cloudapplication: (p) => text(p.appName),
  process: (p) => text(p.commandLine),
  iotdevice: (p) => text(p.deviceName),
  malware: (p) => text(p.malwareName),
  securitygroup: (p) => text(p.distinguishedName),
  registrykey: (p) => text(p.key),
};

/**
 * One Sentinel related entity (`{kind, properties}`, keys already folded) → `{kind, name}`, or
 * null when it names nothing. Unknown kinds fall back to `friendlyName`, `displayName`, `name`.
 */
export function entityOf(raw: unknown): IncidentEntity | null {
  if (!isPlainObject(raw)) return null;
  const kind = text(raw.kind);
  const props = isPlainObject(raw.properties) ? raw.properties : {};
  if (!kind) return null;
  const namer = NAMERS[kind.toLowerCase()];
  const name =
    namer?.(props) ?? text(props.friendlyName) ?? text(props.displayName) ?? text(props.name);
  return name ? { kind, name } : null;
}

/** All nameable entities, without repeats of the same kind and name. */
export function entitiesOf(raw: readonly unknown[]): IncidentEntity[] {
  const seen = new Set<string>();
  const out: IncidentEntity[] = [];
  for (const item of raw) {
    const entity = entityOf(item);
    if (!entity) continue;
    const key = `${entity.kind.toLowerCase()}\u0000${entity.name.toLowerCase()}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(entity);
  }
  return out;
}
