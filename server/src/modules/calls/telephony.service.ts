import { createHash, timingSafeEqual } from 'node:crypto';
import type { TelephonyEventBody, TelephonyEventResult } from '@hotline/shared/contracts/calls';
import { GREEN_CHANNEL_IVR_DIGIT, priorityFor } from '@hotline/shared/domain/routing-policy';
import { SYSTEM_ACTOR, recordAudit } from '../audit/audit.service.js';
import {
  claimTelephonyEvent,
  findContactByCallId,
  findTelephonyEvent,
  forgetTelephonyEvent,
  finishTelephonyEvent,
  markContactTransferBack,
  pendingCallbackOffers,
  type ContactRow,
} from './calls.repository.js';
import { closeMonitorSessions } from './monitoring/monitor-sessions.js';
import type { CallsContext } from './calls-context.js';
import { waitingEntryOf, type RoutingService } from './routing.service.js';
import type { CallRecordService } from './call-records.service.js';

/** Compares the shared secret in constant time (hashing first makes the lengths equal). */
export function telephonySecretMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const TELEPHONY_ACTOR = { ...SYSTEM_ACTOR, role: 'telephony' };

/**
 * The phone system's events (CSTA-like), applied once per event id: delivered queues a call, established connects
 * it to the ringing agent, cleared ends it (or abandons it when nobody answered), abandoned queues a callback task,
 * transferred either brings a call back from 110/119/120 at top priority or ends a call transferred away.
 */
export function createTelephonyService(ctx: CallsContext, routing: RoutingService, records: CallRecordService) {
  const { db, clock, store, notifier } = ctx;

  async function apply(
    event: TelephonyEventBody,
    contact: ContactRow | null,
  ): Promise<{ outcome: string; contact: ContactRow | null; survey?: boolean }> {
    switch (event.type) {
      case 'delivered': {
        if (contact) return { outcome: 'already_known', contact };
        const greenChannel = event.greenChannel === true || (event.ivrDigits ?? '').includes(GREEN_CHANNEL_IVR_DIGIT);
        const created = await routing.enqueueContact(
          {
            channel: 'call',
            callId: event.callId,
            callerNumber: event.callerNumber ?? null,
            priority: priorityFor({ greenChannel }),
            greenChannel,
            skillGroup: event.skillGroup ?? 'general',
          },
          TELEPHONY_ACTOR,
        );
        return { outcome: 'queued', contact: created };
      }
      case 'transferred': {
        if (event.transferredFrom) return transferBack(event, contact);
        if (contact?.state === 'connected' && contact.agentId) {
          // 代接 answered: the lead's phone took the caller; the take-over ends with the contact moving to the lead.
          if (event.target)
            await closeMonitorSessions(
              db,
              clock.now(),
              TELEPHONY_ACTOR,
              contact.id,
              'taken_over',
              (s) => s.mode === 'takeover' && s.leadId === event.target,
              { to: event.target },
            );
          await routing.endContact(contact.agentId, contact.id, TELEPHONY_ACTOR, 'transferred');
          await records.transferred(contact, event.target ?? null);
          notifier.toAgent(contact.agentId, 'call:transferred', {
            contactId: contact.id,
            at: clock.now().toISOString(),
            to: null,
          });
          return { outcome: 'ended', contact };
        }
        return { outcome: 'ignored', contact };
      }
      case 'established': {
        if (!contact) return { outcome: 'unknown_call', contact };
        if (contact.state === 'connected') return { outcome: 'already_connected', contact };
        const offer = await store.offerOf(contact.id);
        if (!offer) return { outcome: 'not_offered', contact };
        await routing.acceptOffer(offer.agentId, contact.id, TELEPHONY_ACTOR);
        return { outcome: 'connected', contact };
      }
      case 'cleared': {
        if (!contact) return { outcome: 'unknown_call', contact };
        if (contact.state === 'connected' && contact.agentId) {
          const ended = await routing.endContact(contact.agentId, contact.id, TELEPHONY_ACTOR);
          const { survey } = await records.cleared(contact, event, ended);
          return { outcome: ended ? 'ended' : 'ignored', contact, survey };
        }
        if (contact.state === 'queued' || contact.state === 'offered') {
          return { outcome: (await routing.abandonContact(contact, 'abandoned')) ? 'abandoned' : 'ignored', contact };
        }
        return { outcome: 'ignored', contact };
      }
      case 'abandoned': {
        if (!contact) return { outcome: 'unknown_call', contact };
        if (contact.state !== 'queued' && contact.state !== 'offered') return { outcome: 'ignored', contact };
        const done = await routing.abandonContact(
          contact,
          event.callbackRequested ? 'callback_requested' : 'abandoned',
        );
        return { outcome: done ? 'abandoned' : 'ignored', contact };
      }
      case 'held':
      case 'retrieved': {
        if (contact?.state !== 'connected' || !contact.agentId) return { outcome: 'ignored', contact };
        await (event.type === 'held' ? records.held(contact) : records.retrieved(contact));
        notifier.toAgent(contact.agentId, 'call:held', {
          contactId: contact.id,
          at: clock.now().toISOString(),
          held: event.type === 'held',
        });
        return { outcome: event.type, contact };
      }
    }
  }

  /** 转回: a call coming back from an emergency line jumps to the front of every other priority class. */
  async function transferBack(event: TelephonyEventBody, contact: ContactRow | null) {
    if (!contact) {
      const created = await routing.enqueueContact(
        {
          channel: 'call',
          callId: event.callId,
          callerNumber: event.callerNumber ?? null,
          priority: 'transfer_back',
          greenChannel: event.greenChannel === true,
          skillGroup: event.skillGroup ?? 'general',
        },
        TELEPHONY_ACTOR,
      );
      return { outcome: 'queued', contact: created };
    }
    if (contact.state !== 'queued' || contact.priority === 'transfer_back') return { outcome: 'ignored', contact };
    // Only a waiting contact is re-scored; one ringing already has an agent.
    if (!(await store.removeWaiting(contact.id, contact.skillGroup))) return { outcome: 'ignored', contact };
    await db.transaction(async (tx) => {
      await markContactTransferBack(tx, contact.id);
      await recordAudit(tx, TELEPHONY_ACTOR, {
        action: 'contact.priority',
        entityType: 'contact',
        entityId: contact.id,
        fromState: contact.priority,
        toState: 'transfer_back',
        reason: event.transferredFrom ?? null,
      });
    });
    await store.enqueue(waitingEntryOf({ ...contact, priority: 'transfer_back' }));
    void routing.dispatch();
    return { outcome: 'reprioritised', contact };
  }

  async function handleEvent(event: TelephonyEventBody): Promise<TelephonyEventResult> {
    const fresh = await claimTelephonyEvent(db, {
      eventId: event.eventId,
      type: event.type,
      callId: event.callId,
      receivedAt: clock.now(),
    });
    if (!fresh) {
      const seen = await findTelephonyEvent(db, event.eventId);
      return {
        eventId: event.eventId,
        duplicate: true,
        contactId: seen?.contactId ?? null,
        outcome: seen?.outcome ?? 'pending',
      };
    }
    try {
      const result = await apply(event, await findContactByCallId(db, event.callId));
      await finishTelephonyEvent(db, event.eventId, result.outcome, result.contact?.id ?? null);
      return {
        eventId: event.eventId,
        duplicate: false,
        contactId: result.contact?.id ?? null,
        outcome: result.outcome,
        ...(result.survey ? { survey: true } : {}),
      };
    } catch (error) {
      // Nothing was applied for sure: forget the id so the phone system's retry is applied, not swallowed.
      await forgetTelephonyEvent(db, event.eventId).catch(() => {});
      throw error;
    }
  }

  /** Calls waiting long enough to be offered a callback (回拨提示); the phone system plays the offer. */
  async function callbackOffers() {
    const now = clock.now().getTime();
    const rows = await pendingCallbackOffers(db);
    return {
      items: rows
        .filter((r) => r.callId)
        .map((r) => ({
          callId: r.callId!,
          contactId: r.id,
          waitingSeconds: Math.max(0, Math.round((now - r.enqueuedAt.getTime()) / 1000)),
        })),
    };
  }

  return { handleEvent, callbackOffers };
}

export type TelephonyService = ReturnType<typeof createTelephonyService>;
