import { and, desc, eq, gte, ilike, lte, ne, notInArray, or } from 'drizzle-orm';
import type { DuplicateCandidate } from '@hotline/shared/contracts/intelligence';
import type { Clock } from '../../lib/clock.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/http/errors.js';
import { queryTerms } from '../knowledge/segmentation.js';
import { tickets } from '../tickets/tickets.table.js';
import { placeWords } from './dispatch-features.js';
import { scoreDuplicate, type DuplicateProbe } from './duplicates.js';
import { bigramIdf } from './similarity.js';

/** States in which a ticket can no longer take a duplicate (closed, merged, not accepted …). */
const NOT_OPEN = ['answered', 'rejected', 'transferred', 'merged', 'closed', 'archived'] as const;
/** Open tickets of the time window scored per request; the newest first. */
const MAX_SCANNED = 2000;
/** Besides the newest: open tickets of the window at the same place (a road, community or village named in the address) or of the same matter. */
const MAX_SAME_PLACE = 500;
const MAX_RETURNED = 10;

export interface DuplicateSettings {
  thresholdPercent: number;
  windowHours: number;
  /** How many of the newest open tickets of the window are scored (default 2,000). */
  scanLimit?: number;
}

/** `%`, `_` and `\` taken literally in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

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
  /**
   * The candidates scored: the newest open tickets of the window, and — so a busy window does not push the same
   * incident out of reach — those at the same place (a road, community or village of the address) or of the same
   * matter, whenever in the window they came in.
   */
  async function candidateRows(probe: DuplicateProbe & { matterId?: string | null }, excludeId: string | null) {
    const window = settings.windowHours * 3_600_000;
    const columns = {
      id: tickets.id,
      number: tickets.number,
      title: tickets.title,
      content: tickets.content,
      address: tickets.address,
      status: tickets.status,
      createdAt: tickets.createdAt,
    };
    const open = and(
      notInArray(tickets.status, [...NOT_OPEN]),
      gte(tickets.createdAt, new Date(probe.at.getTime() - window)),
      lte(tickets.createdAt, new Date(probe.at.getTime() + window)),
      excludeId ? ne(tickets.id, excludeId) : undefined,
    );
    const places = [...new Set(probe.address ? placeWords(probe.address) : [])].slice(0, 5);
    const samePlace = [
      ...places.map((place) => ilike(tickets.address, `%${likeLiteral(place)}%`)),
      ...(probe.matterId ? [eq(tickets.matterId, probe.matterId)] : []),
    ];
    const [newest, near] = await Promise.all([
      db
        .select(columns)
        .from(tickets)
        .where(open)
        .orderBy(desc(tickets.createdAt))
        .limit(settings.scanLimit ?? MAX_SCANNED),
      samePlace.length
        ? db
            .select(columns)
            .from(tickets)
            .where(and(open, or(...samePlace)))
            .orderBy(desc(tickets.createdAt))
            .limit(MAX_SAME_PLACE)
        : Promise.resolve([]),
    ]);
    const seen = new Set(newest.map((r) => r.id));
    return [...newest, ...near.filter((r) => !seen.has(r.id))];
  }

  async function candidates(
    probe: DuplicateProbe & { matterId?: string | null },
    excludeId: string | null,
  ): Promise<DuplicateCandidate[]> {
    const rows = await candidateRows(probe, excludeId);
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
        .select({
          content: tickets.content,
          address: tickets.address,
          matterId: tickets.matterId,
          createdAt: tickets.createdAt,
        })
        .from(tickets)
        .where(eq(tickets.id, ticketId));
      if (!ticket) throw notFound('工单不存在');
      return {
        items: await candidates(
          { content: ticket.content, address: ticket.address, matterId: ticket.matterId, at: ticket.createdAt },
          ticketId,
        ),
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
