import type { Page } from 'playwright-core';
import { AGENT_STATES, BREAK_REASONS } from '../../shared/src/domain/agent-states.js';
import { AUDIT_ACTION_LABELS } from '../../shared/src/domain/audit-labels.js';
import { ROLES } from '../../shared/src/domain/roles.js';
import {
  CATEGORY_FLAGS,
  CHANNELS,
  CLOCK_KINDS,
  CLOCK_STAGES,
  CLOCK_STATES,
  EMERGENCY_LINES,
  RETURN_REASONS,
  SATISFACTIONS,
  TICKET_ACTIONS,
  TICKET_STATES,
  TICKET_TYPES,
  URGENCIES,
} from '../../shared/src/domain/ticket-types.js';
import { WORK_QUEUES } from '../../shared/src/domain/work-queues.js';

/**
 * Issue 11: "no internal key ever visible on screen". The keys are the project's own enum values and audit codes;
 * the ones that are also plain English words people might type (e.g. `web`) are kept — the console is Chinese.
 */
const INTERNAL_KEYS = [
  ...TICKET_STATES,
  ...TICKET_ACTIONS,
  ...TICKET_TYPES,
  ...URGENCIES,
  ...CHANNELS,
  ...CATEGORY_FLAGS,
  ...CLOCK_KINDS,
  ...CLOCK_STAGES,
  ...CLOCK_STATES,
  ...EMERGENCY_LINES,
  ...RETURN_REASONS,
  ...SATISFACTIONS,
  ...AGENT_STATES,
  ...BREAK_REASONS,
  ...ROLES,
  ...WORK_QUEUES,
  ...Object.keys(AUDIT_ACTION_LABELS),
  'pending',
  'approved',
  'rejected',
  'extension_request',
  'notice_attach',
];

const escape = (key: string) => key.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');
const KEY_PATTERN = new RegExp(
  `(?<![A-Za-z0-9_.@/-])(${[...new Set(INTERNAL_KEYS)]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|')})(?![A-Za-z0-9_-])`,
  'g',
);
const UUID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Internal keys and UUIDs in the page's visible text (inputs' values are not visible text and are not checked). */
export async function visibleRawKeys(page: Page): Promise<string[]> {
  // innerText: only what is rendered visibly (hidden elements and input values are left out).
  const text = await page.locator('body').innerText();
  return [...new Set([...(text.match(KEY_PATTERN) ?? []), ...(text.match(UUID_PATTERN) ?? [])])];
}

/**
 * Collects what a user would see in the browser console as errors: uncaught exceptions and `console.error`
 * (failed requests the console handled, e.g. an expected 404, also print there — pass `allow` for those).
 */
export function watchConsoleErrors(page: Page, allow: RegExp[] = []): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = `${message.text()} @ ${message.location().url ?? ''}`;
    if (!allow.some((pattern) => pattern.test(text))) errors.push(text);
  });
  return errors;
}
