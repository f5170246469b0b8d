import { and, desc, eq, gte, lte, ne, notInArray } from 'drizzle-orm';
import type { DuplicateCandidate } from '@hotline/shared/contracts/intelligence';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/http/errors.js';
import { queryTerms } from '../knowledge/segmentation.js';
import { tickets } from '../tickets/tickets.table.js';
import { scoreDuplicate, type DuplicateProbe } from './duplicates.js';
import { bigramIdf } from './similarity.js';

/** States in which a ticket can no longer take a duplicate (closed, merged, not accepted …). */
const NOT_OPEN = ['answered', 'rejected', 'transferred', 'merged', 'closed', 'archived'] as const;
/** Open tickets of the time window scored per request; the newest first. */
const MAX_SCANNED = 2000;
const MAX_RETURNED = 10;

export interface DuplicateSettings {
  thresholdPercent: number;
  windowHours: number;
}

/** 并单候选: open tickets that are likely the same incident, for the intake form and the merge dialog. */
export function createDuplicatesService({
  db,
  clock,
  settings,
  unitDistribution,
}: {
  db: Db;
  clock: Clock;
  settings: DuplicateSettings;
  /** The dispatch model's view of a text (same problem in other words → same unit). */
  unitDistribution?: () => Promise<(text: string) => Float64Array | null>;
}) {
  async function candidates(probe: DuplicateProbe, excludeId: string | null): Promise<DuplicateCandidate[]> {
    const window = settings.windowHours * 3_600_000;
    const rows = await db
      .select({
        id: tickets.id,
        number: tickets.number,
        title: tickets.title,
        content: tickets.content,
        address: tickets.address,
        status: tickets.status,
        createdAt: tickets.createdAt,
      })
      .from(tickets)
      .where(
        and(
          notInArray(tickets.status, [...NOT_OPEN]),
          gte(tickets.createdAt, new Date(probe.at.getTime() - window)),
          lte(tickets.createdAt, new Date(probe.at.getTime() + window)),
          excludeId ? ne(tickets.id, excludeId) : undefined,
        ),
      )
      .orderBy(desc(tickets.createdAt))
      .limit(MAX_SCANNED);
    const words = queryTerms(probe.content);
    const threshold = settings.thresholdPercent / 100;
    const idf = bigramIdf([probe.content, ...rows.map((r) => r.content)]);
    const unitsOf = unitDistribution ? await unitDistribution() : undefined;
    const units = unitsOf?.(probe.content) ?? null;
    return rows
      .map((row) => {
        const { score, reasons } = scoreDuplicate(
          { ...probe, words, units },
          { content: row.content, address: row.address, at: row.createdAt },
          settings.windowHours,
          { idf, unitsOf },
        );
        return {
          ticketId: row.id,
          number: row.number,
          title: row.title,
          address: row.address,
          status: row.status,
          createdAt: row.createdAt.toISOString(),
          score,
          likelyDuplicate: score >= threshold,
          reasons,
        };
      })
      .filter((c) => c.score >= threshold * 0.6)
      .sort((a, b) => b.score - a.score)
      .slice(0, MAX_RETURNED);
  }

  return {
    async forTicket(ticketId: string): Promise<{ items: DuplicateCandidate[] }> {
      const [ticket] = await db
        .select({ content: tickets.content, address: tickets.address, createdAt: tickets.createdAt })
        .from(tickets)
        .where(eq(tickets.id, ticketId));
      if (!ticket) throw notFound('工单不存在');
      return {
        items: await candidates({ content: ticket.content, address: ticket.address, at: ticket.createdAt }, ticketId),
      };
    },
    /** While the agent types: no ticket yet, "now" is the time. */
    async probe(body: { content: string; address?: string }): Promise<{ items: DuplicateCandidate[] }> {
      return {
        items: await candidates({ content: body.content, address: body.address ?? null, at: clock.now() }, null),
      };
    },
  };
}
export type DuplicatesService = ReturnType<typeof createDuplicatesService>;
