import { describe, expect, it } from 'vitest';
import { PgDialect } from 'drizzle-orm/pg-core';
import { dispatchRounds } from '../../modules/dispatch/dispatch.table.js';
import { auditLog } from '../../modules/audit/audit.table.js';
import {
  arrayLiteral,
  insertStatement,
  RawStatement,
  shiftPlaceholders,
  toRaw,
  updateByIdStatement,
} from './raw-statement.js';

const dialect = new PgDialect();
const at = new Date('2026-12-02T08:00:00.000Z');

describe('RawStatement builders (issue 12: SQL text instead of drizzle rendering)', () => {
  it('insert: the given columns with casts, driver values as parameters, nulls inline', () => {
    const statement = insertStatement(auditLog, [
      {
        actorId: null,
        actorRole: 'agent',
        ip: '127.0.0.1',
        action: 'ticket.sign',
        entityType: 'ticket',
        detail: { round: 1 },
      },
    ]);
    expect(statement.text).toBe(
      'insert into "audit_log" ("actor_id", "actor_role", "action", "entity_type", "ip", "detail") values ' +
        '(null::uuid, $1::text, $2::text, $3::text, $4::text, $5::jsonb)',
    );
    expect(statement.params).toEqual(['agent', 'ticket.sign', 'ticket', '127.0.0.1', '{"round":1}']);
  });

  it('multi-row insert: every row binds the same columns; omitted values take the default', () => {
    const statement = insertStatement(dispatchRounds, [
      { id: 'a', ticketId: 't', round: 1, departmentId: 'd1', role: 'lead', dispatchedAt: at, returnDueAt: at },
      { id: 'b', ticketId: 't', round: 1, departmentId: 'd2', role: 'co', dispatchedAt: at },
    ]);
    expect(statement.text).toContain('("id", "ticket_id", "round", "department_id", "role", "dispatched_at"');
    expect(statement.text).toContain('"return_due_at"');
    expect(statement.text).toMatch(/, default\)$/);
    expect(statement.params).toContain(at.toISOString());
  });

  it('update by id: the columns set, with casts; the id last', () => {
    const ours = updateByIdStatement(dispatchRounds, 'r1', { signedAt: at, signedBy: 'u1', handlingDueAt: null });
    expect(ours.text).toBe(
      'update "dispatch_rounds" set "signed_at" = $1::timestamp with time zone, "signed_by" = $2::uuid, ' +
        '"handling_due_at" = null::timestamp with time zone where "id" = $3::uuid',
    );
    // Driver values as drizzle's columns map them (an instant as ISO text), the id last.
    expect(ours.params).toEqual([at.toISOString(), 'u1', 'r1']);
  });

  it('getSQL renders back to the same text and parameters through drizzle (for callers that execute it there)', () => {
    const statement = new RawStatement('select $1::int + $2::int, $1::int', [1, 2]);
    const query = dialect.sqlToQuery(statement.getSQL());
    expect(query.sql).toBe('select $1::int + $2::int, $3::int');
    expect(query.params).toEqual([1, 2, 1]);
    expect(toRaw(statement)).toBe(statement);
  });

  it('placeholders shift for the statement that follows; array literals quote every element', () => {
    expect(shiftPlaceholders('a = $1 and b = $12', 3)).toBe('a = $4 and b = $15');
    expect(arrayLiteral(['x', 'y"z', 'w\\'])).toBe('{"x","y\\"z","w\\\\"}');
  });
});
