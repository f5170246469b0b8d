import { sql } from 'drizzle-orm';
import type {
  CorrectionList,
  CorrectionRequestBody,
  CorrectionStatus,
  CorrectionView,
  ResolveCorrectionBody,
} from '@hotline/shared/contracts/knowledge';
import { isDepartmentRole } from '@hotline/shared/domain/roles';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { assertMayViewMatter, isKbEditor, type KbActor } from './kb-actor.js';
import { findMatter } from './matters.repository.js';

/**
 * 纠错: an agent, a lead or a department user flags a matter (or the 一次告知单 rendered from it) as wrong or out of
 * date; a 知识库采编 resolves it. `made` is only accepted once the matter has a published version other than the one
 * the requester saw, so "made" means the correction reached the notices. Every change is audited.
 */

type Row = Record<string, unknown>;

const iso = (v: unknown) => (v == null ? null : new Date(v as string).toISOString());

function toView(r: Row): CorrectionView {
  return {
    id: r.id as string,
    matterId: r.matter_id as string,
    matterCode: r.matter_code as string,
    matterName: (r.matter_name as string | null) ?? null,
    departmentId: r.department_id as string,
    departmentName: (r.department_name as string | null) ?? null,
    noticeId: (r.notice_id as string | null) ?? null,
    reason: r.reason as string,
    requestedByName: (r.requested_by_name as string | null) ?? null,
    requestedAt: iso(r.requested_at)!,
    status: r.status as CorrectionStatus,
    resolvedAt: iso(r.resolved_at),
    resolvedByName: (r.resolved_by_name as string | null) ?? null,
    resolutionNote: (r.resolution_note as string | null) ?? null,
  };
}

async function selectCorrections(db: DbOrTx, where: ReturnType<typeof sql>): Promise<CorrectionView[]> {
  const rows = await db.execute<Row>(sql`
    SELECT c.id, c.matter_id, m.code AS matter_code,
           coalesce(pv.name, (SELECT v.name FROM kb_matter_versions v WHERE v.matter_id = m.id
                              ORDER BY v.version_no DESC LIMIT 1)) AS matter_name,
           c.department_id, d.name AS department_name, c.notice_id, c.reason, ru.display_name AS requested_by_name,
           c.requested_at, c.status, c.resolved_at, su.display_name AS resolved_by_name, c.resolution_note
    FROM kb_corrections c
    JOIN kb_matters m ON m.id = c.matter_id
    LEFT JOIN kb_matter_versions pv ON pv.id = m.published_version_id
    LEFT JOIN departments d ON d.id = c.department_id
    LEFT JOIN users ru ON ru.id = c.requested_by
    LEFT JOIN users su ON su.id = c.resolved_by
    WHERE ${where}
    ORDER BY c.requested_at DESC
    LIMIT 500`);
  return rows.map(toView);
}

export function createCorrectionsService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    /** Files a 纠错 against a matter the actor may see (department users: their own unit's, others get 404). */
    async request(actor: KbActor, matterId: string, body: CorrectionRequestBody): Promise<CorrectionView> {
      const reason = body.reason.trim();
      if (!reason) throw unprocessable('请填写纠错理由');
      const id = await db.transaction(async (tx) => {
        const found = await findMatter(tx, matterId);
        if (!found) throw notFound('事项不存在或无权查看');
        assertMayViewMatter(actor, found.matter);
        if (body.noticeId) {
          const [cites] = await tx.execute<{ ok: boolean }>(sql`
            SELECT true AS ok FROM ticket_notices n
            WHERE n.id = ${body.noticeId}
              AND (EXISTS (SELECT 1 FROM kb_matter_versions v WHERE v.id = n.matter_version_id AND v.matter_id = ${matterId})
                   OR EXISTS (SELECT 1 FROM jsonb_array_elements(n.source_versions) e WHERE e->>'matterId' = ${matterId}))`);
          if (!cites) throw unprocessable('该一次告知单不是由此事项生成');
        }
        // One open request per person and matter: a repeated click must not inflate the unit's count.
        const [dup] = await tx.execute<{ id: string }>(sql`
          SELECT id FROM kb_corrections
          WHERE matter_id = ${matterId} AND requested_by = ${actor.userId} AND status = 'open' LIMIT 1`);
        if (dup) throw conflict('您已对该事项提交过纠错，正在处理中', 'correction_pending');
        const [row] = await tx.execute<{ id: string }>(sql`
          INSERT INTO kb_corrections (matter_id, matter_version_id, department_id, notice_id, reason, requested_by,
                                      requested_at)
          VALUES (${matterId}, ${found.matter.publishedVersionId}, ${found.matter.departmentId},
                  ${body.noticeId ?? null}, ${reason}, ${actor.userId}, ${clock.now().toISOString()})
          RETURNING id`);
        await recordAudit(tx, actor, {
          action: 'kb.correction_request',
          entityType: 'kb_matter',
          entityId: matterId,
          toState: 'open',
          reason,
          detail: { correctionId: row!.id, noticeId: body.noticeId ?? null },
        });
        return row!.id;
      });
      return (await selectCorrections(db, sql`c.id = ${id}`))[0]!;
    },

    /** Editors, leads and admins see every request; department users those against their own unit's matters. */
    async list(actor: KbActor, status: CorrectionStatus | undefined): Promise<CorrectionList> {
      const byStatus = status ? sql`c.status = ${status}` : sql`true`;
      const scope = isDepartmentRole(actor.role) ? sql`c.department_id = ${actor.departmentId}` : sql`true`;
      return { items: await selectCorrections(db, sql`${byStatus} AND ${scope}`) };
    },

    /** 采编 resolves: `made` needs a newly published version of the matter; `rejected` needs the reason. */
    async resolve(actor: KbActor, id: string, body: ResolveCorrectionBody): Promise<CorrectionView> {
      if (!isKbEditor(actor)) throw forbidden('只有知识库采编可以处理纠错');
      const note = body.note?.trim() || null;
      if (body.outcome === 'rejected' && !note) throw unprocessable('驳回纠错须说明理由');
      await db.transaction(async (tx) => {
        const [current] = await tx.execute<{
          status: string;
          matter_id: string;
          seen: string | null;
          now: string | null;
        }>(
          sql`SELECT c.status, c.matter_id, c.matter_version_id AS seen, m.published_version_id AS now
              FROM kb_corrections c JOIN kb_matters m ON m.id = c.matter_id
              WHERE c.id = ${id} FOR UPDATE OF c`,
        );
        if (!current) throw notFound('纠错记录不存在');
        if (current.status !== 'open') throw conflict('该纠错已处理', 'correction_resolved');
        if (body.outcome === 'made' && (current.now === null || current.now === current.seen))
          throw unprocessable('该事项尚未发布更正后的新版本，请先修改并发布事项', 'correction_not_published');
        await tx.execute(sql`
          UPDATE kb_corrections SET status = ${body.outcome}, resolved_at = ${clock.now().toISOString()},
            resolved_by = ${actor.userId}, resolution_note = ${note}
          WHERE id = ${id}`);
        await recordAudit(tx, actor, {
          action: 'kb.correction_resolve',
          entityType: 'kb_matter',
          entityId: current.matter_id,
          fromState: 'open',
          toState: body.outcome,
          reason: note,
          detail: { correctionId: id, publishedVersionId: current.now },
        });
      });
      return (await selectCorrections(db, sql`c.id = ${id}`))[0]!;
    },
  };
}

export type CorrectionsService = ReturnType<typeof createCorrectionsService>;
