import { z } from 'zod';

/** The only reader of process.env: every variable is parsed and checked here, once. */

const flag = z.enum(['0', '1']).transform((value) => value === '1');
const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();
const guid = z
  .string()
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'must be a GUID')
  .optional();

const envSchema = z.object({
  COCKPIT_MODE: z.enum(['local', 'azure']).default('local'),
  PORT: z.coerce.number().int().min(0, 'must be 0 (any free port) to 65535').max(65535).optional(),
  HOST: optionalText,
  DATA_DIR: z.string().trim().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/.+/, 'must be a postgres:// or postgresql:// URL')
    .optional(),
  SENTINEL_WEBHOOK_SECRET: optionalText,
  LOCAL_DIRECTORY_FILE: optionalText,
  PHI_PATTERNS_FILE: optionalText,
  CLASSIFICATION_RULES_FILE: optionalText,
  DEMO_FEED: flag.default(false),
  PLAYGROUND: flag.default(false),
  DEV_SIGN_IN: flag.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TENANT_ID: guid,
  BOT_CLIENT_ID: guid,
  API_CLIENT_ID: guid,
  API_APP_ID_URI: optionalText,
  ROLE_CACHE_SECONDS: z.coerce.number().int().min(0).max(86400).default(300),
  PLAYGROUND_PORT: z.coerce.number().int().min(1).max(65535).default(56150),
  SENTINEL_WORKSPACE_ID: guid,
  POLL_INTERVAL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
  SENTINEL_WRITEBACK: flag.default(false),
  ARM_ENDPOINT: z
    .string()
    .trim()
    .url('must be a URL such as https://management.azure.com')
    .default('https://management.azure.com'),
  PRACTICE_NAME: z.string().trim().min(1).max(200).default('The practice'),
  PRIVACY_CONTACT: z.string().trim().min(1).max(500).optional(),
  BREACH_TARGET_HOURS: z.coerce
    .number()
    .int('must be a whole number of hours')
    .min(1)
    .max(720, "must be at most 720 (30 days is no longer a 'first reasonable opportunity')")
    .default(72),
});

export type Mode = 'local' | 'azure';

export interface Config {
  mode: Mode;
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  webhookSecret: string | null;
  localDirectoryFile: string | null;
  /** Extra PHI patterns (a clinic's MRN format…), JSON; see README. */
  phiPatternsFile: string | null;
  /** Data-class mappings for incidents without a DataClass label (hosts, resource groups, products). */
  classificationRulesFile: string | null;
  demoFeed: boolean;
  playground: boolean;
  playgroundPort: number;
  devSignIn: boolean;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  roleCacheSeconds: number;
  /** Azure mode: the Log Analytics workspace the Sentinel poller queries; no poller when null. */
  sentinelWorkspaceId: string | null;
  /** Between Sentinel polls (SPEC §2: 60 s by default). */
  pollIntervalSeconds: number;
  /** Changes made in Teams are written back to the Sentinel incident through ARM (SPEC §2). */
  sentinelWriteback: boolean;
  /** Where ARM is; only Azure's own endpoint in azure mode. */
  armEndpoint: string;
  /** Named in reports and notification letters. */
  practiceName: string;
  /** The privacy contact printed in letters (phone, email, address); a placeholder when null. */
  privacyContact: string | null;
  /** The practice's target for PHIPA's "first reasonable opportunity", hours (SPEC §4). */
  breachTargetHours: number;
  /** Entra settings; all set in azure mode, null in local mode unless given. */
  entra: {
    tenantId: string;
    botClientId: string;
    apiClientId: string;
    apiAppIdUri: string | null;
  } | null;
}

/** Start-up stops with this; it names every wrong variable at once. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and checks the environment; throws ConfigError listing every problem. */
export function loadConfig(
  rawEnv: Record<string, string | undefined> = process.env,
  defaults: Partial<Record<keyof z.input<typeof envSchema>, string>> = {},
): Config {
  // An empty variable means "not set", for every name alike. Defaults given by a caller (npm
  // start's demo feed and Playground) are local-mode conveniences and never apply in azure mode.
  const azureRequested = rawEnv.COCKPIT_MODE?.trim() === 'azure';
  const env: Record<string, string | undefined> = azureRequested ? {} : { ...defaults };
  for (const [name, value] of Object.entries(rawEnv)) {
    if (value !== undefined && value.trim() !== '') env[name] = value;
  }
  const parsed = envSchema.safeParse(env);
  const problems = parsed.success
    ? []
    : parsed.error.issues.map((issue) => {
        const name = issue.path.join('.');
        return `${name}: ${issue.message} (got ${JSON.stringify(env[name] ?? null)})`;
      });
  if (env.COCKPIT_MODE?.trim() === 'azure') problems.push(...unsafeForAzure(env));
  if (!parsed.success || problems.length > 0) throw new ConfigError(problems);
  const e = parsed.data;
  const azure = e.COCKPIT_MODE === 'azure';
  const entra =
    e.TENANT_ID && e.BOT_CLIENT_ID && e.API_CLIENT_ID
      ? {
          tenantId: e.TENANT_ID,
          botClientId: e.BOT_CLIENT_ID,
          apiClientId: e.API_CLIENT_ID,
          apiAppIdUri: e.API_APP_ID_URI ?? null,
        }
      : null;
  return {
    mode: e.COCKPIT_MODE,
    port: e.PORT ?? 3978,
    host: e.HOST ?? (azure ? '0.0.0.0' : '127.0.0.1'),
    dataDir: e.DATA_DIR,
    databaseUrl: e.DATABASE_URL ?? null,
    webhookSecret: e.SENTINEL_WEBHOOK_SECRET ?? null,
    localDirectoryFile: e.LOCAL_DIRECTORY_FILE ?? null,
    phiPatternsFile: e.PHI_PATTERNS_FILE ?? null,
    classificationRulesFile: e.CLASSIFICATION_RULES_FILE ?? null,
    demoFeed: e.DEMO_FEED,
    playground: e.PLAYGROUND,
    playgroundPort: e.PLAYGROUND_PORT,
    devSignIn: azure ? false : (e.DEV_SIGN_IN ?? true),
    logLevel: e.LOG_LEVEL,
    roleCacheSeconds: e.ROLE_CACHE_SECONDS,
    sentinelWorkspaceId: e.SENTINEL_WORKSPACE_ID ?? null,
    pollIntervalSeconds: e.POLL_INTERVAL_SECONDS,
    sentinelWriteback: e.SENTINEL_WRITEBACK,
    armEndpoint: e.ARM_ENDPOINT.replace(/\/+$/, ''),
    practiceName: e.PRACTICE_NAME,
    privacyContact: e.PRIVACY_CONTACT ?? null,
    breachTargetHours: e.BREACH_TARGET_HOURS,
    entra,
  };
}

/** Azure mode refuses to start with anything that would weaken it; checked on the raw values. */
function unsafeForAzure(env: Record<string, string | undefined>): string[] {
  const set = (name: string): boolean => (env[name]?.trim() ?? '') !== '';
  const on = (name: string): boolean => env[name]?.trim() === '1';
  const problems: string[] = [];
  if (!set('TENANT_ID')) problems.push('TENANT_ID: azure mode needs the Entra tenant id');
  if (!set('BOT_CLIENT_ID'))
    problems.push("BOT_CLIENT_ID: azure mode needs the bot's managed identity client id");
  if (!set('API_CLIENT_ID'))
    problems.push('API_CLIENT_ID: azure mode needs the app registration client id');
  if (!set('DATABASE_URL')) problems.push('DATABASE_URL: azure mode keeps its data in PostgreSQL');
  if (on('DEV_SIGN_IN')) problems.push('DEV_SIGN_IN: the dev sign-in is refused in azure mode');
  if (set('LOCAL_DIRECTORY_FILE'))
    problems.push('LOCAL_DIRECTORY_FILE: azure mode takes roles from Entra ID only');
  if (on('PLAYGROUND')) problems.push('PLAYGROUND: the Agents Playground is for local mode only');
  if (on('DEMO_FEED')) problems.push('DEMO_FEED: the demo feed is for local mode only');
  const arm = env.ARM_ENDPOINT?.trim();
  if (
    arm &&
    !/^https:\/\/management\.(azure\.com|usgovcloudapi\.net|chinacloudapi\.cn)\/?$/i.test(arm)
  ) {
    problems.push('ARM_ENDPOINT: azure mode sends its token only to Azure Resource Manager');
  }
  const secret = env.SENTINEL_WEBHOOK_SECRET?.trim() ?? '';
  if (secret !== '' && Buffer.byteLength(secret, 'utf8') < 32) {
    problems.push('SENTINEL_WEBHOOK_SECRET: must be at least 32 bytes in azure mode');
  }
  return problems;
}

/** The environment for a child tool we start (the Playground), plus the given settings. */
export function childProcessEnv(extra: Record<string, string>): Record<string, string | undefined> {
  return { ...process.env, ...extra };
}
