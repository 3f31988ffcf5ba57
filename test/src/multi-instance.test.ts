import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DemoCredentials } from '@tillgate/gateway';
import type { Order, TillgateEvent } from '@tillgate/sdk/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, ref } from './support/api.js';
import { backends, type Storage } from './support/backends.js';
import { type GatewayProcess, spawnGateway } from './support/processes.js';
import { OwnRedis, redisProblem, SHARED_REDIS_URL } from './support/redis.js';
import { WsClient } from './support/ws.js';

const postgres = (await backends()).find((b) => b.name === 'postgres');
const redisDown = await redisProblem();
if (redisDown && process.env.TILLGATE_REQUIRE_SERVICES === '1')
  throw new Error(`${redisDown}; TILLGATE_REQUIRE_SERVICES=1 needs it`);
if (redisDown) console.warn(`Skipping the multi-instance suites: ${redisDown}`);
const unavailable = postgres?.unavailable ?? redisDown;

/** A cluster of gateway processes on one PostgreSQL database and one Redis. */
class Cluster {
  readonly nodes: GatewayProcess[] = [];
  demo!: DemoCredentials;
  private constructor(
    readonly storage: Storage,
    readonly dataDir: string,
    readonly redisUrl: string,
  ) {}

  static async start(storage: Storage, redisUrl: string, size: number): Promise<Cluster> {
    const cluster = new Cluster(storage, mkdtempSync(path.join(tmpdir(), 'tillgate-cluster-')), redisUrl);
    // The first one migrates and seeds; the others join a database that is ready.
    cluster.nodes.push(await cluster.spawn(true));
    cluster.demo = JSON.parse(readFileSync(path.join(cluster.dataDir, 'demo-credentials.json'), 'utf8'));
    cluster.nodes.push(...(await Promise.all(Array.from({ length: size - 1 }, () => cluster.spawn(false)))));
    return cluster;
  }

  spawn(seed: boolean): Promise<GatewayProcess> {
    return spawnGateway({
      DATABASE_URL: this.storage.databaseUrl as string,
      REDIS_URL: this.redisUrl,
      TILLGATE_DATA_DIR: this.dataDir,
      TILLGATE_SEED_DEMO: seed ? '1' : '0',
    });
  }

  api(i: number): ApiClient {
    return new ApiClient((this.nodes[i] as GatewayProcess).url, this.demo);
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) if (node.child.exitCode === null) node.child.kill('SIGTERM');
    await Promise.all(this.nodes.map((n) => n.exited));
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** A WebSocket watcher of one till that, when its gateway goes away, resumes on another with `after_seq`. */
class Watcher {
  readonly events: TillgateEvent[] = [];
  private client!: WsClient;
  reconnections = 0;
  closeCodes: number[] = [];

  constructor(
    private readonly topic: string,
    private readonly token: string,
    private readonly urls: () => string[],
  ) {}

  /**
   * One attempt at watching from `url`. An attempt whose subscription fails is closed and silenced: were it
   * left open, its events would be counted beside the next attempt's, as duplicates the gateway never sent.
   */
  async start(url: string, afterSeq?: number): Promise<number> {
    const client = await WsClient.open(url, `access_token=${encodeURIComponent(this.token)}`);
    let live = true;
    client.socket.on('message', (raw) => {
      const m = JSON.parse(raw.toString());
      if (live && m.op === 'event') this.events.push(m.event);
    });
    client.socket.on('close', (code) => {
      if (!live) return;
      this.closeCodes.push(code);
      if (!this.stopped) void this.resume();
    });
    this.client = client;
    try {
      return await client.subscribe(this.topic, afterSeq);
    } catch (err) {
      live = false;
      client.close();
      throw err;
    }
  }

  private stopped = false;

  private async resume(): Promise<void> {
    this.reconnections++;
    for (const url of this.urls()) {
      try {
        await this.start(url, this.events.at(-1)?.seq ?? this.startSeq);
        return;
      } catch {}
    }
  }

  startSeq = 0;

  seqs(): number[] {
    return this.events.map((e) => e.seq);
  }

  stop(): void {
    this.stopped = true;
    this.client.close();
  }
}

/** Creates orders and pays them through rotating instances for `ms`, keeping what was acknowledged. */
async function workload(apis: () => ApiClient[], tokens: string[], ms: number, during?: () => Promise<void>) {
  const acknowledged: Array<{ order: Order; paid: boolean }> = [];
  const end = Date.now() + ms;
  let n = 0;
  const loop = async () => {
    while (Date.now() < end) {
      const live = apis();
      const i = n++;
      const creator = live[i % live.length] as ApiClient;
      const payer = live[(i + 1) % live.length] as ApiClient;
      try {
        const created = await creator.createOrder(tokens[0] as string, {
          order_ref: ref('MI'),
          wallet: 'pix',
          amount: 100 + (i % 50),
        });
        if (created.status !== 201) continue;
        const entry = { order: created.body, paid: false };
        acknowledged.push(entry);
        const paid = await payer.pay(tokens[0] as string, created.body.id);
        entry.paid = paid.status === 200 && paid.body.status === 'approved';
      } catch {
        // a refused connection to a dead instance acknowledges nothing
      }
    }
  };
  await Promise.all([loop(), loop(), loop(), during?.()]);
  return acknowledged;
}

async function tillLog(api: ApiClient, token: string, tillId: string, afterSeq: number): Promise<number[]> {
  return (await api.events(token, afterSeq)).filter((e) => e.data.order.till_id === tillId).map((e) => e.seq);
}

async function expectDurable(api: ApiClient, token: string, acknowledged: Array<{ order: Order; paid: boolean }>) {
  for (const { order, paid } of acknowledged) {
    const now = await api.order(token, order.id);
    if (paid) expect(now.status).toBe('approved');
  }
  const all = await api.events(token);
  expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));
}

describe.skipIf(unavailable)('three gateway processes on one PostgreSQL and one Redis', () => {
  let storage: Storage;
  let cluster: Cluster;
  let token: string;
  let tillId: string;
  const topic = () => `till:${tillId}`;

  beforeAll(async () => {
    storage = await (postgres as NonNullable<typeof postgres>).create();
    cluster = await Cluster.start(storage, SHARED_REDIS_URL, 3);
    token = await cluster.api(0).tillToken(0);
    tillId = cluster.demo.tills[0]?.id as string;
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    await storage?.drop();
  });

  it('pushes an order created on A and paid through B to a subscriber on C; every subscriber sees every event once, in order', async () => {
    const watchers = cluster.nodes.map((n) => new Watcher(topic(), token, () => [n.url]));
    const startSeqs = await Promise.all(watchers.map((w, i) => w.start(cluster.nodes[i]?.url as string)));
    const order = (await cluster.api(0).createOrder(token, { order_ref: ref('ABC'), wallet: 'pix', amount: 4321 }))
      .body;
    await cluster.api(1).pay(token, order.id);
    await expect
      .poll(() => watchers[2]?.events.some((e) => e.type === 'order.approved' && e.data.order.id === order.id))
      .toBe(true);

    const acknowledged = await workload(() => [0, 1, 2].map((i) => cluster.api(i)), [token], 2000);
    expect(acknowledged.length).toBeGreaterThan(3);
    const log = await tillLog(cluster.api(0), token, tillId, Math.min(...startSeqs));
    const last = log.at(-1);
    await expect.poll(() => watchers.every((w) => w.seqs().at(-1) === last), { timeout: 10_000 }).toBe(true);
    watchers.forEach((w, i) => {
      expect(w.seqs()).toEqual(log.filter((s) => s > (startSeqs[i] as number)));
      w.stop();
    });
  });

  it('loses nothing acknowledged when an instance is killed with SIGKILL under load; its subscriber resumes elsewhere without a gap', async () => {
    const alive = () => cluster.nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
    const onB = new Watcher(topic(), token, () => alive().map((n) => n.url));
    const onA = new Watcher(topic(), token, () => alive().map((n) => n.url));
    const from = await onB.start(cluster.nodes[1]?.url as string);
    onB.startSeq = from;
    await onA.start(cluster.nodes[0]?.url as string);
    const acknowledged = await workload(
      () => alive().map((n) => new ApiClient(n.url, cluster.demo)),
      [token],
      3000,
      async () => {
        await new Promise((r) => setTimeout(r, 1000));
        cluster.nodes[1]?.child.kill('SIGKILL');
      },
    );
    expect(cluster.nodes[1]?.child.signalCode).toBe('SIGKILL');
    expect(onB.reconnections).toBeGreaterThanOrEqual(1);
    const survivor = new ApiClient(cluster.nodes[0]?.url as string, cluster.demo);
    await expectDurable(survivor, token, acknowledged);
    const log = await tillLog(survivor, token, tillId, from);
    await expect.poll(() => onB.seqs().at(-1), { timeout: 10_000 }).toBe(log.at(-1));
    expect(onB.seqs()).toEqual(log);
    onA.stop();
    onB.stop();
  });

  it('drains on SIGTERM: in-flight requests finish, WebSockets close with 1001 "going away", the process exits 0', async () => {
    const c = cluster.nodes[2] as GatewayProcess;
    const watcher = new Watcher(topic(), token, () => []);
    await watcher.start(c.url);
    // A request whose body is still arriving when SIGTERM lands is in flight for sure.
    const body = JSON.stringify({ order_ref: ref('DRAIN'), wallet: 'pix', amount: 100 });
    const req = request(`${c.url}/v1/orders`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        authorization: `Bearer ${token}`,
      },
    });
    const answered = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 100));
    c.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    req.end(body.slice(10));
    expect(await answered).toBe(201);
    expect(await c.exited).toBe(0);
    await expect.poll(() => watcher.closeCodes).toContain(1001);
    watcher.stop();
  });
});

describe.skipIf(unavailable)('a Redis outage under load', () => {
  let storage: Storage;
  let redis: OwnRedis;
  let cluster: Cluster;

  beforeAll(async () => {
    storage = await (postgres as NonNullable<typeof postgres>).create();
    redis = await OwnRedis.start();
    cluster = await Cluster.start(storage, redis.url, 2);
  }, 120_000);
  afterAll(async () => {
    await cluster?.stop();
    await redis?.stop();
    await storage?.drop();
  });

  it('keeps taking orders and payments while Redis is down 10 s, and every subscriber gets every event in order', async () => {
    const token = await cluster.api(0).tillToken(0);
    const tillId = cluster.demo.tills[0]?.id as string;
    const watchers = cluster.nodes.map((n) => new Watcher(`till:${tillId}`, token, () => [n.url]));
    const starts = await Promise.all(watchers.map((w, i) => w.start(cluster.nodes[i]?.url as string)));
    let readyDuringOutage: number | undefined;
    const acknowledged = await workload(
      () => [0, 1].map((i) => cluster.api(i)),
      [token],
      14_000,
      async () => {
        await new Promise((r) => setTimeout(r, 2000));
        await redis.stop();
        await new Promise((r) => setTimeout(r, 1000));
        readyDuringOutage = (await fetch(`${cluster.nodes[0]?.url}/readyz`)).status;
        await new Promise((r) => setTimeout(r, 9000));
        await redis.resume();
      },
    );
    expect(readyDuringOutage).toBe(503);
    expect(acknowledged.length).toBeGreaterThan(5);
    expect(cluster.nodes.every((n) => n.child.exitCode === null)).toBe(true);
    await expectDurable(cluster.api(1), token, acknowledged);
    const log = await tillLog(cluster.api(0), token, tillId, Math.min(...starts));
    await expect.poll(() => watchers.every((w) => w.seqs().at(-1) === log.at(-1)), { timeout: 10_000 }).toBe(true);
    watchers.forEach((w, i) => {
      expect(w.seqs()).toEqual(log.filter((s) => s > (starts[i] as number)));
      expect(w.reconnections).toBe(0);
      w.stop();
    });
    await expect
      .poll(async () => (await fetch(`${cluster.nodes[1]?.url}/readyz`)).status, { timeout: 10_000 })
      .toBe(200);
  });
});
