import net from 'node:net';

/** What a client sent to Postgres since the last reset, read from the wire (frontend messages). */
export interface StatementCounts {
  /** Statements executed: extended-protocol Execute messages plus simple-protocol Query messages (BEGIN, COMMIT …). */
  statements: number;
  /** Round trips the client waited for: Sync plus simple Query messages. */
  roundTrips: number;
  /** The texts of the statements executed, in order (the first 80 characters). */
  executed: string[];
  /** For each of `executed`, which client connection sent it (1, 2, …): tells one transaction from background work. */
  connections: number[];
}

/**
 * A TCP proxy in front of Postgres that counts the statements a client sends (a test-only wrapper, independent of
 * the driver): the regression guard for "one action = a few statements". It reads the frontend protocol — after the
 * untyped start-up message, each message is a type byte and a 4-byte length — and forwards every byte unchanged.
 */
export async function startStatementCounter(targetPort: number, targetHost = '127.0.0.1') {
  let counts: StatementCounts = { statements: 0, roundTrips: 0, executed: [], connections: [] };
  let nextConnection = 0;
  /** Statement name → text, from the Parse messages of every connection (names are unique per connection). */
  const named = new Map<string, string>();
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, targetHost);
    const connection = ++nextConnection;
    sockets.add(client).add(upstream);
    let buffer = Buffer.alloc(0);
    let started = false;
    let unnamed = '';
    let bound = '';
    client.on('data', (chunk) => {
      upstream.write(chunk);
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) break;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) break;
          // An SSLRequest (80877103) is followed by the real start-up message; anything else is the start-up itself.
          if (buffer.readInt32BE(4) !== 80877103) started = true;
          buffer = buffer.subarray(length);
          continue;
        }
        if (buffer.length < 5) break;
        const type = String.fromCharCode(buffer[0]!);
        const length = buffer.readInt32BE(1);
        if (buffer.length < 1 + length) break;
        const body = buffer.subarray(5, 1 + length);
        if (type === 'E') {
          counts.statements += 1;
          counts.executed.push(bound.slice(0, 80));
          counts.connections.push(connection);
        } else if (type === 'S') counts.roundTrips += 1;
        else if (type === 'Q') {
          counts.statements += 1;
          counts.roundTrips += 1;
          counts.executed.push(body.toString('utf8', 0, body.indexOf(0)).slice(0, 80));
          counts.connections.push(connection);
        } else if (type === 'P') {
          const nameEnd = body.indexOf(0);
          const name = body.toString('utf8', 0, nameEnd);
          const text = body.toString('utf8', nameEnd + 1, body.indexOf(0, nameEnd + 1));
          if (name) named.set(name, text);
          else unnamed = text;
        } else if (type === 'B') {
          const portalEnd = body.indexOf(0);
          const name = body.toString('utf8', portalEnd + 1, body.indexOf(0, portalEnd + 1));
          bound = name ? (named.get(name) ?? name) : unnamed;
        }
        buffer = buffer.subarray(1 + length);
      }
    });
    upstream.on('data', (chunk) => client.write(chunk));
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    reset() {
      counts = { statements: 0, roundTrips: 0, executed: [], connections: [] };
    },
    read(): StatementCounts {
      return { ...counts, executed: [...counts.executed], connections: [...counts.connections] };
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type StatementCounter = Awaited<ReturnType<typeof startStatementCounter>>;
