import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from './lib/clock.js';
import { usesRedis, type Config } from './config/index.js';
import { connectDatabase, type Database } from './platform/db/client.js';
import { connectRedis } from './platform/redis/redis.js';
import { frameworkErrors, installErrorHandler } from './platform/http/error-handler.js';
import { installInputGuard } from './platform/http/input-guard.js';
import { installSecurityHeaders } from './platform/http/security-headers.js';
import { createDependencyMonitor, installDependencyGuard } from './platform/http/dependency-guard.js';
import { registerOpenApi } from './platform/http/openapi.js';
import { healthRoutes } from './platform/http/health.routes.js';
import { registerConsole } from './platform/http/console.js';
import { loggerOptions } from './platform/observability/logger.js';
import { AccessLog, bufferedStdout } from './platform/observability/request-log.js';
import { authPlugin } from './platform/auth/auth.plugin.js';
import { createSessionStore } from './platform/sessions/create-session-store.js';
import { rateLimitStoreOptions } from './platform/rate-limit/rate-limit-store.js';
import type { SessionStore } from './platform/sessions/session-store.js';
import { attachRealtime, type Realtime } from './platform/realtime/realtime.js';
import { createTicketResync } from './modules/tickets/ticket-resync.js';
import { createQueues, queueConnectionFrom, type Queues } from './platform/queue/queues.js';
import { createAuthService } from './modules/auth/auth.service.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { createUsersService } from './modules/auth/users.service.js';
import { usersAdminRoutes } from './modules/auth/users.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import {
  departmentAdminRoutes,
  departmentMemberRoutes,
  departmentRoutes,
} from './modules/departments/departments.routes.js';
import { createDepartmentsService } from './modules/departments/departments.service.js';
import { createCalendarService } from './modules/calendar/calendar.service.js';
import { calendarAdminRoutes } from './modules/calendar/calendar.routes.js';
import { createClockPolicyService } from './modules/clocks/clock-policy.service.js';
import { clockPolicyRoutes } from './modules/clocks/clock-policy.routes.js';
import { createCallsModule, type CallsModule } from './modules/calls/calls.module.js';
import { createRedisAcdStore } from './modules/calls/acd-store.redis.js';
import { createMemoryAcdStore } from './modules/calls/acd-store.memory.js';
import { callsAdminRoutes, deskRoutes } from './modules/calls/calls.routes.js';
import { telephonyRoutes } from './modules/calls/telephony.routes.js';
import { sipRoutes } from './modules/calls/sip.routes.js';
import { linkOutboundCall, outboundCallFailed } from './modules/calls/outbound-call-events.js';
import { recordingRoutes } from './modules/calls/recording/recording.routes.js';
import { monitoringRoutes } from './modules/calls/monitoring/monitoring.routes.js';
import { createMonitoringService } from './modules/calls/monitoring/monitoring.service.js';
import { createClockService } from './modules/clocks/clocks.service.js';
import { createTicketDomain, registerTicketRoutes } from './modules/tickets/tickets.module.js';
import { createMattersService } from './modules/knowledge/matters.service.js';
import { createCurationService } from './modules/knowledge/curation.service.js';
import { createNoticesService } from './modules/knowledge/notices.service.js';
import { knowledgeRoutes } from './modules/knowledge/knowledge.routes.js';
import { curationRoutes } from './modules/knowledge/curation.routes.js';
import { correctionRoutes } from './modules/knowledge/corrections.routes.js';
import { createCorrectionsService } from './modules/knowledge/corrections.service.js';
import { noticeRoutes } from './modules/knowledge/notices.routes.js';
import { notificationRoutes } from './modules/notifications/notifications.routes.js';
import { supervisionRoutes } from './modules/supervision/supervision.routes.js';
import { createMetricsService } from './modules/supervision/metrics.service.js';
import { createSatisfactionService } from './modules/supervision/satisfaction.service.js';
import { assessmentRoutes } from './modules/supervision/assessment.routes.js';
import { createAssessmentService } from './modules/supervision/assessment.service.js';
import { boardRoutes } from './modules/supervision/board.routes.js';
import { createHotspotService } from './modules/supervision/hotspots.service.js';
import { createBoardService } from './modules/supervision/board.service.js';
import { reportRoutes } from './modules/supervision/report.routes.js';
import { createReportService } from './modules/supervision/report.service.js';
import { registerIntelligence } from './modules/intelligence/intelligence.module.js';

/** Everything the domain modules may be given. Built once per process; tests build their own. */
export interface AppDeps {
  config: Config;
  clock: Clock;
  database: Database;
  /** Null when nothing is configured to use Redis (embedded mode, or a small site with QUEUE_BACKEND=postgres). */
  redis: Redis | null;
  sessions: SessionStore;
  queues: Queues;
  realtime: Realtime;
  /** Routing (ACD), presence, telephony events, wallboard. */
  calls: CallsModule;
}

export interface BuildAppOptions {
  config: Config;
  clock?: Clock;
  /** Where log lines go (default stdout); tests capture them to check what reaches the log. */
  logStream?: { write(line: string): void };
}

/**
 * Builds Fastify: platform plugins first, then the domain modules, listed explicitly so the
 * shape of the system can be read here.
 */
export async function buildApp({
  config,
  clock = systemClock,
  logStream,
}: BuildAppOptions): Promise<{ app: FastifyInstance; deps: AppDeps }> {
  // Production writes its log lines in batches (request-log.ts); one access-log line per request instead of two.
  const logOutput = config.env === 'production' ? bufferedStdout() : null;
  const app = Fastify({
    // Tests pass their own stream (the log-scan test); production writes its lines in batches (request-log.ts).
    logger: {
      ...(loggerOptions(config.logLevel) as Record<string, unknown>),
      ...(logStream ? { stream: logStream } : logOutput ? { stream: logOutput.stream } : {}),
    },
    logController: new AccessLog(),
    bodyLimit: 1_048_576,
    frameworkErrors,
    // Only the configured reverse proxies may set the client address (TRUST_PROXY; none by default, issue 10.4).
    ...(config.trustProxy.length > 0 ? { trustProxy: [...config.trustProxy] } : {}),
    // Every input string is length-limited in its schema; unknown fields are dropped, not stored.
    ajv: { customOptions: { removeAdditional: true, coerceTypes: 'array', useDefaults: true } },
  });

  // Embedded mode: every connection is a virtual one onto PGlite's single session, a few are plenty.
  const database = connectDatabase(config.databaseUrl, config.embedded ? { max: 4, prepare: false } : {});
  // Auto-pipelining: commands issued in the same tick (sessions, the socket.io adapter's XADDs, ACD scripts) go out
  // in one write — under load many requests share one round trip; order per connection is unchanged.
  const redis = usesRedis(config) ? connectRedis(config.redisUrl, { enableAutoPipelining: true }) : null;
  const sessions = createSessionStore(config, redis);
  const queues = createQueues(queueConnectionFrom(config));

  const dependencies = createDependencyMonitor({
    databaseUrl: config.embedded ? null : config.databaseUrl,
    redis,
    onChange: (name, status) =>
      status === 'down' ? app.log.error({ dependency: name }, `${name} down`) : app.log.info(`${name} up again`),
  });
  installErrorHandler(app, dependencies);
  // The softphone's SIP WebSocket (SIP_WS_URL) is another origin: the console may connect to it.
  installSecurityHeaders(app, [...config.cspConnectSrc, ...(config.sipWsUrl ? [new URL(config.sipWsUrl).origin] : [])]);
  // Outages answer 503 at once, before sessions or rate limits touch the dead dependency (issue 10.5).
  installDependencyGuard(app, dependencies);
  installInputGuard(app);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    ...rateLimitStoreOptions(config.stateStore === 'redis' ? redis : null, config.redisPrefix),
    // Fail closed: a rate limit that cannot count refuses (503), it never lets everything through (issue 10.5).
    skipOnError: false,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: 'rate_limited',
      message: `请求过于频繁，请 ${Math.ceil(context.ttl / 1000)} 秒后再试`,
    }),
  });
  await registerOpenApi(app);
  await app.register(authPlugin, { config, sessions, clock });

  const realtime = attachRealtime(app, {
    config,
    sessions,
    clock,
    adapterRedis: config.realtimeAdapter === 'redis' ? redis : null,
  });
  const { db } = database;
  // ACD state: Redis (atomic scripts) for several nodes, memory for one node (embedded mode).
  const acdStore =
    config.stateStore === 'redis' && redis ? createRedisAcdStore(redis, config.redisPrefix) : createMemoryAcdStore();
  const calls = createCallsModule({
    db,
    store: acdStore,
    clock,
    realtime,
    onError: (error, what) => app.log.error({ err: error }, `calls ${what} failed`),
    sip: {
      kamailioHttpUrl: config.kamailioHttpUrl,
      sipWsUrl: config.sipWsUrl,
      telephonySecret: config.telephonySecret,
      sipAuthSecret: config.sipAuthSecret,
      sipCredentialTtlSeconds: config.sipCredentialTtlSeconds,
      dtmfPort: config.sipDtmfPort,
      dtmfBind: config.sipDtmfBind,
      callSurvey: config.callSurvey,
    },
    recording: { dir: config.recordingDir, retentionDays: config.recordingRetentionDays },
  });
  const deps: AppDeps = { config, clock, database, redis, sessions, queues, realtime, calls };

  // Platform routes
  await app.register(healthRoutes, { dependencies });
  // Domain modules
  await app.register(authRoutes, { auth: createAuthService({ db, sessions, clock, config }), config, realtime });
  // 用户管理: staff accounts (admin only); role, unit and deactivation changes end the user's sessions.
  await app.register(usersAdminRoutes, { users: createUsersService({ db, sessions, clock }) });
  await app.register(departmentRoutes, { db });
  await app.register(departmentMemberRoutes, { db });
  await app.register(departmentAdminRoutes, { departments: createDepartmentsService({ db }) });
  await app.register(auditRoutes, { db });
  // 时限: working calendar and clock policy administration (the clock service itself: createClockService).
  await app.register(calendarAdminRoutes, { calendar: createCalendarService({ db, clock, queues }) });
  await app.register(clockPolicyRoutes, { policy: createClockPolicyService({ db, clock }) });
  // 工单 and 派单: intake, dispatch rounds, handling, callbacks, public web form; clocks through the ClockService.
  const clockService = createClockService({ db, clock, queues, realtime, log: app.log });
  // A (re)connecting console gets the state of the tickets it shows with `session:ready` (issue 10.6).
  realtime.provideResync(createTicketResync(db));
  const ticketDomain = createTicketDomain({
    db,
    sql: database.sql,
    clock,
    realtime,
    clocks: clockService,
    queues,
    smsProviderName: config.smsProvider,
    publicBaseUrl: config.publicBaseUrl,
  });
  await registerTicketRoutes(app, ticketDomain);

  // 话务路由: agent desk, wallboard, telephony events; the queues are rebuilt from Postgres at boot.
  await app.register(deskRoutes, { calls });
  await app.register(callsAdminRoutes, { calls });
  await app.register(telephonyRoutes, { telephony: calls.telephony, secret: config.telephonySecret });
  await app.register(recordingRoutes, { recordings: calls.recordings });
  await app.register(monitoringRoutes, {
    monitoring: createMonitoringService(db, clock, {
      rtpengineNg: config.rtpengineNgUrl,
      secret: config.sipAuthSecret,
      takeover: (agentId, payload) => calls.ctx.notifier.toAgent(agentId, 'call:takeover', payload),
    }),
    secret: config.telephonySecret,
  });
  await app.register(sipRoutes, {
    sip: calls.sip,
    survey: calls.survey,
    secret: config.telephonySecret,
    linkOutbound: (body) => linkOutboundCall(database.db, body),
    outboundFailed: (body) =>
      outboundCallFailed(database.db, clock, calls.recordings?.discardUnanswered ?? null, body, (error) =>
        app.log.error({ err: error }, 'discarding an unanswered call recording failed'),
      ),
  });
  // Signing out or losing the account (deactivation, role change) unregisters the softphone at once.
  app.addHook('onResponse', async (request, reply) => {
    if (reply.statusCode !== 200 || !calls.sip) return;
    const route = request.routeOptions.url;
    if (route === '/api/auth/logout' && request.session) {
      await calls.sip.revoke(request.session.userId).catch((e) => app.log.warn({ err: e }, 'SIP revoke failed'));
    } else if (route === '/api/admin/users/:id' && request.method === 'PUT') {
      const body = request.body as { active?: boolean; role?: string } | undefined;
      if (body?.active === false || (body?.role && body.role !== 'agent' && body.role !== 'lead')) {
        const id = (request.params as { id: string }).id;
        await calls.sip.revoke(id).catch((e) => app.log.warn({ err: e }, 'SIP revoke failed'));
      }
    }
  });
  app.addHook('onReady', async () => calls.start());

  // 知识库 and 一次告知 (matters, search, bundles, synonyms, gaps, notices) and the SMS outbox
  await app.register(knowledgeRoutes, { db, matters: createMattersService({ db, clock }) });
  await app.register(curationRoutes, { curation: createCurationService({ db, clock }) });
  await app.register(correctionRoutes, { corrections: createCorrectionsService({ db, clock }) });
  await app.register(noticeRoutes, {
    notices: createNoticesService({
      db,
      clock,
      queues,
      publicBaseUrl: config.publicBaseUrl,
      smsProviderName: config.smsProvider,
    }),
  });
  await app.register(notificationRoutes, { db });
  // 督办与考核: figures from the rollups the worker keeps current (modules/supervision), 不满意 queue, rulings
  await app.register(supervisionRoutes, {
    metrics: createMetricsService({ db }),
    satisfaction: createSatisfactionService({ db, clock }),
  });
  await app.register(assessmentRoutes, { assessment: createAssessmentService({ db, clock }) });
  await app.register(boardRoutes, {
    board: createBoardService({ db, clock, queues, smsProvider: config.smsProvider }),
    hotspots: createHotspotService({ db, clock, realtime }),
  });
  await app.register(reportRoutes, {
    reports: createReportService({ db, clock, queues, dataDir: config.dataDir }),
  });
  // 智能辅助: history import, 智能派单 model and suggestions, 并单 candidates, matter suggestions, 智能填单.
  await registerIntelligence(app, { ...deps, dispatchTicket: ticketDomain.dispatch.dispatch });

  await registerConsole(app, config.consoleDist);

  app.addHook('onClose', async () => {
    await calls.stop();
    await queues.close();
    await sessions.close?.();
    await Promise.allSettled([database.close(), redis?.quit()]);
    logOutput?.close();
  });

  return { app, deps };
}
