import type { TicketState } from '../domain/ticket-types.js';

/**
 * Re-sync on (re)connect (issue 10.6). Events sent while a console was away (server restart, network loss) are lost,
 * so the console names in its socket.io handshake (`auth.resync`) the tickets it shows, and the server answers in
 * `session:ready` with their current state, read after the socket joined its rooms (so a change committed later
 * still arrives as `ticket:changed`). The console compares that with what it shows (`mergeTicketStates`) and re-reads
 * over HTTP only what changed. No snapshot in `session:ready` (old server, database trouble) → re-read everything.
 */

/** At most this many tickets per handshake (an open detail page plus the visible list rows); more are ignored. */
export const MAX_RESYNC_TICKETS = 200;

/** The handshake's `auth.resync`: the ids of the tickets the console shows. */
export interface ResyncRequest {
  tickets: string[];
}

/** A ticket's current state as the session may see it. No personal data (the same fields as `ticket:changed`). */
export interface TicketStateItem {
  id: string;
  number: string;
  status: TicketState;
  /** The ticket row's version (its `updated_at`); opaque, compared for equality only. */
  version: string;
}

/** In `session:ready`: the requested tickets' state; `gone` = not found or no longer visible to this session. */
export interface ResyncSnapshot {
  tickets: TicketStateItem[];
  gone: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The server's reading of an untrusted handshake: well-formed ids only, each once, at most MAX_RESYNC_TICKETS. */
export function parseResyncRequest(auth: unknown): ResyncRequest | null {
  const resync = (auth as { resync?: unknown } | null | undefined)?.resync;
  if (!resync || typeof resync !== 'object') return null;
  const ids = (resync as { tickets?: unknown }).tickets;
  if (!Array.isArray(ids)) return null;
  const tickets = new Set<string>();
  for (const id of ids) {
    if (tickets.size >= MAX_RESYNC_TICKETS) break;
    if (typeof id === 'string' && UUID.test(id)) tickets.add(id.toLowerCase());
  }
  return { tickets: [...tickets] };
}

/** What the console shows of a ticket; `version` is unknown when it came from a response that does not carry it. */
export interface ShownTicket {
  status: TicketState;
  version?: string | null;
}

export interface TicketMergeResult {
  /** Shown with another state than the server's: show the new state, re-read the details. */
  changed: TicketStateItem[];
  /** Shown but gone (deleted, or no longer this session's): leave the view. */
  gone: string[];
  /** Shown but not in the snapshot (the handshake was cut at the limit, or the view opened meanwhile): re-read. */
  unknown: string[];
  /** The state to remember per ticket id after the merge (every snapshot item, with its version). */
  next: Record<string, ShownTicket>;
}

/**
 * Pure: compares what the console shows with the server's snapshot. A ticket differs when its status differs, or when
 * both sides know a version and the versions differ (a change that kept the status).
 */
export function mergeTicketStates(shown: Record<string, ShownTicket>, snapshot: ResyncSnapshot): TicketMergeResult {
  const current = new Map(snapshot.tickets.map((item) => [item.id.toLowerCase(), item]));
  const gone = new Set(snapshot.gone.map((id) => id.toLowerCase()));
  const result: TicketMergeResult = { changed: [], gone: [], unknown: [], next: {} };
  for (const [id, was] of Object.entries(shown)) {
    const key = id.toLowerCase();
    const now = current.get(key);
    if (now) {
      const versionDiffers = !!was.version && was.version !== now.version;
      if (was.status !== now.status || versionDiffers) result.changed.push(now);
      result.next[id] = { status: now.status, version: now.version };
    } else if (gone.has(key)) {
      result.gone.push(id);
    } else {
      result.unknown.push(id);
      result.next[id] = was;
    }
  }
  return result;
}
