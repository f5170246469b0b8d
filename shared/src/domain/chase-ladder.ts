/** 催办 / 通报: the formal acts of the chase ladder, each with its own number. */
export const CHASE_KINDS = ['urge', 'circular'] as const;
export type ChaseKind = (typeof CHASE_KINDS)[number];
export const CHASE_KIND_LABELS: Record<ChaseKind, string> = { urge: '催办', circular: '通报' };
/** Number prefix per kind: CB-20261202-0001 (催办), TB-… (通报); 督办单 DB-…. */
export const CHASE_NUMBER_PREFIXES: Record<ChaseKind | 'supervision', string> = {
  urge: 'CB',
  circular: 'TB',
  supervision: 'DB',
};
