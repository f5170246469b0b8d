import net from 'node:net';
import { randomInt, timingSafeEqual } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import {
  CANCEL_REQUEST_CODE,
  GSS_REQUEST_CODE,
  PROTOCOL_V3,
  SSL_REQUEST_CODE,
  authenticationCleartextPassword,
  authenticationOk,
  backendKeyData,
  errorResponse,
  listenStatements,
  namedStatement,
  notificationChannel,
  parameterStatus,
  passwordOf,
  queryText,
  readStartupPacket,
  readyForQuery,
  settingsFromOptions,
  splitMessages,
  startupParameters,
  type TypedMessage,
} from './wire-protocol.js';

/**
 * A PostgreSQL wire-protocol front for one PGlite instance, so the unchanged drivers (postgres.js for the app, `pg`
 * for BullMQ's PostgreSQL backend) can open as many connections as they like to a database that has exactly one
 * session. See README.md in this folder for why this exists instead of pglite-socket's multiplexer.
 *
 * The rules that make one session look like many:
 * - a connection's messages run in batches that end at Sync / Query / Flush, never interleaved with another's, so
 *   unnamed statements and portals of the extended protocol cannot be mixed up;
 * - while a connection is inside a transaction (ReadyForQuery 'T' or 'E') or between Flush and Sync it owns the
 *   session: other connections wait (so a transaction must never wait on a query of another connection);
 * - settings a connection asked for at startup (BullMQ pins `search_path` to its schema) are applied before its
 *   batches run and switched back for the others;
 * - notifications are delivered to the connections that issued LISTEN for the channel.
 * It listens on loopback only and asks for a password generated per process.
 */
export interface PgliteGateway {
  readonly port: number;
  readonly url: string;
  close(): Promise<void>;
}

interface Connection {
  readonly id: number;
  readonly socket: net.Socket;
  state: 'startup' | 'password' | 'ready' | 'closed';
  buffer: Buffer;
  pending: Buffer[];
  pendingListens: { listen: boolean; channel: string }[];
  settings: Map<string, string>;
  readonly listens: Set<string>;
  /** Named prepared statements it created: the session outlives the connection, so they are deallocated at close. */
  readonly statements: Set<string>;
}

interface Batch {
  connection: Connection;
  bytes: Buffer;
  listens: { listen: boolean; channel: string }[];
  queuedAt: number;
  /** Gateway-issued (the ROLLBACK of a connection that vanished mid-transaction): output is discarded. */
  internal?: boolean;
}

export interface GatewayOptions {
  password: string;
  host?: string;
  port?: number;
  /** Warn when other connections wait this long on a connection that holds the session in a transaction. */
  starvationWarningMs?: number;
  /**
   * End a transaction that sits idle this long while others wait. On a real server a transaction waiting on a query
   * of another connection is fine; here it can never finish (deadlock), and an error beats a hung system.
   */
  idleOwnerLimitMs?: number;
  log?: (message: string) => void;
}

function simpleQuery(sql: string): Buffer {
  const body = Buffer.from(`${sql}\0`, 'utf8');
  const header = Buffer.alloc(5);
  header.write('Q', 0, 'latin1');
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}

function samePassword(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startPgliteGateway(db: PGlite, options: GatewayOptions): Promise<PgliteGateway> {
  const host = options.host ?? '127.0.0.1';
  const log = options.log ?? ((m: string) => console.warn(m));
  const starvationMs = options.starvationWarningMs ?? 10_000;
  const idleOwnerLimitMs = options.idleOwnerLimitMs ?? 30_000;
  const serverVersion = (await db.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;

  const connections = new Set<Connection>();
  const queue: Batch[] = [];
  /** The connection whose transaction (or unfinished extended-protocol exchange) holds the session. */
  let owner: Connection | null = null;
  let draining: Promise<void> | null = null;
  let warnedFor: Connection | null = null;
  /** When the session owner's last batch finished (it is idle in its transaction since). */
  let ownerIdleSince = 0;
  let executing = false;
  const sessionSettings = new Map<string, string>();
  let nextId = 1;

  async function runRaw(bytes: Buffer): Promise<Buffer> {
    return Buffer.from(await db.execProtocolRaw(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length)));
  }

  /** Brings the session's settings to what this connection asked for at startup (and resets the others'). */
  async function applySettings(connection: Connection) {
    const keys = new Set([...sessionSettings.keys(), ...connection.settings.keys()]);
    for (const key of keys) {
      const wanted = connection.settings.get(key);
      if (sessionSettings.get(key) === wanted) continue;
      await runRaw(simpleQuery(wanted === undefined ? `RESET ${key}` : `SET ${key} TO ${wanted}`));
      if (wanted === undefined) sessionSettings.delete(key);
      else sessionSettings.set(key, wanted);
    }
  }

  function deliver(connection: Connection, bytes: Buffer) {
    if (connection.state !== 'closed' && connection.socket.writable && bytes.length > 0) connection.socket.write(bytes);
  }

  async function execute(batch: Batch) {
    const { connection } = batch;
    executing = true;
    const output = await db
      .runExclusive(async () => {
        if (owner !== connection) await applySettings(connection);
        return runRaw(batch.bytes);
      })
      .finally(() => {
        executing = false;
        ownerIdleSince = Date.now();
      });
    const { messages } = splitMessages(output);
    const forClient: Buffer[] = [];
    const notifications: TypedMessage[] = [];
    let status: string | null = null;
    for (const msg of messages) {
      if (msg.type === 'A') notifications.push(msg);
      else {
        if (msg.type === 'Z') status = String.fromCharCode(msg.bytes[5]!);
        forClient.push(msg.bytes);
      }
    }
    // No ReadyForQuery means the batch ended at a Flush: the exchange continues, keep the session for it.
    owner = status === 'I' ? null : connection;
    if (status === 'I' && warnedFor === connection) warnedFor = null;
    // The connection went away while this batch ran (close() saw no transaction yet): end what the batch opened.
    if (owner === connection && connection.state === 'closed' && !batch.internal) {
      queue.unshift({ connection, bytes: simpleQuery('ROLLBACK'), listens: [], queuedAt: Date.now(), internal: true });
    }
    for (const { listen, channel } of batch.listens) {
      if (channel === '*' && !listen) connection.listens.clear();
      else if (listen) connection.listens.add(channel);
      else connection.listens.delete(channel);
    }
    if (!batch.internal) deliver(connection, Buffer.concat(forClient));
    for (const notification of notifications) {
      const channel = notificationChannel(notification);
      for (const c of connections) if (c.listens.has(channel)) deliver(c, notification.bytes);
    }
  }

  function nextBatch(): Batch | undefined {
    const index = owner ? queue.findIndex((b) => b.connection === owner) : 0;
    return index < 0 ? undefined : queue.splice(index, 1)[0];
  }

  function drain() {
    if (draining) return;
    draining = (async () => {
      for (let batch = nextBatch(); batch; batch = nextBatch()) {
        try {
          await execute(batch);
        } catch (error) {
          log(`嵌入式数据库执行失败 (PGlite gateway error): ${(error as Error).message}`);
          batch.connection.socket.destroy();
        }
      }
    })().finally(() => {
      draining = null;
      // A batch queued while the loop was finishing would otherwise wait for the next one.
      if (owner ? queue.some((b) => b.connection === owner) : queue.length > 0) drain();
    });
  }

  const starvationTimer = setInterval(() => {
    const oldest = queue[0];
    const ownerIdle = owner && !executing && !queue.some((b) => b.connection === owner);
    if (owner && ownerIdle && oldest && Date.now() - ownerIdleSince > idleOwnerLimitMs) {
      log(
        `嵌入式数据库: 连接 #${owner.id} 的事务空闲超过 ${idleOwnerLimitMs / 1000} 秒且阻塞其他查询，已回滚 ` +
          '(an idle transaction blocked the single embedded session and was rolled back)',
      );
      close(owner);
      return;
    }
    if (owner && oldest && oldest.connection !== owner && Date.now() - oldest.queuedAt > starvationMs) {
      if (warnedFor !== owner) {
        warnedFor = owner;
        log(
          `嵌入式数据库: 连接 #${owner.id} 的事务已占用会话超过 ${starvationMs / 1000} 秒，其他查询在等待 ` +
            '(a transaction holds the single embedded session; does it wait on a query outside the transaction?)',
        );
      }
    }
  }, 1_000);
  starvationTimer.unref();

  function enqueue(batch: Batch) {
    queue.push(batch);
    drain();
  }

  function close(connection: Connection) {
    if (connection.state === 'closed') return;
    connection.state = 'closed';
    connections.delete(connection);
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.connection === connection) queue.splice(i, 1);
    // A driver that disappears inside a transaction must not leave the one session locked (or half-committed).
    if (owner === connection) {
      enqueue({ connection, bytes: simpleQuery('ROLLBACK'), listens: [], queuedAt: Date.now(), internal: true });
    }
    if (connection.statements.size > 0) {
      // One Query message per statement, so one that fails does not keep the others.
      const bytes = Buffer.concat(
        [...connection.statements].map((name) => simpleQuery(`DEALLOCATE "${name.replaceAll('"', '""')}"`)),
      );
      enqueue({ connection, bytes, listens: [], queuedAt: Date.now(), internal: true });
    }
    connection.socket.destroy();
  }

  function fatal(connection: Connection, code: string, text: string) {
    deliver(connection, errorResponse('FATAL', code, text));
    connection.socket.end();
    close(connection);
  }

  function onMessage(connection: Connection, msg: TypedMessage) {
    if (connection.state === 'password') {
      if (msg.type !== 'p' || !samePassword(passwordOf(msg), options.password)) {
        fatal(connection, '28P01', 'password authentication failed');
        return;
      }
      connection.state = 'ready';
      deliver(
        connection,
        Buffer.concat([
          authenticationOk(),
          parameterStatus('server_version', serverVersion),
          parameterStatus('server_encoding', 'UTF8'),
          parameterStatus('client_encoding', 'UTF8'),
          parameterStatus('DateStyle', 'ISO, MDY'),
          parameterStatus('integer_datetimes', 'on'),
          parameterStatus('standard_conforming_strings', 'on'),
          parameterStatus('TimeZone', 'UTC'),
          backendKeyData(connection.id, randomInt(1, 2 ** 31 - 1)),
          readyForQuery('I'),
        ]),
      );
      return;
    }
    if (msg.type === 'X') {
      close(connection);
      return;
    }
    connection.pending.push(msg.bytes);
    const statement = namedStatement(msg);
    if (statement?.created) connection.statements.add(statement.name);
    else if (statement) connection.statements.delete(statement.name);
    const text = msg.type === 'Q' || msg.type === 'P' ? queryText(msg) : null;
    if (text && /listen/i.test(text)) connection.pendingListens.push(...listenStatements(text));
    if (msg.type === 'S' || msg.type === 'Q' || msg.type === 'H') {
      const batch: Batch = {
        connection,
        bytes: Buffer.concat(connection.pending),
        listens: connection.pendingListens,
        queuedAt: Date.now(),
      };
      connection.pending = [];
      connection.pendingListens = [];
      enqueue(batch);
    }
  }

  function onData(connection: Connection, chunk: Buffer) {
    connection.buffer = connection.buffer.length ? Buffer.concat([connection.buffer, chunk]) : chunk;
    while (connection.state === 'startup') {
      const packet = readStartupPacket(connection.buffer);
      if (!packet) return;
      const bytes = connection.buffer.subarray(0, packet.length);
      connection.buffer = connection.buffer.subarray(packet.length);
      if (packet.code === SSL_REQUEST_CODE || packet.code === GSS_REQUEST_CODE) {
        connection.socket.write('N');
      } else if (packet.code === CANCEL_REQUEST_CODE) {
        // There is no separate backend to interrupt; a cancel is dropped, as the protocol allows.
        close(connection);
        return;
      } else if (packet.code !== PROTOCOL_V3) {
        fatal(connection, '08P01', 'unsupported frontend protocol');
        return;
      } else {
        connection.settings = settingsFromOptions(startupParameters(bytes).options);
        connection.state = 'password';
        deliver(connection, authenticationCleartextPassword());
      }
    }
    const { messages, rest } = splitMessages(connection.buffer);
    connection.buffer = rest;
    for (const msg of messages) {
      if (connection.state === 'closed') return;
      onMessage(connection, msg);
    }
  }

  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    const connection: Connection = {
      id: nextId++,
      socket,
      state: 'startup',
      buffer: Buffer.alloc(0),
      pending: [],
      pendingListens: [],
      settings: new Map(),
      listens: new Set(),
      statements: new Set(),
    };
    connections.add(connection);
    socket.on('data', (chunk: Buffer) => onData(connection, chunk));
    socket.on('error', () => close(connection));
    socket.on('close', () => close(connection));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: `postgres://hotline:${encodeURIComponent(options.password)}@${host}:${port}/postgres`,
    async close() {
      clearInterval(starvationTimer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const connection of [...connections]) close(connection);
      });
      await draining;
    },
  };
}
