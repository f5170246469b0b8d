import type { MetricDimension } from '@hotline/shared/domain/metrics';
import { isDepartmentRole, type Role } from '@hotline/shared/domain/roles';
import { dayNumber } from '@hotline/shared/domain/shanghai-time';
import { MAX_RANGE_DAYS } from '@hotline/shared/contracts/supervision';
import { badRequest, notFound } from '../../platform/http/errors.js';

export interface SupervisionActor {
  userId: string;
  role: Role;
  departmentId: string | null;
  ip: string | null;
}

/**
 * A department user (handler, head) sees their own unit's figures only: whatever they ask for is narrowed to
 * dim `department` = their unit, and asking for another unit (or another cut) is a 404 — as if it did not exist.
 */
export function scopeCut(
  actor: SupervisionActor,
  dim: MetricDimension | undefined,
  key: string | undefined,
): { dim: MetricDimension; key: string | undefined } {
  if (!isDepartmentRole(actor.role)) return { dim: dim ?? 'all', key };
  if (!actor.departmentId) throw notFound('该单位不存在或无权查看');
  if (dim && dim !== 'department' && dim !== 'all') throw notFound('该单位不存在或无权查看');
  if (key !== undefined && key !== actor.departmentId) throw notFound('该单位不存在或无权查看');
  return { dim: 'department', key: actor.departmentId };
}

/** Validates a date range (Shanghai days, inclusive) and returns its length in days. */
export function checkRange(from: string, to: string): number {
  let a: number;
  let b: number;
  try {
    a = dayNumber(from);
    b = dayNumber(to);
  } catch {
    throw badRequest('日期无效，请使用 YYYY-MM-DD 格式');
  }
  if (b < a) throw badRequest('结束日期不能早于开始日期');
  if (b - a + 1 > MAX_RANGE_DAYS) throw badRequest(`统计区间不能超过 ${MAX_RANGE_DAYS} 天`);
  return b - a + 1;
}
