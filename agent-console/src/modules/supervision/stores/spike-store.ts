import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { SpikeAlertItem } from '@hotline/shared/contracts/supervision';

/** 突增预警 for the supervisor home's hot-spot card: the last 24 h from the API, new ones from the leads' room. */
export const useSpikeStore = defineStore('supervision-spikes', () => {
  const alerts = ref<SpikeAlertItem[]>([]);

  function receive(alert: SpikeAlertItem): void {
    if (alerts.value.some((a) => a.id === alert.id)) return;
    alerts.value = [alert, ...alerts.value].slice(0, 50);
  }

  function replace(items: SpikeAlertItem[]): void {
    alerts.value = items;
  }

  return { alerts, receive, replace };
});
