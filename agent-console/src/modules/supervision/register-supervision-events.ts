import { ElNotification } from 'element-plus';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hotline/shared/realtime/events';
import { translate } from '../../app/i18n';
import { useSpikeStore } from './stores/spike-store';

/** Routes the supervision module's socket events (突增预警 to leads) to its store; called once by the dispatcher. */
export function registerSupervisionEvents(socket: Socket<ServerToClientEvents, ClientToServerEvents>): void {
  const spikes = useSpikeStore();
  socket.on('supervision:spike', (alert) => {
    spikes.receive(alert);
    ElNotification({
      type: 'warning',
      title: translate('supervision.spikes.noticeTitle'),
      message: translate('supervision.spikes.noticeMessage', {
        dim: translate(`supervision.spikes.dims.${alert.dim}`),
        label: alert.label,
        count: alert.count,
        baseline: alert.baseline.toFixed(2),
      }),
      duration: 0,
    });
  });
}
