import { describe, expect, it } from 'vitest';
import { allowedActionsFor, callerFor } from './ticket-views.js';
import { detectFileType } from './ticket-attachments.service.js';
import { hashQueryCode, newQueryCode } from './public-enquiries.service.js';
import type { TicketActor } from './ticket-actor.js';
import type { TicketRow } from './tickets.table.js';

const ticket = (overrides: Partial<TicketRow> = {}) =>
  ({
    status: 'in_progress',
    type: 'complaint',
    confidential: false,
    callerName: '王小明',
    callerPhone: '13800001234',
    greenChannel: false,
    categories: [],
    ...overrides,
  }) as TicketRow;
const actor = (role: TicketActor['role'], departmentId: string | null = null): TicketActor => ({
  userId: 'u',
  role,
  departmentId,
  ip: null,
});
const noContext = { ownRound: null, pendingExtension: false, replyAwaitsHead: false };

describe('caller visibility', () => {
  it('hides the caller of a 举报 and of a confidential ticket from department users, masks it otherwise', () => {
    expect(callerFor(ticket({ type: 'report' }), actor('handler', 'd'), true).visibility).toBe('hidden');
    expect(callerFor(ticket({ confidential: true }), actor('dept_head', 'd'), true).visibility).toBe('hidden');
    expect(callerFor(ticket(), actor('handler', 'd'), true)).toMatchObject({
      phone: '138****1234',
      visibility: 'masked',
    });
  });

  it('shows the hotline the full caller only when asked (the audited detail view)', () => {
    expect(callerFor(ticket({ type: 'report' }), actor('lead'), true)).toMatchObject({
      phone: '13800001234',
      visibility: 'full',
    });
    expect(callerFor(ticket(), actor('agent'), false).visibility).toBe('masked');
  });
});

describe('allowed actions', () => {
  it('gives a lead unit handler the handling actions and a co unit only progress', () => {
    const lead = { role: 'lead' as const, signed: true, designated: false, returned: false };
    expect(allowedActionsFor(ticket(), actor('handler', 'd'), { ...noContext, ownRound: lead })).toEqual([
      'return',
      'extension',
      'progress',
      'reply',
    ]);
    expect(
      allowedActionsFor(ticket(), actor('handler', 'd'), { ...noContext, ownRound: { ...lead, role: 'co' } }),
    ).toEqual(['progress']);
  });

  it('drops return for a designated unit and gives nothing to a handler without a round', () => {
    const designated = { role: 'lead' as const, signed: false, designated: true, returned: false };
    expect(
      allowedActionsFor(ticket({ status: 'awaiting_sign' }), actor('handler', 'd'), {
        ...noContext,
        ownRound: designated,
      }),
    ).toEqual(['sign']);
    expect(allowedActionsFor(ticket(), actor('handler', 'd'), noContext)).toEqual([]);
  });

  it('gives admins nothing to click', () => {
    expect(allowedActionsFor(ticket({ status: 'awaiting_callback' }), actor('admin'), noContext)).toEqual([]);
  });
});

describe('letters and query codes', () => {
  it('detects JPEG, PNG and PDF by their magic bytes only', () => {
    expect(detectFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(detectFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(detectFileType(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
    expect(detectFileType(Buffer.from('GIF89a'))).toBeNull();
  });

  it('makes query codes without ambiguous characters and hashes them case-insensitively', () => {
    const code = newQueryCode();
    expect(code).toMatch(/^[A-HJKMNP-Z2-9]{8}$/);
    expect(hashQueryCode(code.toLowerCase())).toBe(hashQueryCode(code));
  });
});
