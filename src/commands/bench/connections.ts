// Which clients an engine runs, and connecting them: client ids and topics from the
// templates, connects paced by -R/-i across all workers (client j of the run connects
// at launch + j × interval, whichever worker holds it), connect time recorded,
// failures counted by kind.
import { reconnectWait } from '../../client/backoff.js';
import { MqttClient } from '../../client/client.js';
import { ClientError } from '../../client/errors.js';
import { reasonCodeName } from '../../codec/constants.js';
import type { Dial } from '../../client/link.js';
import type { Clock } from './clock.js';
import type { BenchConfig } from './config.js';
import type { Recorder } from './recorder.js';

export interface Role {
  /** Index among all clients of the run: publishers first, then pubsub's subscribers. */
  j: number;
  kind: 'pub' | 'sub' | 'conn';
}

/** Without -R/-i, at most this many connects per engine wait for CONNACK at once. */
const PARALLEL_CONNECTS = 64;

export function rolesOf(cfg: BenchConfig, worker: number, workers: number): Role[] {
  const all: Role[] = [];
  const kind = cfg.mode === 'pubsub' ? 'pub' : cfg.mode;
  for (let j = 0; j < cfg.clients; j++) all.push({ j, kind });
  if (cfg.mode === 'pubsub') for (let k = 0; k < cfg.subscribers; k++) all.push({ j: cfg.clients + k, kind: 'sub' });
  return all.filter((r) => r.j % workers === worker);
}

/** How a failed connect is counted: the CONNACK reason by name, else the kind of failure. */
export function connectFailure(err: unknown): string {
  if (err instanceof ClientError) {
    if (err.kind === 'connack') return `connect refused: ${reasonCodeName(err.reasonCode ?? 0, 'connack')}`;
    return `connect: ${err.kind}`;
  }
  return `connect: ${err instanceof Error ? err.message : String(err)}`;
}

/**
 * CONNACK codes that say "not now" rather than "not you": 3.1.1's 3 and MQTT 5's 0x88
 * Server unavailable, 0x89 Server busy, 0x97 Quota exceeded, 0x9F Connection rate
 * exceeded. A bad password or client id would only be refused again.
 */
const RETRYABLE_CONNACK: ReadonlySet<number> = new Set([3, 0x88, 0x89, 0x97, 0x9f]);

/**
 * Whether --num-retry-connect tries a failed first connect again: the port not open yet,
 * no CONNACK in time, the connection closed or reset before CONNACK, or a retryable
 * refusal. Not a name that does not resolve, a TLS failure or a protocol error.
 */
export function retryableConnectFailure(err: unknown): boolean {
  if (!(err instanceof ClientError)) return false;
  if (err.kind === 'connack') return RETRYABLE_CONNACK.has(err.reasonCode ?? 0);
  return err.kind === 'refused' || err.kind === 'timeout' || err.kind === 'network' || err.kind === 'lost';
}

/** Why a connection was lost: the kind, and the server's reason when it sent DISCONNECT. */
export function lossReason(err: ClientError | undefined): string {
  if (!err) return 'closed';
  return err.kind === 'server-disconnect' ? `server-disconnect (${reasonCodeName(err.reasonCode ?? 0, 'disconnect')})` : err.kind;
}

/**
 * Counts a connection's life after CONNACK: each loss by reason, each reconnect, each
 * failed reconnect attempt by kind, and giving up. Our own close at the end counts as
 * neither.
 */
export function watchConnection(client: MqttClient, rec: Recorder, own: ConnectionCounts = { disconnects: 0, reconnects: 0 }): void {
  let up = true;
  const lost = (err: ClientError | undefined): void => {
    up = false;
    own.disconnects++;
    rec.lost(lossReason(err));
  };
  client.on('offline', lost);
  client.on('connect', () => {
    if (up) return;
    up = true;
    own.reconnects++;
    rec.reconnected();
  });
  client.on('retry', (err) => rec.error(`reconnect failed: ${err.kind}`));
  client.on('close', (err) => {
    if (up) {
      if (err) lost(err);
      else {
        up = false;
        rec.closed();
      }
    } else if (err) {
      // Offline already counted the loss; this is the end of trying.
      rec.error(err.kind === 'connack' ? `reconnect refused: ${reasonCodeName(err.reasonCode ?? 0, 'connack')}` : 'reconnect: gave up');
    }
  });
}

/** One client's own losses and reconnects (its line in --per-client). */
export interface ConnectionCounts {
  disconnects: number;
  reconnects: number;
}

export interface Connected {
  role: Role;
  client: MqttClient;
  topic: string;
  /** %i: --start-number + the client's place in the run. */
  index: number;
  connectMs: number;
  counts: ConnectionCounts;
}

export async function connectAll(roles: Role[], cfg: BenchConfig, ctx: { worker: number; launchAt: number; clock: Clock; rec: Recorder; dial?: Dial | undefined }): Promise<Connected[]> {
  const { clock, rec, worker } = ctx;
  const out: Connected[] = [];
  const one = async (role: Role): Promise<void> => {
    const index = cfg.startNumber + role.j;
    const clientId = cfg.clientId({ index, clientId: '', worker });
    if (cfg.connIntervalMs > 0) {
      const wait = ctx.launchAt + role.j * cfg.connIntervalMs - clock();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const config = { ...cfg.client, connect: { ...cfg.client.connect, clientId } };
    for (let retry = 1; ; retry++) {
      // Connect time is the attempt that succeeded: the waits between retries are ours, not the broker's.
      const began = clock();
      try {
        const client = await MqttClient.connect(config, ctx.dial ? { dial: ctx.dial } : {});
        const connectMs = clock() - began;
        rec.connectedIn(connectMs);
        const counts = { disconnects: 0, reconnects: 0 };
        watchConnection(client, rec, counts);
        out.push({ role, client, topic: cfg.topic({ index, clientId: client.clientId, worker }), index, connectMs, counts });
        return;
      } catch (err) {
        if (retry > cfg.connectRetry.retries || !retryableConnectFailure(err)) {
          rec.error(connectFailure(err));
          return;
        }
        // Each failed attempt that is tried again counts apart from the clients that never connected.
        rec.error(`retried ${connectFailure(err)}`);
        await new Promise((r) => setTimeout(r, reconnectWait(cfg.connectRetry.backoff, retry)));
      }
    }
  };
  if (cfg.connIntervalMs > 0) {
    await Promise.all(roles.map(one));
  } else {
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < roles.length) await one(roles[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_CONNECTS, roles.length) }, lane));
  }
  // Connects finish out of order; keep the run's order (publisher ids, phases).
  return out.sort((a, b) => a.role.j - b.role.j);
}
