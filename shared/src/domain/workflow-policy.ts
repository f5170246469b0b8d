/**
 * 工单流程规则 (workflow policy): every ticket-flow rule a city sets differently, defined once with DOMAIN's defaults.
 * The server stores one row of it (admin-edited, each edit audited); services read it inside their transaction.
 * The clock durations and the warning/催办/通报 stage offsets are the clock policy's (`clock-policy.ts`), not this.
 */
import { Type, type Static } from 'typebox';

/**
 * 三次派单失败后的兜底方式: `designate` — a lead designates the unit, which may not return it (Tianjin 指定承办);
 * `district` — the district government of the area takes it automatically (Beijing 兜底).
 */
export const DISPATCH_FALLBACKS = ['designate', 'district'] as const;
export type DispatchFallback = (typeof DISPATCH_FALLBACKS)[number];
export const DISPATCH_FALLBACK_LABELS: Record<DispatchFallback, string> = {
  designate: '由班长指定承办单位（指定承办）',
  district: '由属地区政府兜底承办',
};

const enumOf = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

export const WorkflowPolicy = Type.Object(
  {
    extension: Type.Object(
      {
        /** Cap on the extension days granted to one ticket across all its rounds (working days). */
        maxTotalWorkingDays: Type.Integer({ minimum: 1, maximum: 60 }),
        /** Zhoushan: the request must come by the end of the working day before the handling due date. */
        requestByDayBefore: Type.Boolean(),
        /** Tell the citizen of an approved extension by SMS (and on the public progress page, always). */
        notifyCitizen: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
    callback: Type.Object(
      {
        /** Unreachable callbacks after which the ticket is closed as unreachable (三次未接通). */
        maxUnreachableAttempts: Type.Integer({ minimum: 1, maximum: 10 }),
      },
      { additionalProperties: false },
    ),
    dispatch: Type.Object(
      {
        /** Approved returns (failed dispatches) after which the fallback applies (三次派单). */
        maxFailedDispatches: Type.Integer({ minimum: 1, maximum: 10 }),
        fallback: enumOf(DISPATCH_FALLBACKS),
      },
      { additionalProperties: false },
    ),
    chase: Type.Object(
      {
        /** A ticket still overdue this many working days after its handling due gets an automatic 督办单. */
        autoSupervisionWorkingDaysAfterDue: Type.Integer({ minimum: 1, maximum: 60 }),
        /** Send each 催办/通报 to the unit's liaison and leader by SMS (besides the console). */
        notifyUnitBySms: Type.Boolean(),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type WorkflowPolicy = Static<typeof WorkflowPolicy>;

export const DEFAULT_WORKFLOW_POLICY: WorkflowPolicy = {
  extension: { maxTotalWorkingDays: 20, requestByDayBefore: false, notifyCitizen: true },
  callback: { maxUnreachableAttempts: 3 },
  dispatch: { maxFailedDispatches: 3, fallback: 'designate' },
  chase: { autoSupervisionWorkingDaysAfterDue: 3, notifyUnitBySms: true },
};

/** A stored policy completed with the defaults (a newer release may add rules an older row lacks). */
export function withPolicyDefaults(
  stored: Partial<{ [K in keyof WorkflowPolicy]: Partial<WorkflowPolicy[K]> }> | null,
) {
  const s = stored ?? {};
  return {
    extension: { ...DEFAULT_WORKFLOW_POLICY.extension, ...s.extension },
    callback: { ...DEFAULT_WORKFLOW_POLICY.callback, ...s.callback },
    dispatch: { ...DEFAULT_WORKFLOW_POLICY.dispatch, ...s.dispatch },
    chase: { ...DEFAULT_WORKFLOW_POLICY.chase, ...s.chase },
  } satisfies WorkflowPolicy;
}
