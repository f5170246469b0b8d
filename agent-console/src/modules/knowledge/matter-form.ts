import { CreateMatterBody, UpdateDraftBody } from '@hotline/shared/contracts/knowledge';
import { requiredPaths, type ValidationProblem } from '@hotline/shared/contracts/problems';
import { validateAgainst } from '../../app/form-problems';

/**
 * The matter editor's fields (el-form-item `prop`s), named as the API spells them, so a problem's path — from the
 * page's own check against the contract or from the server's 400 — names its field directly.
 */
export const MATTER_FIELDS = [
  'code',
  'departmentId',
  'reviewDueOn',
  'content.name',
  'content.category',
  'content.visitClass',
  'content.fees',
  'content.legalTimeLimitDays',
  'content.promisedTimeLimitDays',
  'content.place',
  'content.hours',
  'content.phone',
  'content.onlineUrl',
  'content.legalBasis',
  'content.keywords',
  'content.situations',
  'changeNote',
] as const;

/** Fields marked 必填: what CreateMatterBody requires (and does not accept empty), read from the shared schema. */
export const MATTER_REQUIRED_FIELDS: ReadonlySet<string> = new Set(requiredPaths(CreateMatterBody));

/** A problem's path → the field showing it: the longest field path it starts with (`content.situations.2.name`). */
export function matterFieldOf(path: string): string | null {
  let best: string | null = null;
  for (const field of MATTER_FIELDS) {
    if ((path === field || path.startsWith(`${field}.`)) && (!best || field.length > best.length)) best = field;
  }
  return best;
}

/** Problems with their paths moved onto the editor's fields (the rest keep theirs and are shown as a message). */
export function onMatterFields(problems: readonly ValidationProblem[]): ValidationProblem[] {
  return problems.map((problem) => ({ ...problem, path: matterFieldOf(problem.path) ?? problem.path }));
}

/** The editor's own check before sending: the same TypeBox schema the server validates with. */
export function checkMatterBody(isNew: boolean, body: CreateMatterBody | UpdateDraftBody): ValidationProblem[] {
  return onMatterFields(validateAgainst(isNew ? CreateMatterBody : UpdateDraftBody, body));
}

/** Identity map for `showFieldErrors`: every field shows the problems on its own path. */
export const MATTER_FIELD_OF: Record<string, string> = Object.fromEntries(MATTER_FIELDS.map((field) => [field, field]));
