import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { AgentPresenceView, DeskStatus, ScreenPop } from '@hotline/shared/contracts/calls';
import type { ContactState } from '@hotline/shared/domain/routing-policy';
import type { CallClearedReason } from '@hotline/shared/realtime/call-events';
import * as api from '../api';

export type DeskContact = ScreenPop & { state: ContactState };

/**
 * The agent's own presence and current contact. Socket events (routed here by the dispatcher) and API answers both
 * update it, so a state the server changed by itself (ring-no-answer, wrap-up over) shows at once.
 */
export const useDeskStore = defineStore('calls-desk', () => {
  const presence = ref<AgentPresenceView | null>(null);
  const current = ref<DeskContact | null>(null);
  const policy = ref<DeskStatus['policy']>({ ringSeconds: 15, wrapUpSeconds: 30 });
  const lastCleared = ref<{ contactId: string; reason: CallClearedReason } | null>(null);
  const busy = ref(false);

  const state = computed(() => presence.value?.state ?? 'offline');

  async function load(): Promise<void> {
    const status = await api.fetchDesk();
    presence.value = status.presence;
    current.value = status.current;
    policy.value = status.policy;
  }

  async function run(action: () => Promise<unknown>): Promise<void> {
    if (busy.value) return;
    busy.value = true;
    try {
      await action();
    } finally {
      busy.value = false;
    }
  }

  const goReady = () => run(async () => (presence.value = await api.setAgentState({ state: 'ready' })));
  const goBreak = (reason: 'rest' | 'meal' | 'meeting' | 'training' | 'paperwork') =>
    run(async () => (presence.value = await api.setAgentState({ state: 'break', reason })));
  const goOffline = () => run(async () => (presence.value = await api.setAgentState({ state: 'offline' })));
  const accept = () =>
    run(async () => {
      if (!current.value) return;
      await api.acceptOffer(current.value.contactId);
      current.value = { ...current.value, state: 'connected' };
    });
  const reject = () =>
    run(async () => {
      if (!current.value) return;
      await api.rejectOffer(current.value.contactId);
      current.value = null;
    });
  const end = () =>
    run(async () => {
      if (!current.value) return;
      await api.endContact(current.value.contactId);
      current.value = { ...current.value, state: 'ended' };
    });
  const wrapUpDone = () =>
    run(async () => {
      await api.finishWrapUp();
      current.value = null;
    });

  // ── socket events ──
  function receiveDelivered(pop: ScreenPop): void {
    current.value = { ...pop, state: 'offered' };
  }
  function receiveEstablished(contactId: string): void {
    if (current.value?.contactId === contactId) current.value = { ...current.value, state: 'connected' };
  }
  function receiveCleared(contactId: string, reason: CallClearedReason): void {
    lastCleared.value = { contactId, reason };
    if (current.value?.contactId !== contactId) return;
    // An ended contact stays on screen during wrap-up; an offer that went away disappears.
    current.value = reason === 'ended' || reason === 'transferred' ? { ...current.value, state: 'ended' } : null;
  }
  function receivePresence(next: AgentPresenceView): void {
    presence.value = next;
    if ((next.state === 'ready' || next.state === 'break' || next.state === 'offline') && current.value) {
      current.value = null;
    }
  }

  return {
    presence,
    current,
    policy,
    lastCleared,
    busy,
    state,
    load,
    goReady,
    goBreak,
    goOffline,
    accept,
    reject,
    end,
    wrapUpDone,
    receiveDelivered,
    receiveEstablished,
    receiveCleared,
    receivePresence,
  };
});
