import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { availableParallelism, hostname } from 'node:os';
import type { AddressInfo } from 'node:net';
import { ManagedIdentityCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import { SentinelArmClient } from './azure/sentinel-arm.js';
import { SentinelWriteback } from './jobs/sentinel-writeback.js';
import { WritebackRepository } from './store/writeback-repo.js';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import type { AuthConfiguration } from '@microsoft/agents-hosting';
import type { Config } from './config.js';
import { createLogger, type Logger } from './logger.js';
import { Store } from './store/database.js';
import { AuditRepository } from './store/audit-repo.js';
import { ConversationsRepository } from './store/conversations-repo.js';
import { DirectoryCacheRepository } from './store/directory-cache-repo.js';
import { AuditTrail, type Clock } from './services/audit-trail.js';
import { AccessService } from './services/access-service.js';
import { IdentityService } from './services/identity-service.js';
import { InstallService } from './services/install-service.js';
import { ChatService } from './services/chat-service.js';
import { DEMO_DIRECTORY, LocalDirectory, type RoleDirectory } from './identity/directory.js';
import { createEntraVerifier, LocalTokenIssuer, type TokenVerifier } from './identity/tokens.js';
import { GraphRoleDirectory } from './azure/graph-roles.js';
import { createAgent, turnErrorHandler } from './teams/agent.js';
import { createHttpApp } from './http/app.js';
import { healthRoutes } from './http/health-routes.js';
import { messagesRoute } from './http/messages-route.js';
import { apiRoutes, devSignInRoutes } from './http/api-routes.js';
import { tabRoutes } from './http/tab-routes.js';
import { auditRoutes } from './http/audit-routes.js';
import { sentinelRoutes } from './http/sentinel-routes.js';
import { IntakeService } from './services/intake-service.js';
import { IncidentEventsRepository } from './store/incident-events-repo.js';
import { IncidentsRepository } from './store/incidents-repo.js';
import { SubscriptionsRepository } from './store/subscriptions-repo.js';
import { OutboxRepository } from './store/outbox-repo.js';
import { DeliveryService } from './services/delivery-service.js';
import { IncidentActions } from './services/incident-actions.js';
import { IncidentChat } from './services/incident-chat.js';
import { IncidentCards } from './services/incident-cards.js';
import { ResponseService } from './services/response-service.js';
import { BreachService } from './services/breach-service.js';
import { ResponseChat } from './services/response-chat.js';
import { ReportService } from './services/report-service.js';
import { ResponsesRepository } from './store/responses-repo.js';
import { incidentRoutes } from './http/incident-routes.js';
import { PhiViewService } from './services/phi-view-service.js';
import { OutboxSender } from './teams/sender.js';
import { PacedReplies } from './teams/paced-replies.js';
import { StormGuard } from './teams/storm-guard.js';
import { EscalationJob } from './jobs/escalation.js';
import { BreachReminderJob } from './jobs/breach-reminders.js';
import { EscalationRepository } from './store/escalation-repo.js';
import { LIMITS, Pacer, withMargin } from '../../core/teams/pacing.js';
import { connectorTransport } from './teams/transport-factory.js';
import { IncidentProcessor } from './services/incident-processor.js';
import { readJsonFile } from './json-file.js';
import { classificationRulesSchema, DEFAULT_RULES } from '../../core/incidents/index.js';
import { ensureLocalSecret } from './local-secrets.js';
import { packageRoot } from './paths.js';
import { Router } from 'express';
import { loadPhiPatterns, PhiGuard } from './phi/guard.js';
import { SentinelPoller } from './sentinel/poller.js';
import { PollerStateRepo } from './store/poller-state-repo.js';

/** What tests and tools may replace; production passes nothing. */
export interface Overrides {
  logger?: Logger;
  /** Where the service's own (PHI-redacting) logger writes; stdout by default. */
  logDestination?: NodeJS.WritableStream;
  clock?: Clock;
  /** Azure mode: a verifier over a test key set instead of the tenant's JWKS. */
  tokenVerifier?: TokenVerifier;
  roleDirectory?: RoleDirectory;
  /** Write-back: the credential for ARM instead of the managed identity (tests, a local fake). */
  armCredential?: TokenCredential;
}

export interface RunningService {
  url: string;
  port: number;
  store: Store;
  audit: AuditTrail;
  conversations: ConversationsRepository;
  incidents: IncidentsRepository;
  outbox: OutboxRepository;
  sender: OutboxSender;
  /** Teams' limits as the one sender and the replies book them. */
  pacer: Pacer;
  escalation: EscalationJob;
  breachReminders: BreachReminderJob;
  processor: IncidentProcessor;
  webhookSecret: string | null;
  /** Graceful stop: no new requests, in-flight ones finish, trail drained, store closed. */
  close(): Promise<void>;
}

/** Composition root: open the store, wire services, serve HTTP. */
export async function startService(
  config: Config,
  overrides: Overrides = {},
): Promise<RunningService> {
  const phi = PhiGuard.create(
    config.phiPatternsFile ? loadPhiPatterns(config.phiPatternsFile) : [],
  );
  const logger =
    overrides.logger ??
    createLogger(config.logLevel, overrides.logDestination, (text) => phi.redact(text));
  const clock = overrides.clock ?? (() => new Date());
  const store = Store.open({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const applied = await store.migrate();
  if (applied.length > 0)
    logger.info({ migrations: applied, engine: store.engine }, 'migrations applied');

  const auditRepo = new AuditRepository(store);
  const audit = new AuditTrail(auditRepo, clock, {
    redactDetails: (details) => phi.redactJson(details),
    verifyWorkers: availableParallelism(),
  });
  const access = new AccessService(audit);
  const conversations = new ConversationsRepository(store);
  const local = config.mode === 'local';

  let directory: RoleDirectory;
  let verifier: TokenVerifier;
  let devRoutes: Router | null = null;
  let webhookSecret = config.webhookSecret;
  if (local) {
    const localDirectory = config.localDirectoryFile
      ? LocalDirectory.fromFile(config.localDirectoryFile)
      : new LocalDirectory(DEMO_DIRECTORY);
    const issuer = await LocalTokenIssuer.load(config.dataDir);
    directory = overrides.roleDirectory ?? localDirectory;
    verifier = overrides.tokenVerifier ?? issuer.verifier;
    if (config.devSignIn)
      devRoutes = devSignInRoutes({ directory: localDirectory, issuer, access, clock });
    webhookSecret ??= ensureLocalSecret(config.dataDir, 'sentinel-webhook-secret');
  } else {
    const entra = config.entra;
    if (!entra) throw new Error('azure mode needs TENANT_ID, BOT_CLIENT_ID and API_CLIENT_ID');
    const credential = new ManagedIdentityCredential({ clientId: entra.botClientId });
    directory =
      overrides.roleDirectory ??
      new GraphRoleDirectory({
        credential,
        apiClientId: entra.apiClientId,
        cache: new DirectoryCacheRepository(store),
        ttlSeconds: config.roleCacheSeconds,
        clock,
      });
    verifier =
      overrides.tokenVerifier ??
      createEntraVerifier({
        tenantId: entra.tenantId,
        audiences: [entra.apiClientId, ...(entra.apiAppIdUri ? [entra.apiAppIdUri] : [])],
      });
  }

  const identity = new IdentityService(directory, verifier, audit);
  const subscriptions = new SubscriptionsRepository(store);
  const intakeLog = new IncidentEventsRepository(store);
  const incidents = new IncidentsRepository(store);
  const rules = config.classificationRulesFile
    ? readJsonFile(
        'CLASSIFICATION_RULES_FILE',
        config.classificationRulesFile,
        classificationRulesSchema,
      )
    : DEFAULT_RULES;
  const outbox = new OutboxRepository(store);
  const views = new PhiViewService(phi, access);
  const responses = new ResponsesRepository(store);
  const breachSettings = { firstReasonableOpportunityHours: config.breachTargetHours };
  const cards = new IncidentCards({ responses, clock, breachSettings });
  const delivery = new DeliveryService({
    cards,
    incidents,
    conversations,
    subscriptions,
    outbox,
    identity,
    views,
    clock,
    onQueued: () => sender.nudge(),
  });
  const processor = new IncidentProcessor({
    events: intakeLog,
    incidents,
    audit,
    rules,
    clock,
    logger,
    afterRecord: (numbers) => delivery.deliverMany(numbers),
  });
  // Every window a quarter second wider than Teams' own: calls are timed here, Teams times them
  // on arrival.
  const pacer = new Pacer(withMargin(LIMITS, 250));
  const sender = new OutboxSender({
    repo: outbox,
    conversations,
    pacer,
    transport: connectorTransport(config),
    clock,
    random: Math.random,
    logger,
    soleSender: store.engine === 'sqlite',
    storm: new StormGuard({
      repo: outbox,
      pacer,
      digest: (conversationId, numbers, since) => delivery.digest(numbers, since),
      logger,
    }),
  });
  sender.start();
  const escalation = new EscalationJob({
    repo: new EscalationRepository(store),
    delivery,
    outbox,
    conversations,
    identity,
    audit,
    clock,
    logger,
  });
  escalation.start();
  const breachReminders = new BreachReminderJob({
    responses,
    incidents,
    delivery,
    outbox,
    conversations,
    identity,
    access,
    clock,
    settings: breachSettings,
    logger,
  });
  breachReminders.start();
  const deliverOpen = async (): Promise<unknown> => delivery.deliverOpen();
  const installs = new InstallService(conversations, identity, access, clock, deliverOpen);
  const writeback = config.sentinelWriteback
    ? new SentinelWriteback({
        repo: new WritebackRepository(store),
        client: new SentinelArmClient({
          baseUrl: config.armEndpoint,
          credential:
            overrides.armCredential ??
            new ManagedIdentityCredential({ clientId: config.entra?.botClientId }),
        }),
        clock,
        random: Math.random,
        logger,
      })
    : null;
  writeback?.start();
  const actions = new IncidentActions({
    cards,
    incidents,
    conversations,
    outbox,
    delivery,
    views,
    access,
    clock,
    writeback: writeback
      ? { repo: new WritebackRepository(store), onQueued: () => writeback.nudge() }
      : null,
  });
  const response = new ResponseService({
    incidents,
    responses,
    actions,
    access,
    clock,
    breachSettings,
    redact: (text) => phi.redact(text),
  });
  const breach = new BreachService(response);
  const chat = new ChatService(
    identity,
    access,
    subscriptions,
    clock,
    deliverOpen,
    new IncidentChat(actions),
    new ResponseChat({ response, breach, actions }),
  );
  const replies = new PacedReplies({
    pacer,
    clock,
    outbox,
    onQueued: () => sender.nudge(),
  });
  const agent = createAgent({ chat, installs, phi, replies });
  const botAuth: AuthConfiguration = local
    ? {}
    : {
        clientId: config.entra?.botClientId,
        tenantId: config.entra?.tenantId,
        authType: 'UserManagedIdentity',
      };
  const messages = messagesRoute({
    agent,
    mode: config.mode,
    auth: botAuth,
    onTurnError: turnErrorHandler({ logger, replies }),
  });

  let shuttingDown = false;
  const routers = [
    healthRoutes({
      store,
      isShuttingDown: () => shuttingDown,
      outbox: () => outbox.health(),
      writeback: writeback ? () => new WritebackRepository(store).health() : null,
    }),
    Router().post('/api/messages', messages.handler),
    apiRoutes({ identity }),
    incidentRoutes({
      identity,
      actions,
      response,
      breach,
      responses,
      views,
      reports: new ReportService({
        response,
        actions,
        access,
        clock,
        practice: { name: config.practiceName, privacyContact: config.privacyContact },
      }),
    }),
    auditRoutes({ identity, access, repo: auditRepo, trail: audit }),
    ...(devRoutes ? [devRoutes] : []),
    tabRoutes(packageRoot()),
  ];
  const processInBackground = (): void => {
    processor
      .drain()
      .catch((error: unknown) => logger.error({ err: error }, 'incident processing failed'));
  };
  const intake = new IntakeService(intakeLog, access, audit, clock, (id, event) => {
    processor.handOff(id, event);
    processInBackground();
  });
  // Events accepted before a stop or crash are processed now.
  processInBackground();
  // Azure mode with a workspace: pull incidents from Log Analytics too (SPEC §2 "Pull").
  let poller: SentinelPoller | null = null;
  if (!local && config.entra && config.sentinelWorkspaceId) {
    poller = new SentinelPoller({
      client: new LogsQueryClient(
        new ManagedIdentityCredential({ clientId: config.entra.botClientId }),
      ),
      workspaceId: config.sentinelWorkspaceId,
      events: intakeLog,
      state: new PollerStateRepo(store),
      onAccepted: processInBackground,
      clock,
      holder: `${hostname()}:${process.pid}:${randomUUID()}`,
      intervalMs: config.pollIntervalSeconds * 1000,
      logger,
    });
    poller.start();
  }
  const webhook = sentinelRoutes({
    identity,
    access,
    intake,
    webhookSecret,
    nowSeconds: () => Math.floor(clock().getTime() / 1000),
  });
  const app = createHttpApp({ logger, routers, rawBodyRouters: [webhook], httpsOnly: !local, phi });
  const server = http.createServer(app);
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  logger.info({ port, host: config.host, mode: config.mode, engine: store.engine }, 'listening');

  let closing: Promise<void> | null = null;
  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    store,
    audit,
    conversations,
    incidents,
    outbox,
    sender,
    pacer,
    escalation,
    breachReminders,
    processor,
    webhookSecret,
    close: () => {
      closing ??= (async () => {
        shuttingDown = true;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 10_000).unref();
        });
        await poller?.stop();
        await processor.drain().catch(() => undefined);
        await escalation.stop();
        await breachReminders.stop();
        await writeback?.stop();
        await sender.stop();
        await audit.drain();
        await store.close();
        logger.info('stopped');
      })();
      return closing;
    },
  };
}
