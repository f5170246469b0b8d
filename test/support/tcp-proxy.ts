import net from 'node:net';

export type ProxyMode = 'open' | 'refuse' | 'stall';

/**
 * A TCP proxy a fault test can cut, in front of the shared Postgres or Redis (which are never stopped).
 * `refuse`: every connection is reset, as when the server is down; `stall`: connections are accepted and nothing is
 * forwarded, as with a dead network path. Cutting ends every connection already open; `open` forwards again.
 */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1') {
  let mode: ProxyMode = 'open';
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === 'refuse') return void client.resetAndDestroy();
    if (mode === 'stall') return;
    const upstream = net.connect(targetPort, targetHost);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  const dropAll = () => {
    for (const socket of sockets) socket.resetAndDestroy();
    sockets.clear();
  };
  return {
    port,
    set(next: ProxyMode) {
      mode = next;
      dropAll();
    },
    async close() {
      dropAll();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;
