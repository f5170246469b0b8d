import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@hotline/shared/realtime/events';
import { useDeskStore } from './stores/desk-store';
import { useWallboardStore } from './stores/wallboard-store';
import { currentSoftphone } from './softphone/current';

/** Routes the calls module's socket events to its stores; called once by the app's socket dispatcher. */
export function registerCallEvents(socket: Socket<ServerToClientEvents, ClientToServerEvents>): void {
  const desk = useDeskStore();
  const wallboard = useWallboardStore();
  socket.on('call:delivered', (pop) => desk.receiveDelivered(pop));
  socket.on('call:established', (p) => desk.receiveEstablished(p.contactId));
  socket.on('call:cleared', (p) => desk.receiveCleared(p.contactId, p.reason));
  socket.on('agent:state', (p) => desk.receivePresence(p));
  socket.on('wallboard:snapshot', (s) => wallboard.receive(s));
  // 代接: a lead takes this call over; the softphone transfers the caller to the lead's phone (this desk is released).
  socket.on('call:takeover', (p) => void currentSoftphone.value?.takeOver(p.to, p.contactId));
}
