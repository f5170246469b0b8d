import type { SpikeDimension } from '../domain/hotspots.js';

/** 突增预警: a matter or area whose last 15 minutes exceed its baseline; sent to the leads' room (`role:lead`). */
export interface SpikeAlertPayload {
  id: string;
  dim: SpikeDimension;
  key: string;
  label: string;
  count: number;
  baseline: number;
  windowStart: string;
  windowEnd: string;
}

export interface SupervisionServerEvents {
  'supervision:spike': (payload: SpikeAlertPayload) => void;
}
