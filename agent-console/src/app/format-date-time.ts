import { formatShanghai } from '@hotline/shared/domain/shanghai-time';

/**
 * An instant as 'YYYY-MM-DD HH:mm' in Beijing time (Asia/Shanghai), whatever the agent's machine is set to;
 * instants stay UTC in data. A missing or broken instant shows as a dash.
 */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '—';
  return formatShanghai(date).slice(0, 16);
}
