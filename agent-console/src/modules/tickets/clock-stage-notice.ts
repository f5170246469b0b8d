import { ElNotification } from 'element-plus';
import type { ClockStagePayload } from '@hotline/shared/realtime/ticket-events';
import type { ClockStage } from '@hotline/shared/domain/ticket-types';
import { translate } from '../../app/i18n';
import { formatDateTime } from '../../app/format-date-time';

/** 预警 and 临期预警 are heads-ups; 到期, 催办 and 通报 mean the deadline has passed. */
const NOTICE_TYPE: Record<ClockStage, 'warning' | 'error'> = {
  warning: 'warning',
  final_warning: 'warning',
  due: 'error',
  chase: 'error',
  public_notice: 'error',
};

/** Shows a clock stage (预警/到期/催办/通报) as a notification in Chinese. */
export function showClockStageNotice(payload: ClockStagePayload): void {
  const stage = translate(`ticket.enums.clockStage.${payload.stage}`);
  ElNotification({
    type: NOTICE_TYPE[payload.stage],
    title: translate('ticket.live.clockStageTitle', { stage }),
    message: translate('ticket.live.clockStageMessage', {
      number: payload.number,
      kind: translate(`ticket.enums.clockKind.${payload.kind}`),
      stage,
      dueAt: formatDateTime(payload.dueAt),
    }),
    duration: NOTICE_TYPE[payload.stage] === 'warning' ? 8000 : 0,
  });
}
