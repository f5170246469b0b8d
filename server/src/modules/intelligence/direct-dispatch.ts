import type { DispatchSuggestionResult, IntelligenceSettings } from '@hotline/shared/contracts/intelligence';

export type DirectDispatchOffer = NonNullable<DispatchSuggestionResult['directDispatch']>;

/**
 * 直派 policy, pure: offered only when 直派 is on, a trained model is serving, the top unit accepts 直派 and its
 * confidence reaches the threshold. `reason` says in Chinese why not, for the 409 of a refused 直派.
 */
export function directDispatchOffer(
  result: DispatchSuggestionResult,
  settings: IntelligenceSettings,
): { offer: DirectDispatchOffer } | { reason: string } {
  const policy = settings.directDispatch;
  if (!policy.enabled) return { reason: '直派未开启' };
  if (result.modelVersion === null) return { reason: '尚无可用的派单模型，不能直派' };
  const top = result.items[0];
  if (!top) return { reason: '没有可直派的建议单位' };
  if (!policy.departmentIds.includes(top.department.id)) return { reason: `${top.department.name}未开通直派` };
  if (top.confidence < policy.threshold) {
    const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
    return { reason: `首选建议置信度 ${pct(top.confidence)} 低于直派阈值 ${pct(policy.threshold)}` };
  }
  return { offer: { departmentId: top.department.id, confidence: top.confidence, threshold: policy.threshold } };
}
