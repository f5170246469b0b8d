import { ref } from 'vue';
import { getCalendarCoverage, type CalendarCoverage } from './api';

// Module-level so the banner in the layout and the calendar tab (which refreshes it after a save) share it.
const coverage = ref<CalendarCoverage | null>(null);

/** The working calendar's coverage warning (工作日历缺少下一年数据), shown on every admin tab. */
export function useCalendarCoverage() {
  async function refresh(): Promise<void> {
    try {
      coverage.value = await getCalendarCoverage();
    } catch {
      // The http client has already shown the error; keep the last known state.
    }
  }
  return { coverage, refresh };
}
