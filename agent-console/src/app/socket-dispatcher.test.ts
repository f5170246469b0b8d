import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, NotificationPayload, ServerToClientEvents } from '@hotline/shared/realtime/events';

const elNotification = vi.hoisted(() => vi.fn());
vi.mock('element-plus', () => ({ ElNotification: elNotification }));

const { registerSocketDispatcher } = await import('./socket-dispatcher');
const { useNotificationsStore } = await import('./stores/notifications-store');
const { useConnectionStore } = await import('./stores/connection-store');
const { useTicketEventsStore } = await import('../modules/tickets/stores/ticket-events-store');

type Handler = (...args: unknown[]) => void;

/** Just enough of a socket to record the dispatcher's handlers and fire them as the server would. */
function fakeSocket() {
  const handlers = new Map<string, Handler>();
  const socket = { on: (event: string, handler: Handler) => handlers.set(event, handler) };
  const serverEmits = (event: keyof ServerToClientEvents, ...args: unknown[]) => handlers.get(event)?.(...args);
  return { socket: socket as unknown as Socket<ServerToClientEvents, ClientToServerEvents>, serverEmits };
}

const notice: NotificationPayload = {
  id: 'n1',
  kind: 'ticket_dispatched',
  title: '新派单',
  body: '工单 12345-0001 已派至本单位',
  at: '2026-03-02T01:00:00.000Z',
};

describe('socket dispatcher', () => {
  beforeEach(() => {
    setActivePinia(createPinia());
    elNotification.mockClear();
  });

  it('routes a notification to the store and shows it once', () => {
    const { socket, serverEmits } = fakeSocket();
    registerSocketDispatcher(socket, { onSessionExpired: vi.fn() });
    serverEmits('notification', notice);
    serverEmits('notification', notice);
    expect(useNotificationsStore().items.map((item) => item.id)).toEqual(['n1']);
    expect(useNotificationsStore().unreadCount).toBe(1);
    expect(elNotification).toHaveBeenCalledWith(expect.objectContaining({ title: '新派单' }));
  });

  it('signs out when the server says the session expired', () => {
    const { socket, serverEmits } = fakeSocket();
    const onSessionExpired = vi.fn();
    registerSocketDispatcher(socket, { onSessionExpired });
    serverEmits('session:expired');
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
  });

  it('records the joined rooms on session:ready', () => {
    const { socket, serverEmits } = fakeSocket();
    registerSocketDispatcher(socket, { onSessionExpired: vi.fn() });
    serverEmits('session:ready', {
      userId: 'u1',
      rooms: ['user:u1', 'role:agent'],
      serverTime: new Date().toISOString(),
    });
    expect(useConnectionStore().rooms).toEqual(['user:u1', 'role:agent']);
  });

  it('counts ticket changes so visible lists and the open ticket refresh', () => {
    const { socket, serverEmits } = fakeSocket();
    registerSocketDispatcher(socket, { onSessionExpired: vi.fn() });
    const change = {
      id: 't1',
      number: '20260302-0001',
      status: 'awaiting_sign',
      action: 'dispatch',
      departmentIds: ['d1'],
      at: '2026-03-02T01:00:00.000Z',
    };
    serverEmits('ticket:changed', change);
    serverEmits('ticket:changed', { ...change, status: 'in_progress', action: 'sign' });
    expect(useTicketEventsStore().changeCount).toBe(2);
    expect(useTicketEventsStore().lastChange).toMatchObject({ id: 't1', action: 'sign' });
  });

  it('shows a clock stage once, in Chinese, even when the server redelivers it', () => {
    const { socket, serverEmits } = fakeSocket();
    registerSocketDispatcher(socket, { onSessionExpired: vi.fn() });
    const stage = {
      ticketId: 't1',
      number: '20260302-0001',
      kind: 'handling',
      stage: 'chase',
      dueAt: '2026-03-02T01:00:00.000Z',
      departmentId: 'd1',
      at: '2026-03-03T01:00:00.000Z',
    };
    serverEmits('ticket:clock-stage', stage);
    serverEmits('ticket:clock-stage', stage);
    expect(elNotification).toHaveBeenCalledTimes(1);
    expect(elNotification).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'error',
        title: '时限催办',
        message: '工单 20260302-0001 的办理时限催办（到期：2026-03-02 09:00）',
      }),
    );
    expect(useTicketEventsStore().clockAlerts).toHaveLength(1);
  });

  it('issue 10.6: after a reconnection without a snapshot the views re-read everything they show', () => {
    const { socket, serverEmits } = fakeSocket();
    registerSocketDispatcher(socket, { onSessionExpired: vi.fn() });
    const ready = { userId: 'u1', rooms: ['user:u1'], serverTime: new Date().toISOString() };
    serverEmits('session:ready', ready);
    const events = useTicketEventsStore();
    events.showTicket('t1', 'awaiting_sign');
    expect(events.resyncCount).toBe(0);
    const listsBefore = events.changeCount;
    serverEmits('session:ready', ready);
    expect(events.resyncCount).toBe(1);
    expect(events.changeCount).toBe(listsBefore + 1);
    expect(events.needsReread('t1')).toBe(true);
  });

  it('issue 10.6: the snapshot in session:ready says which shown tickets changed; only those are re-read', () => {
    const { socket, serverEmits } = fakeSocket();
    registerSocketDispatcher(socket, { onSessionExpired: vi.fn() });
    const ready = { userId: 'u1', rooms: ['user:u1'], serverTime: new Date().toISOString() };
    const events = useTicketEventsStore();
    events.showTicket('t1', 'awaiting_sign');
    events.showTicket('t2', 'in_progress');
    events.showTicket('t3', 'replied');
    expect(events.resyncRequest().tickets.sort()).toEqual(['t1', 't2', 't3']);
    serverEmits('session:ready', ready);
    serverEmits('session:ready', {
      ...ready,
      resync: {
        tickets: [
          { id: 't1', number: '1', status: 'closed', version: 'v2' },
          { id: 't2', number: '2', status: 'in_progress', version: 'v1' },
        ],
        gone: ['t3'],
      },
    });
    expect(events.needsReread('t1')).toBe(true);
    expect(events.needsReread('t2')).toBe(false);
    expect(events.needsReread('t3')).toBe(true);
    expect(events.lastResync?.changed).toEqual([{ id: 't1', status: 'closed' }]);
    events.hideTicket('t3');
    expect(events.resyncRequest().tickets.sort()).toEqual(['t1', 't2']);
  });
});
