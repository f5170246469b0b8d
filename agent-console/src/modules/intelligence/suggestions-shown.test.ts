import { describe, expect, it } from 'vitest';
import { suggestionsShown } from './suggestions-shown';

const item = (id: string, confidence: number) => ({
  department: { id, code: id, name: id },
  confidence,
  reasons: [],
});

describe('suggestionsShown', () => {
  it('lists the units in the order shown, confidences kept within 0–1', () => {
    expect(
      suggestionsShown({ modelVersion: 4, items: [item('a', 0.7), item('b', 1.2), item('c', -0.1)] } as never),
    ).toEqual({ modelVersion: 4, suggestedDepartmentIds: ['a', 'b', 'c'], suggestedConfidences: [0.7, 1, 0] });
  });
  it('is null when nothing was suggested', () => {
    expect(suggestionsShown(null)).toBeNull();
    expect(suggestionsShown({ modelVersion: null, items: [] } as never)).toBeNull();
  });
});
