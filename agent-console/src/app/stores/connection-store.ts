import { defineStore } from 'pinia';
import { ref } from 'vue';

export type ConnectionState = 'connected' | 'connecting' | 'disconnected';

/** State of the realtime (socket.io) connection, shown in the header. */
export const useConnectionStore = defineStore('connection', () => {
  const state = ref<ConnectionState>('disconnected');
  /** Server clock minus local clock, from `session:ready`; deadlines shown to users use server time. */
  const serverClockOffsetMs = ref(0);
  const rooms = ref<string[]>([]);

  function setState(next: ConnectionState): void {
    state.value = next;
  }

  function markReady(serverTime: string, joinedRooms: string[]): void {
    const serverMs = Date.parse(serverTime);
    if (!Number.isNaN(serverMs)) serverClockOffsetMs.value = serverMs - Date.now();
    rooms.value = joinedRooms;
  }

  function reset(): void {
    state.value = 'disconnected';
    rooms.value = [];
  }

  return { state, serverClockOffsetMs, rooms, setState, markReady, reset };
});
