import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { WallboardSnapshot } from '@hotline/shared/contracts/calls';
import * as api from '../api';

/** 监控大屏: the latest snapshot, from the API on open and from the `wallboard` room afterwards. */
export const useWallboardStore = defineStore('calls-wallboard', () => {
  const snapshot = ref<WallboardSnapshot | null>(null);
  /** Local time the snapshot arrived; time-in-state counts on from it between snapshots. */
  const receivedAt = ref(0);

  function receive(next: WallboardSnapshot): void {
    if (snapshot.value && Date.parse(snapshot.value.at) > Date.parse(next.at)) return;
    snapshot.value = next;
    receivedAt.value = Date.now();
  }

  async function load(): Promise<void> {
    receive(await api.fetchWallboard());
  }

  return { snapshot, receivedAt, receive, load };
});
