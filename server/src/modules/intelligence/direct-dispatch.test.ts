import { describe, expect, it } from 'vitest';
import { DEFAULT_INTELLIGENCE_SETTINGS, type DispatchSuggestionResult } from '@hotline/shared/contracts/intelligence';
import { directDispatchOffer } from './direct-dispatch.js';

const UNIT = '00000000-0000-4000-8000-000000000001';
const result = (confidence: number, modelVersion: number | null = 3): DispatchSuggestionResult => ({
  modelVersion,
  items: [{ department: { id: UNIT, code: 'GD', name: '市供电公司' }, confidence, reasons: [] }],
});
const on = (threshold: number, departmentIds = [UNIT]) => ({
  directDispatch: { enabled: true, threshold, departmentIds },
});

describe('issue 15 直派 policy', () => {
  it('is off by default', () => {
    expect(directDispatchOffer(result(0.99), DEFAULT_INTELLIGENCE_SETTINGS)).toEqual({ reason: '直派未开启' });
  });
  it('offers the top unit when it accepts 直派 and its confidence reaches the threshold', () => {
    expect(directDispatchOffer(result(0.95), on(0.9))).toEqual({
      offer: { departmentId: UNIT, confidence: 0.95, threshold: 0.9 },
    });
  });
  it('refuses below the threshold, for a unit that has not opted in, and without a trained model', () => {
    expect(directDispatchOffer(result(0.85), on(0.9))).toEqual({ reason: '首选建议置信度 85% 低于直派阈值 90%' });
    expect(directDispatchOffer(result(0.99), on(0.9, []))).toEqual({ reason: '市供电公司未开通直派' });
    expect(directDispatchOffer(result(0.99, null), on(0.9))).toMatchObject({ reason: expect.stringContaining('模型') });
  });
});
