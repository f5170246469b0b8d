import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type {
  IntelligenceSettings,
  DispatchModelStatus,
  DispatchSuggestionBody,
  DispatchSuggestionResult,
  ModelEvaluation,
  SuggestionChoiceBody,
} from '@hotline/shared/contracts/intelligence';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/http/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { departments } from '../departments/departments.table.js';
import { dispatchCatalogue } from '../dispatch/dispatch.table.js';
import { tickets } from '../tickets/tickets.table.js';
import { decodeModel, encodeModel, type LinearModel } from './dispatch-model.js';
import { topicDistribution } from './duplicates.js';
import { directDispatchOffer } from './direct-dispatch.js';
import { rankUnits } from './dispatch-ranking.js';
import { isNotWorse, trainDispatchModel, type HistoryExample } from './dispatch-training.js';
import { dispatchModels, dispatchSuggestionChoices } from './intelligence.table.js';
import { suggestionChoiceAudit, suggestionChoiceRow } from './suggestion-choice.js';
import { createTerritoryIndex, type TerritoryIndex, type TerritoryUnit } from './territory.js';

/** How often a node asks Postgres whether a newer model version is ready (no restart needed to pick it up). */
const REFRESH_MS = 10_000;

/** Every lead dispatch round with its ticket: accepted (signed, not returned) or returned (退单 not rejected). */
export async function loadHistoryExamples(db: Db): Promise<HistoryExample[]> {
  const rows = await db.execute<{
    content: string;
    address: string;
    type: string;
    matter_id: string | null;
    department_id: string;
    accepted: boolean;
    at: Date | string;
  }>(sql`
    select t.content, t.address, t.type, t.matter_id, r.department_id, r.dispatched_at as at,
           (r.returned_at is null) as accepted
      from dispatch_rounds r join tickets t on t.id = r.ticket_id
     where r.role = 'lead'
       and ((r.returned_at is null and r.signed_at is not null)
         or (r.returned_at is not null and coalesce(r.return_review::text, 'pending') <> 'rejected'))`);
  return [...rows].map((r) => ({
    content: r.content,
    address: r.address,
    type: r.type,
    matterId: r.matter_id,
    departmentId: r.department_id,
    accepted: r.accepted,
    at: new Date(r.at),
  }));
}

async function loadUnits(db: Db): Promise<TerritoryUnit[]> {
  return db
    .select({
      id: departments.id,
      code: departments.code,
      name: departments.name,
      kind: departments.kind,
      parentId: departments.parentId,
    })
    .from(departments)
    .where(eq(departments.active, true));
}

interface Serving {
  version: number | null;
  model: LinearModel | null;
  territory: TerritoryIndex;
  units: Map<string, TerritoryUnit>;
  checkedAt: number;
}

export function createDispatchModelService({
  db,
  clock,
  refreshMs = REFRESH_MS,
  loadHistory = () => loadHistoryExamples(db),
  settings,
}: {
  db: Db;
  clock: Clock;
  refreshMs?: number;
  /** The 直派 policy (absent: 直派 is never offered). */
  settings?: () => Promise<IntelligenceSettings>;
  /** The dispatch history a training run learns from (default: every lead round in the database). */
  loadHistory?: () => Promise<HistoryExample[]>;
}) {
  let serving: Serving | null = null;
  let refreshing: Promise<Serving> | null = null;

  async function load(previous: Serving | null): Promise<Serving> {
    const [latest] = await db
      .select({ version: dispatchModels.version })
      .from(dispatchModels)
      .where(eq(dispatchModels.state, 'ready'))
      .orderBy(desc(dispatchModels.version))
      .limit(1);
    const unitList = await loadUnits(db);
    const territory = createTerritoryIndex(unitList);
    const units = new Map(unitList.map((u) => [u.id, u]));
    let model = previous?.model ?? null;
    const version = latest?.version ?? null;
    if (version !== (previous?.version ?? null)) {
      const [row] = version
        ? await db
            .select({ model: dispatchModels.model })
            .from(dispatchModels)
            .where(eq(dispatchModels.version, version))
        : [];
      model = row?.model ? decodeModel(row.model) : null;
    }
    return { version, model, territory, units, checkedAt: Date.now() };
  }

  /** The serving model; a stale one is served while the newer version loads in the background. */
  async function current(): Promise<Serving> {
    if (!serving) {
      serving = await (refreshing ??= load(null).finally(() => (refreshing = null)));
      return serving;
    }
    if (Date.now() - serving.checkedAt >= refreshMs && !refreshing) {
      serving.checkedAt = Date.now();
      refreshing = load(serving)
        .then((next) => (serving = next))
        .finally(() => (refreshing = null));
      refreshing.catch(() => undefined);
    }
    return serving;
  }

  async function catalogueUnits(body: DispatchSuggestionBody): Promise<string[]> {
    if (!body.matterId) return [];
    const rows = await db
      .select({ departmentId: dispatchCatalogue.departmentId, areaKeyword: dispatchCatalogue.areaKeyword })
      .from(dispatchCatalogue)
      .where(
        and(
          eq(dispatchCatalogue.matterId, body.matterId),
          eq(dispatchCatalogue.active, true),
          or(isNull(dispatchCatalogue.ticketType), body.type ? eq(dispatchCatalogue.ticketType, body.type) : undefined),
        ),
      );
    return [
      ...new Set(
        rows.filter((r) => !r.areaKeyword || (body.address ?? '').includes(r.areaKeyword)).map((r) => r.departmentId),
      ),
    ];
  }

  return {
    /** Forces the next suggestion to re-read the serving version (tests; after a promotion on this node). */
    invalidate() {
      if (serving) serving.checkedAt = 0;
    },

    /** The serving model's unit distribution of a text, for 并单 (null before the first model). */
    async unitDistribution(): Promise<(text: string) => Float64Array | null> {
      const { model, territory } = await current();
      if (!model) return () => null;
      return topicDistribution(model, (id) => territory.kindOf(id));
    },

    async suggest(body: DispatchSuggestionBody): Promise<DispatchSuggestionResult> {
      const [state, catalogue] = await Promise.all([current(), catalogueUnits(body)]);
      const ranked = rankUnits(body, { model: state.model, territory: state.territory, catalogueUnits: catalogue });
      const result: DispatchSuggestionResult = {
        modelVersion: state.version,
        items: ranked
          .filter((r) => state.units.has(r.departmentId))
          .map((r) => {
            const u = state.units.get(r.departmentId)!;
            return {
              department: { id: u.id, code: u.code, name: u.name },
              confidence: r.confidence,
              reasons: r.reasons,
            };
          }),
      };
      if (settings) {
        const decision = directDispatchOffer(result, await settings());
        result.directDispatch = 'offer' in decision ? decision.offer : null;
      }
      return result;
    },

    /** The training run behind the BullMQ job: a new version row, trained, evaluated, promoted if not worse. */
    async train(): Promise<{ version: number; state: string }> {
      const [row] = await db
        .insert(dispatchModels)
        .values({ state: 'training', startedAt: clock.now() })
        .returning({ version: dispatchModels.version });
      const version = row!.version;
      try {
        const [examples, unitList] = await Promise.all([loadHistory(), loadUnits(db)]);
        const outcome = await trainDispatchModel(examples, unitList, createTerritoryIndex(unitList));
        const [serving] = await db
          .select({ evaluation: dispatchModels.evaluation })
          .from(dispatchModels)
          .where(eq(dispatchModels.state, 'ready'))
          .orderBy(desc(dispatchModels.version))
          .limit(1);
        const promote = isNotWorse(outcome.evaluation, serving?.evaluation);
        const state = promote ? 'ready' : 'rejected';
        await db
          .update(dispatchModels)
          .set({
            state,
            algorithm: outcome.model.algorithm,
            samples: outcome.samples,
            evaluation: outcome.evaluation,
            model: promote ? encodeModel(outcome.model) : null,
            trainedAt: clock.now(),
          })
          .where(eq(dispatchModels.version, version));
        if (promote && serving) {
          // Older versions' weights are no longer served; keep their evaluation rows for the history page.
          await db
            .update(dispatchModels)
            .set({ model: null })
            .where(and(eq(dispatchModels.state, 'ready'), sql`${dispatchModels.version} < ${version}`));
        }
        this.invalidate();
        return { version, state };
      } catch (error) {
        await db
          .update(dispatchModels)
          .set({ state: 'failed', error: error instanceof Error ? error.message.slice(0, 500) : '训练失败' })
          .where(eq(dispatchModels.version, version));
        throw error;
      }
    },

    async status(): Promise<DispatchModelStatus> {
      const rows = await db.select().from(dispatchModels).orderBy(desc(dispatchModels.version)).limit(20);
      const ready = rows.find((r) => r.state === 'ready');
      const latest = rows[0];
      const [acceptance] = await db
        .select({
          choices: sql<number>`count(*)::int`,
          tookTop1: sql<number>`count(*) filter (where ${dispatchSuggestionChoices.tookTop1})::int`,
          tookAny: sql<number>`count(*) filter (where ${dispatchSuggestionChoices.tookAny})::int`,
        })
        .from(dispatchSuggestionChoices);
      return {
        version: ready?.version ?? null,
        state: ready ? 'ready' : (latest?.state ?? null),
        trainedAt: ready?.trainedAt?.toISOString() ?? null,
        samples: ready?.samples ?? 0,
        evaluation: (ready?.evaluation as ModelEvaluation | null) ?? null,
        latestRun:
          latest && latest !== ready
            ? {
                version: latest.version,
                state: latest.state,
                startedAt: latest.startedAt.toISOString(),
                samples: latest.samples,
                evaluation: (latest.evaluation as ModelEvaluation | null) ?? null,
                error: latest.error,
              }
            : null,
        acceptance: acceptance ?? { choices: 0, tookTop1: 0, tookAny: 0 },
      };
    },

    /** 采纳记录: what the agent dispatched to against what was suggested. */
    async recordChoice(actor: AuditActor, body: SuggestionChoiceBody): Promise<{ ok: true }> {
      const [ticket] = await db.select({ id: tickets.id }).from(tickets).where(eq(tickets.id, body.ticketId));
      if (!ticket) throw notFound('工单不存在');
      const [department] = await db
        .select({ id: departments.id })
        .from(departments)
        .where(eq(departments.id, body.chosenDepartmentId));
      if (!department) throw notFound('承办单位不存在');
      await db.transaction(async (tx) => {
        const { ticketId, chosenDepartmentId, ...shown } = body;
        await tx
          .insert(dispatchSuggestionChoices)
          .values(suggestionChoiceRow(actor, ticketId, chosenDepartmentId, shown, clock.now()));
        await recordAudit(tx, actor, suggestionChoiceAudit(ticketId, chosenDepartmentId, shown));
      });
      return { ok: true };
    },
  };
}

export type DispatchModelService = ReturnType<typeof createDispatchModelService>;
