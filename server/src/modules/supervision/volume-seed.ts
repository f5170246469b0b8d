import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';

/**
 * 压测数据: a realistic mix of tickets and calls over two years, generated set-wise in Postgres (generate_series) so
 * millions of rows take minutes, not hours. Types, channels and outcomes follow DOMAIN's typical mix (phone ~85 %,
 * consultations ~55 %, about 40 % dispatched); dispatched tickets get a lead round with sign/handling clocks, a
 * reply, a callback (satisfied/basically/dissatisfied, solved or not), some returns and reopenings. Deterministic
 * (setseed), so two runs build the same data.
 */
export async function seedVolume(db: Db, opts: { tickets: number; calls: number; days?: number }): Promise<void> {
  const days = opts.days ?? 730;
  await db.execute(sql`SELECT setseed(0.14)`);
  const [agent] = await db.execute<{ id: string }>(
    sql`SELECT id FROM users WHERE role = 'agent' ORDER BY username LIMIT 1`,
  );
  const agentId = agent?.id ?? null;
  for (let offset = 0; offset < opts.tickets; offset += 200_000) {
    const n = Math.min(200_000, opts.tickets - offset);
    await db.execute(sql`
      WITH depts AS (SELECT array_agg(id ORDER BY code) AS ids FROM departments),
      g AS (
        SELECT i, random() AS r1, random() AS r2, random() AS r3,
               now() - (random() * ${days} * interval '1 day') AS created
        FROM generate_series(1, ${n}) AS i
      )
      INSERT INTO tickets (number, status, channel, type, urgency, title, content, address, caller_name, caller_phone,
                           answer, current_round, lead_department_id, created_by, created_at, updated_at)
      SELECT 'V' || ${offset} + i,
             (CASE WHEN r1 < 0.50 THEN 'closed' WHEN r1 < 0.55 THEN 'rejected' WHEN r1 < 0.57 THEN 'transferred'
                   WHEN r1 < 0.92 THEN 'closed' ELSE 'in_progress' END)::ticket_state,
             (CASE WHEN r2 < 0.86 THEN 'phone' WHEN r2 < 0.95 THEN 'web' WHEN r2 < 0.98 THEN 'sms' ELSE 'letter' END)::ticket_channel,
             (CASE WHEN r3 < 0.55 THEN 'consultation' WHEN r3 < 0.80 THEN 'help' WHEN r3 < 0.93 THEN 'complaint'
                   WHEN r3 < 0.96 THEN 'report' WHEN r3 < 0.99 THEN 'suggestion' ELSE 'praise' END)::ticket_type,
             'normal', '压测工单', '压测内容', '示范市西湖区文三路' || (i % 500) || '号', '压测', '1390000' || lpad((i % 10000)::text, 4, '0'),
             CASE WHEN r1 < 0.50 THEN '直接答复' END,
             CASE WHEN r1 >= 0.57 THEN 1 ELSE 0 END,
             CASE WHEN r1 >= 0.57 THEN (SELECT ids[1 + (i % array_length(ids, 1))] FROM depts) END,
             ${agentId}, created, created
      FROM g`);
  }
  // One lead round per dispatched ticket: signed mostly in time, replied mostly in time, some returned or reopened.
  await db.execute(sql`
    INSERT INTO dispatch_rounds (ticket_id, round, department_id, role, reopened, dispatched_at, sign_due_at, signed_at,
                                 handling_due_at, returned_at, return_reason, return_review, replied_at, active)
    SELECT t.id, 1, t.lead_department_id, 'lead', random() < 0.03, t.created_at + interval '5 minutes',
           t.created_at + interval '1 day', t.created_at + (random() * 30) * interval '1 hour',
           t.created_at + interval '5 days',
           CASE WHEN random() < 0.04 THEN t.created_at + interval '2 hours' END, NULL, NULL,
           CASE WHEN t.status = 'closed' THEN t.created_at + (random() * 7) * interval '1 day' END, t.status <> 'closed'
    FROM tickets t WHERE t.current_round = 1 AND t.number LIKE 'V%'`);
  await db.execute(sql`UPDATE dispatch_rounds SET return_reason = (enum_range(NULL::return_reason))[1],
    return_review = CASE WHEN random() < 0.3 THEN 'rejected' ELSE 'approved' END::review_status
    WHERE returned_at IS NOT NULL AND return_reason IS NULL`);
  await db.execute(sql`
    INSERT INTO ticket_replies (ticket_id, round_id, department_id, content, created_at, review, reviewed_at)
    SELECT r.ticket_id, r.id, r.department_id, '已办理', r.replied_at, 'approved', r.replied_at + interval '2 hours'
    FROM dispatch_rounds r JOIN tickets t ON t.id = r.ticket_id WHERE r.replied_at IS NOT NULL AND t.number LIKE 'V%'`);
  await db.execute(sql`
    INSERT INTO ticket_callbacks (ticket_id, at, agent_id, reached, satisfaction, solved, comment)
    SELECT r.ticket_id, r.replied_at + interval '1 day', ${agentId}, x < 0.97,
           CASE WHEN x >= 0.97 THEN NULL WHEN y < 0.80 THEN 'satisfied' WHEN y < 0.93 THEN 'basically_satisfied'
                ELSE 'dissatisfied' END::satisfaction,
           CASE WHEN x < 0.97 THEN y < 0.88 END,
           CASE WHEN y >= 0.93 AND x < 0.97 THEN '问题仍未解决' END
    FROM (SELECT r.*, random() AS x, random() AS y FROM dispatch_rounds r JOIN tickets t ON t.id = r.ticket_id
          WHERE r.replied_at IS NOT NULL AND t.number LIKE 'V%') r`);
  for (let offset = 0; offset < opts.calls; offset += 500_000) {
    const n = Math.min(500_000, opts.calls - offset);
    await db.execute(sql`
      INSERT INTO contacts (channel, call_id, caller_number, priority, skill_group, state, enqueued_at, answered_at,
                            ended_at, agent_id, wait_seconds, talk_seconds)
      SELECT 'call', 'vol-' || (${offset} + i), '1390000' || lpad((i % 10000)::text, 4, '0'), 'normal', 'general',
             (CASE WHEN a THEN 'ended' ELSE 'abandoned' END)::contact_state, q,
             CASE WHEN a THEN q + w * interval '1 second' END, q + (w + talk) * interval '1 second',
             CASE WHEN a THEN ${agentId}::uuid END, w, CASE WHEN a THEN talk END
      FROM (SELECT i, random() < 0.95 AS a, now() - (random() * ${days} * interval '1 day') AS q,
                   (random() * 40)::int AS w, (60 + random() * 240)::int AS talk
            FROM generate_series(1, ${n}) AS i) g`);
  }
}
