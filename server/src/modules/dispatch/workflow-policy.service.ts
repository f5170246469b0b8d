import { eq, sql } from 'drizzle-orm';
import { withPolicyDefaults, type WorkflowPolicy } from '@hotline/shared/domain/workflow-policy';
import type { Clock } from '../../lib/clock.js';
import type { Db, DbOrTx } from '../../platform/db/client.js';
import { recordAudit, type AuditActor } from '../audit/audit.service.js';
import { workflowPolicy } from './workflow-policy.table.js';

/**
 * The workflow policy in force, read inside the caller's transaction (one small row: no cache, so an admin's edit
 * applies to the next action on every node).
 */
export async function loadWorkflowPolicy(db: DbOrTx): Promise<WorkflowPolicy> {
  const [row] = await db.select({ policy: workflowPolicy.policy }).from(workflowPolicy).where(eq(workflowPolicy.id, 1));
  return withPolicyDefaults(row?.policy ?? null);
}

/** 工单流程规则 administration: read by leads and admins, replaced by an admin, each edit audited with before/after. */
export function createWorkflowPolicyService(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  return {
    get: (): Promise<WorkflowPolicy> => loadWorkflowPolicy(db),

    async replace(actor: AuditActor, policy: WorkflowPolicy): Promise<WorkflowPolicy> {
      const now = clock.now();
      await db.transaction(async (tx) => {
        // Serialise concurrent edits so each audit row's "before" is the previous edit's "after".
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext('workflow_policy'))`);
        const before = await loadWorkflowPolicy(tx);
        await tx
          .insert(workflowPolicy)
          .values({ id: 1, policy, updatedAt: now, updatedBy: actor.userId })
          .onConflictDoUpdate({ target: workflowPolicy.id, set: { policy, updatedAt: now, updatedBy: actor.userId } });
        await recordAudit(tx, actor, {
          action: 'workflow_policy.update',
          entityType: 'workflow_policy',
          detail: { before, after: policy },
        });
      });
      return loadWorkflowPolicy(db);
    },
  };
}
export type WorkflowPolicyService = ReturnType<typeof createWorkflowPolicyService>;
