import { asc, eq } from 'drizzle-orm';
import { CATEGORY_FLAG_LABELS, TICKET_TYPE_LABELS } from '@hotline/shared/domain/ticket-types';
import type {
  DispatchCatalogueEntry,
  DispatchCatalogueEntryBody,
  DispatchSuggestion,
  DispatchSuggestQuery,
  DispatchSuggestionList,
} from '@hotline/shared/contracts/tickets';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { badRequest, notFound } from '../../platform/http/errors.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { departments } from '../departments/departments.table.js';
import { dispatchCatalogue } from './dispatch.table.js';

/** How well a catalogue row fits the request; null when one of its conditions does not hold. */
function fit(
  row: Pick<DispatchCatalogueEntry, 'matterId' | 'category' | 'ticketType' | 'areaKeyword'>,
  query: DispatchSuggestQuery,
): { score: number; reasons: string[] } | null {
  const reasons: string[] = [];
  let score = 0;
  if (row.matterId) {
    if (row.matterId !== query.matterId) return null;
    score += 8;
    reasons.push('事项匹配');
  }
  if (row.category) {
    if (row.category !== query.category) return null;
    score += 4;
    reasons.push(`类别「${CATEGORY_FLAG_LABELS[row.category as keyof typeof CATEGORY_FLAG_LABELS] ?? row.category}」`);
  }
  if (row.ticketType) {
    if (row.ticketType !== query.type) return null;
    score += 2;
    reasons.push(`类型「${TICKET_TYPE_LABELS[row.ticketType as keyof typeof TICKET_TYPE_LABELS] ?? row.ticketType}」`);
  }
  if (row.areaKeyword) {
    if (!query.address?.includes(row.areaKeyword)) return null;
    score += 3;
    reasons.push(`区域「${row.areaKeyword}」`);
  }
  return score === 0 ? null : { score, reasons };
}

/** 派单目录: matter/category/type + area → the suggested unit. Admins edit it; agents see suggestions. */
export function createDispatchCatalogue(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;

  async function list(): Promise<DispatchCatalogueEntry[]> {
    const rows = await db
      .select({ row: dispatchCatalogue, departmentName: departments.name })
      .from(dispatchCatalogue)
      .innerJoin(departments, eq(departments.id, dispatchCatalogue.departmentId))
      .orderBy(asc(dispatchCatalogue.priority), asc(dispatchCatalogue.createdAt));
    return rows.map(({ row, departmentName }) => ({
      id: row.id,
      matterId: row.matterId,
      matterCode: row.matterCode,
      category: row.category,
      ticketType: row.ticketType,
      areaKeyword: row.areaKeyword,
      department: { id: row.departmentId, name: departmentName },
      priority: row.priority,
      note: row.note,
      active: row.active,
    }));
  }

  async function checkDepartment(id: string): Promise<void> {
    const [row] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id)).limit(1);
    if (!row) throw badRequest('承办单位不存在');
  }

  function values(body: DispatchCatalogueEntryBody) {
    if (!body.matterId && !body.matterCode && !body.category && !body.ticketType && !body.areaKeyword) {
      throw badRequest('派单目录条目至少须填写事项、类别、类型或区域关键词之一');
    }
    return {
      matterId: body.matterId ?? null,
      matterCode: body.matterCode ?? null,
      category: body.category ?? null,
      ticketType: body.ticketType ?? null,
      areaKeyword: body.areaKeyword ?? null,
      departmentId: body.departmentId,
      priority: body.priority ?? 100,
      note: body.note ?? null,
      active: body.active ?? true,
    };
  }

  async function create(actor: AuditActor, body: DispatchCatalogueEntryBody): Promise<{ id: string }> {
    const v = values(body);
    await checkDepartment(body.departmentId);
    return db.transaction(async (tx) => {
      const [row] = await tx
        .insert(dispatchCatalogue)
        .values({ ...v, createdAt: clock.now(), updatedAt: clock.now() })
        .returning();
      await recordAudit(tx, actor, {
        action: 'dispatch_catalogue.create',
        entityType: 'dispatch_catalogue',
        entityId: row!.id,
        detail: v,
      });
      return { id: row!.id };
    });
  }

  async function update(actor: AuditActor, id: string, body: DispatchCatalogueEntryBody): Promise<{ id: string }> {
    const v = values(body);
    await checkDepartment(body.departmentId);
    return db.transaction(async (tx) => {
      const rows = await tx
        .update(dispatchCatalogue)
        .set({ ...v, updatedAt: clock.now() })
        .where(eq(dispatchCatalogue.id, id))
        .returning({ id: dispatchCatalogue.id });
      if (rows.length === 0) throw notFound('派单目录条目不存在');
      await recordAudit(tx, actor, {
        action: 'dispatch_catalogue.update',
        entityType: 'dispatch_catalogue',
        entityId: id,
        detail: v,
      });
      return { id };
    });
  }

  async function remove(actor: AuditActor, id: string): Promise<{ ok: boolean }> {
    return db.transaction(async (tx) => {
      const rows = await tx
        .delete(dispatchCatalogue)
        .where(eq(dispatchCatalogue.id, id))
        .returning({ id: dispatchCatalogue.id });
      if (rows.length === 0) throw notFound('派单目录条目不存在');
      await recordAudit(tx, actor, {
        action: 'dispatch_catalogue.delete',
        entityType: 'dispatch_catalogue',
        entityId: id,
      });
      return { ok: true };
    });
  }

  /** Up to three suggested units, best first, each with why it was suggested. */
  async function suggest(query: DispatchSuggestQuery): Promise<DispatchSuggestionList> {
    const entries = (await list()).filter((e) => e.active);
    const ranked = entries
      .map((e) => ({ e, f: fit(e, query) }))
      .filter((x): x is { e: DispatchCatalogueEntry; f: { score: number; reasons: string[] } } => x.f !== null)
      .sort((a, b) => b.f.score - a.f.score || a.e.priority - b.e.priority);
    const seen = new Set<string>();
    const items: DispatchSuggestion[] = [];
    for (const { e, f } of ranked) {
      if (seen.has(e.department.id)) continue;
      seen.add(e.department.id);
      items.push({ department: e.department, reason: `派单目录：${f.reasons.join('，')}` });
      if (items.length === 3) break;
    }
    return { items };
  }

  return { list, create, update, remove, suggest };
}
export type DispatchCatalogueService = ReturnType<typeof createDispatchCatalogue>;
