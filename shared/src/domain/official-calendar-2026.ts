/**
 * The State Council's 2026 holiday arrangement (国务院办公厅关于2026年部分节假日安排的通知,
 * https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm), written out as calendar exceptions.
 *
 * Reference data: the live calendar is the database table seeded from `chinese-days`; this copy lets the domain
 * tests run on real dates without that package, and the seed's test checks the package against it.
 * Only days that differ from Monday–Friday are listed (a holiday on a Saturday is no exception).
 */
import type { CalendarException } from './working-calendar.js';

const holiday = (date: string, name: string) => ({ date, isWorkingDay: false, name });
const makeUp = (date: string, name: string) => ({ date, isWorkingDay: true, name }); // 调休上班

export const OFFICIAL_2026_EXCEPTIONS: readonly (CalendarException & { name: string })[] = [
  // 元旦 1-01 (Thu) … 1-03 (Sat); Sunday 1-04 worked
  holiday('2026-01-01', '元旦'),
  holiday('2026-01-02', '元旦'),
  makeUp('2026-01-04', '元旦'),
  // 春节 2-15 (Sun) … 2-23 (Mon), nine days; Saturdays 2-14 and 2-28 worked
  makeUp('2026-02-14', '春节'),
  holiday('2026-02-16', '春节'),
  holiday('2026-02-17', '春节'),
  holiday('2026-02-18', '春节'),
  holiday('2026-02-19', '春节'),
  holiday('2026-02-20', '春节'),
  holiday('2026-02-23', '春节'),
  makeUp('2026-02-28', '春节'),
  // 清明 4-04 (Sat) … 4-06 (Mon)
  holiday('2026-04-06', '清明'),
  // 劳动节 5-01 (Fri) … 5-05 (Tue); Saturday 5-09 worked
  holiday('2026-05-01', '劳动节'),
  holiday('2026-05-04', '劳动节'),
  holiday('2026-05-05', '劳动节'),
  makeUp('2026-05-09', '劳动节'),
  // 端午 6-19 (Fri) … 6-21 (Sun)
  holiday('2026-06-19', '端午'),
  // 中秋 9-25 (Fri) … 9-27 (Sun)
  holiday('2026-09-25', '中秋'),
  // 国庆节 10-01 (Thu) … 10-07 (Wed); Sunday 9-20 and Saturday 10-10 worked
  makeUp('2026-09-20', '国庆节'),
  holiday('2026-10-01', '国庆节'),
  holiday('2026-10-02', '国庆节'),
  holiday('2026-10-05', '国庆节'),
  holiday('2026-10-06', '国庆节'),
  holiday('2026-10-07', '国庆节'),
  makeUp('2026-10-10', '国庆节'),
];
