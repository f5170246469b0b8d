import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { NotificationPayload } from '@hotline/shared/realtime/events';

/** Keep the latest notifications only; the full history belongs to the server. */
const MAX_KEPT = 50;

export interface ReceivedNotification extends NotificationPayload {
  read: boolean;
}

export const useNotificationsStore = defineStore('notifications', () => {
  const items = ref<ReceivedNotification[]>([]);
  const unreadCount = computed(() => items.value.filter((item) => !item.read).length);

  function receive(payload: NotificationPayload): void {
    // socket.io may redeliver after a reconnect; one notification id is shown once.
    if (items.value.some((item) => item.id === payload.id)) return;
    items.value = [{ ...payload, read: false }, ...items.value].slice(0, MAX_KEPT);
  }

  function markAllRead(): void {
    items.value = items.value.map((item) => ({ ...item, read: true }));
  }

  function clear(): void {
    items.value = [];
  }

  return { items, unreadCount, receive, markAllRead, clear };
});
