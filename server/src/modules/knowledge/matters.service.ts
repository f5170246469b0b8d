import type {
  CreateMatterBody,
  MatterContent,
  MatterDetail,
  MatterList,
  MatterListQuery,
  MatterSummary,
  MatterVersionView,
  VersionHistory,
} from '@hotline/shared/contracts/knowledge';
import {
  missingNoticeSections,
  NOTICE_SECTION_LABELS,
  renderOnceNotice,
  type NoticeMatterSource,
} from '@hotline/shared/domain/notice-rendering';
import { isDepartmentRole } from '@hotline/shared/domain/roles';
import { toShanghaiDate as shanghaiDate } from '@hotline/shared/domain/shanghai-time';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { conflict, forbidden, notFound, unprocessable } from '../../platform/http/errors.js';
import { recordAudit } from '../audit/audit.service.js';
import { findDepartment } from '../departments/departments.repository.js';
import { assertMayViewMatter, isKbEditor, mayEditMatter, type KbActor } from './kb-actor.js';
import type { MatterRow, MatterVersionRow } from './knowledge.table.js';
import {
  findMatter,
  findMatterByCode,
  findWorkingVersion,
  insertMatter,
  insertVersion,
  listMatters,
  listVersions,
  loadContents,
  nextVersionNo,
  replaceDraftContent,
  updateMatter,
  updateVersion,
  findVersion,
} from './matters.repository.js';
import { upsertMatterDocument } from './search.repository.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function toVersionView(version: MatterVersionRow, content: MatterContent): MatterVersionView {
  return {
    id: version.id,
    versionNo: version.versionNo,
    status: version.status,
    content,
    changeNote: version.changeNote,
    createdBy: version.createdBy,
    createdAt: version.createdAt.toISOString(),
    submittedBy: version.submittedBy,
    submittedAt: iso(version.submittedAt),
    reviewedBy: version.reviewedBy,
    reviewedAt: iso(version.reviewedAt),
    reviewComment: version.reviewComment,
  };
}

/** A matter version as the notice renderer reads it. */
export function toNoticeSource(
  matter: Pick<MatterRow, 'id' | 'code'>,
  version: MatterVersionRow,
  content: MatterContent,
  departmentName: string,
): NoticeMatterSource {
  return {
    matterId: matter.id,
    versionId: version.id,
    versionNo: version.versionNo,
    code: matter.code,
    departmentName,
    ...content,
    situations: content.situations.map((s) => ({ ...s, notes: s.notes ?? null })),
  };
}

/** The headline fields of a version, as the list query and the detail both have them. */
type VersionHeadline = Pick<MatterVersionRow, 'versionNo' | 'name' | 'category' | 'visitClass' | 'status'>;

/** A matter's list line: named after the version in the works when there is one, else the published one. */
function toSummary(
  matter: MatterRow,
  departmentName: string,
  published: VersionHeadline | null,
  working: VersionHeadline | null,
  today: string,
): MatterSummary {
  const headline = working?.versionNo != null ? working : published;
  return {
    id: matter.id,
    code: matter.code,
    name: headline?.name ?? '',
    category: headline?.category ?? '',
    visitClass: headline?.visitClass ?? 'one_visit',
    department: { id: matter.departmentId, name: departmentName },
    publishedVersionNo: published?.versionNo ?? null,
    latestStatus: headline?.status ?? 'draft',
    reviewDueOn: matter.reviewDueOn,
    stale: matter.reviewDueOn < today,
    demo: matter.demo,
  };
}

/**
 * A matter may go to review and be published only with every section a 一次告知 notice needs: rendering all its
 * situations must leave nothing missing.
 */
export function assertCompleteForNotice(content: MatterContent): void {
  if (content.situations.length === 0) throw unprocessable('事项至少须有一个办事情形', 'matter_incomplete');
  assertUniqueSituationCodes(content);
  const codes = content.situations.map((s) => s.code);
  const notice = renderOnceNotice({
    parts: [
      {
        matter: toNoticeSource({ id: '-', code: '-' }, { id: '-', versionNo: 0 } as MatterVersionRow, content, '-'),
        situationCodes: codes,
      },
    ],
    renderedAt: new Date(0),
  });
  const missing = [...new Set(missingNoticeSections(notice).map((m) => NOTICE_SECTION_LABELS[m.section]))];
  if (missing.length) {
    throw unprocessable(`事项缺少一次告知必备内容：${missing.join('、')}`, 'matter_incomplete');
  }
}

function assertUniqueSituationCodes(content: MatterContent): void {
  const codes = content.situations.map((s) => s.code);
  if (new Set(codes).size !== codes.length) throw unprocessable('办事情形编码不能重复', 'duplicate_situation_code');
}

export function createMattersService({ db, clock }: { db: Db; clock: Clock }) {
  const today = () => shanghaiDate(clock.now());

  async function loadVisibleMatter(tx: DbOrTx, actor: KbActor, matterId: string, lock = false) {
    const found = await findMatter(tx, matterId, lock);
    if (!found) throw notFound('事项不存在或无权查看');
    assertMayViewMatter(actor, found.matter);
    return found;
  }

  return {
    async list(actor: KbActor, query: MatterListQuery & { staleOnly?: boolean }): Promise<MatterList> {
      // Department users list their own unit's matters only, whatever filter they send.
      const departmentId = isDepartmentRole(actor.role)
        ? (actor.departmentId ?? '00000000-0000-0000-0000-000000000000')
        : query.departmentId;
      const day = today();
      const { rows, total } = await listMatters(db, {
        departmentId,
        q: query.q,
        status: query.status,
        staleOn: query.stale || query.staleOnly ? day : undefined,
        limit: query.limit ?? 100,
        offset: query.offset ?? 0,
      });
      return {
        total,
        items: rows.map((r) => toSummary(r.matter, r.departmentName, r.published, r.working, day)),
      };
    },

    async detail(actor: KbActor, matterId: string): Promise<MatterDetail> {
      const found = await loadVisibleMatter(db, actor, matterId);
      const published = found.matter.publishedVersionId ? await findVersion(db, found.matter.publishedVersionId) : null;
      const editable = mayEditMatter(actor, found.matter);
      const inTheWorks = await findWorkingVersion(db, matterId);
      // Agents and leads read the published matter only; drafts are the owners' and editors' business.
      const working = editable || actor.role === 'admin' ? inTheWorks : null;
      if (!published && !working) throw notFound('事项不存在或无权查看');
      const contents = await loadContents(
        db,
        [published, working].filter((v): v is MatterVersionRow => v !== null),
      );
      return {
        summary: toSummary(found.matter, found.departmentName, published, inTheWorks, today()),
        published: published ? toVersionView(published, contents.get(published.id)!) : null,
        working: working ? toVersionView(working, contents.get(working.id)!) : null,
        mayEdit: editable,
        mayPublish: isKbEditor(actor),
      };
    },

    async history(actor: KbActor, matterId: string): Promise<VersionHistory> {
      const found = await loadVisibleMatter(db, actor, matterId);
      if (!mayEditMatter(actor, found.matter) && actor.role !== 'admin') throw notFound('事项不存在或无权查看');
      const versions = await listVersions(db, matterId);
      return {
        items: versions.map((v) => {
          const { content: _content, ...rest } = toVersionView(v, {} as MatterContent);
          return rest;
        }),
      };
    },

    async create(actor: KbActor, body: CreateMatterBody): Promise<MatterDetail> {
      if (!isKbEditor(actor) && !(isDepartmentRole(actor.role) && actor.departmentId === body.departmentId)) {
        throw forbidden('只能为本单位新建事项');
      }
      assertUniqueSituationCodes(body.content);
      const matterId = await db.transaction(async (tx) => {
        if (!(await findDepartment(tx, body.departmentId))) throw unprocessable('所属单位不存在');
        if (await findMatterByCode(tx, body.code)) throw conflict(`事项编码 ${body.code} 已存在`, 'duplicate_code');
        const matter = await insertMatter(tx, {
          code: body.code,
          departmentId: body.departmentId,
          reviewDueOn: body.reviewDueOn,
        });
        const version = await insertVersion(tx, {
          matterId: matter.id,
          versionNo: 1,
          status: 'draft',
          content: body.content,
          createdBy: actor.userId,
          createdAt: clock.now(),
        });
        await recordAudit(tx, actor, {
          action: 'kb.matter_create',
          entityType: 'kb_matter',
          entityId: matter.id,
          toState: 'draft',
          detail: { code: body.code, versionId: version.id },
        });
        return matter.id;
      });
      return this.detail(actor, matterId);
    },

    /**
     * Saves the working draft. With no draft in the works, a new version is started (a published version is never
     * changed in place); a version under review is locked until the editor decides.
     */
    async saveDraft(
      actor: KbActor,
      matterId: string,
      content: MatterContent,
      changeNote?: string,
    ): Promise<MatterDetail> {
      assertUniqueSituationCodes(content);
      await db.transaction(async (tx) => {
        const found = await loadVisibleMatter(tx, actor, matterId, true);
        if (!mayEditMatter(actor, found.matter)) throw forbidden('只有事项所属单位或知识库采编可以修改事项');
        const working = await findWorkingVersion(tx, matterId);
        if (working?.status === 'review') throw conflict('该事项正在审核中，审核完成前不能修改', 'in_review');
        if (working) {
          await replaceDraftContent(tx, working.id, content, changeNote ?? null);
        } else {
          await insertVersion(tx, {
            matterId,
            versionNo: await nextVersionNo(tx, matterId),
            status: 'draft',
            content,
            createdBy: actor.userId,
            changeNote: changeNote ?? null,
            createdAt: clock.now(),
          });
        }
        await updateMatter(tx, matterId, { updatedAt: clock.now() });
        await recordAudit(tx, actor, {
          action: 'kb.draft_save',
          entityType: 'kb_matter',
          entityId: matterId,
          toState: 'draft',
          reason: changeNote ?? null,
        });
      });
      return this.detail(actor, matterId);
    },

    async submitForReview(actor: KbActor, matterId: string): Promise<MatterDetail> {
      await db.transaction(async (tx) => {
        const found = await loadVisibleMatter(tx, actor, matterId, true);
        if (!mayEditMatter(actor, found.matter)) throw forbidden('只有事项所属单位或知识库采编可以提交审核');
        const working = await findWorkingVersion(tx, matterId);
        if (!working || working.status !== 'draft') throw conflict('没有待提交的草稿', 'no_draft');
        const content = (await loadContents(tx, [working])).get(working.id)!;
        assertCompleteForNotice(content);
        await updateVersion(tx, working.id, { status: 'review', submittedBy: actor.userId, submittedAt: clock.now() });
        await recordAudit(tx, actor, {
          action: 'kb.version_submit',
          entityType: 'kb_matter',
          entityId: matterId,
          fromState: 'draft',
          toState: 'review',
          detail: { versionId: working.id, versionNo: working.versionNo },
        });
      });
      return this.detail(actor, matterId);
    },

    /** 审核: the editor publishes the version (the previous one is superseded, search re-indexed) or sends it back. */
    async review(actor: KbActor, matterId: string, approve: boolean, comment?: string): Promise<MatterDetail> {
      if (!isKbEditor(actor)) throw forbidden('只有知识库采编可以审核发布事项');
      await db.transaction(async (tx) => {
        const found = await loadVisibleMatter(tx, actor, matterId, true);
        const working = await findWorkingVersion(tx, matterId);
        if (!working || working.status !== 'review') throw conflict('该事项没有待审核的版本', 'no_review');
        const now = clock.now();
        if (!approve) {
          if (!comment?.trim()) throw unprocessable('退回修改须填写审核意见');
          await updateVersion(tx, working.id, {
            status: 'draft',
            reviewedBy: actor.userId,
            reviewedAt: now,
            reviewComment: comment.trim(),
          });
        } else {
          const content = (await loadContents(tx, [working])).get(working.id)!;
          assertCompleteForNotice(content);
          if (found.matter.publishedVersionId) {
            await updateVersion(tx, found.matter.publishedVersionId, { status: 'superseded' });
          }
          await updateVersion(tx, working.id, {
            status: 'published',
            reviewedBy: actor.userId,
            reviewedAt: now,
            reviewComment: comment?.trim() || null,
          });
          await updateMatter(tx, matterId, { publishedVersionId: working.id, updatedAt: now });
          await upsertMatterDocument(tx, {
            matterId,
            code: found.matter.code,
            departmentName: found.departmentName,
            content,
          });
        }
        await recordAudit(tx, actor, {
          action: approve ? 'kb.version_publish' : 'kb.version_reject',
          entityType: 'kb_matter',
          entityId: matterId,
          fromState: 'review',
          toState: approve ? 'published' : 'draft',
          reason: comment ?? null,
          detail: { versionId: working.id, versionNo: working.versionNo },
        });
      });
      return this.detail(actor, matterId);
    },

    /** 复核: the owner confirms the matter is still right and sets the next review date. */
    async setReviewDue(actor: KbActor, matterId: string, reviewDueOn: string): Promise<MatterDetail> {
      await db.transaction(async (tx) => {
        const found = await loadVisibleMatter(tx, actor, matterId, true);
        if (!mayEditMatter(actor, found.matter)) throw forbidden('只有事项所属单位或知识库采编可以设置复核日期');
        if (reviewDueOn <= today()) throw unprocessable('下次复核日期须晚于今天');
        await updateMatter(tx, matterId, { reviewDueOn, updatedAt: clock.now() });
        await recordAudit(tx, actor, {
          action: 'kb.review_due_set',
          entityType: 'kb_matter',
          entityId: matterId,
          detail: { from: found.matter.reviewDueOn, to: reviewDueOn },
        });
      });
      return this.detail(actor, matterId);
    },
  };
}

export type MattersService = ReturnType<typeof createMattersService>;
