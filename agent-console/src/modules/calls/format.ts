import { onBeforeUnmount, onMounted, ref } from 'vue';

/** 65 → '01:05', 3725 → '1:02:05'. Negative durations (clock skew) show as zero. */
export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const hours = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Whole seconds from `fromIso` to `nowMs`, never negative. */
export function secondsSince(fromIso: string, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - Date.parse(fromIso)) / 1000));
}

/** Whole seconds left until `untilIso`, never negative. */
export function secondsUntil(untilIso: string, nowMs: number): number {
  return Math.max(0, Math.ceil((Date.parse(untilIso) - nowMs) / 1000));
}

/** A reactive "now" (server-corrected by `offsetMs`) that ticks every second while the component lives. */
export function useNow(offsetMs: () => number = () => 0) {
  const now = ref(Date.now() + offsetMs());
  let timer: ReturnType<typeof setInterval> | undefined;
  onMounted(() => {
    timer = setInterval(() => (now.value = Date.now() + offsetMs()), 1000);
  });
  onBeforeUnmount(() => clearInterval(timer));
  return now;
}
