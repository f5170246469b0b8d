import { SYSTEM_ACTOR } from '../audit/audit.service.js';
import { contactsAwaitingAgent, latestAgentStates, markContactRequeued } from './calls.repository.js';
import { recordContactMove, type CallsContext } from './calls-context.js';
import type { PresenceService } from './presence.service.js';
import { waitingEntryOf } from './routing.service.js';

export interface RebuildReport {
  agentsRestored: number;
  contactsRequeued: number;
  offersRecovered: number;
}

/**
 * Rebuilds the store from Postgres after Redis lost its data (or at boot, where it is a no-op for what is there):
 * agents get back their last logged state, every queued contact returns to its waiting list with its original
 * place, and an offer the store no longer knows goes back to the queue. Contacts the store holds (an offer, a
 * call in progress) are left alone, so running this while routing goes on never offers a contact twice.
 */
export async function rebuildQueuesFromPostgres(ctx: CallsContext, presence: PresenceService): Promise<RebuildReport> {
  const { db, store } = ctx;
  const report: RebuildReport = { agentsRestored: 0, contactsRequeued: 0, offersRecovered: 0 };

  for (const logged of await latestAgentStates(db)) {
    if (await store.getAgent(logged.agentId)) continue;
    // A lost offer returns to the queue below, and a finished wrap-up lost its timer: both agents are ready again.
    const state =
      logged.state === 'ringing' || logged.state === 'wrap_up'
        ? 'ready'
        : logged.state === 'offline'
          ? null
          : logged.state;
    if (!state) continue;
    const slots = await presence.slotsOf(logged.agentId);
    await store.transitionAgent(logged.agentId, ['offline'], {
      state,
      reason: state === 'break' ? logged.reason : null,
      sinceMs: logged.at.getTime(),
      contactId: state === 'talking' ? logged.contactId : null,
      slots,
    });
    report.agentsRestored++;
  }

  const held = new Set((await store.listAgents()).map((a) => a.contactId).filter((id): id is string => id !== null));
  for (const contact of await contactsAwaitingAgent(db)) {
    if (held.has(contact.id) || (await store.offerOf(contact.id))) continue;
    if (contact.state === 'offered' && contact.agentId) {
      await db.transaction(async (tx) => {
        const row = await markContactRequeued(tx, contact.id, contact.agentId!);
        if (row)
          await recordContactMove(tx, SYSTEM_ACTOR, contact.id, { from: 'offered', to: 'queued', reason: 'rebuild' });
      });
      report.offersRecovered++;
    }
    await store.enqueue(waitingEntryOf(contact));
    report.contactsRequeued++;
  }
  ctx.notifier.wallboardChanged();
  return report;
}
