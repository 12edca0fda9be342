// Byte parity of mqtk's output formatters with the real mosquitto_sub 2.0.11.
//
// Each scenario publishes known messages with mosquitto_pub to a real mosquitto, and
// several subscribers print them: mosquitto_sub with the options under test and, when
// the bundle is built, `mqtk sub` with the same options. We rebuild each delivered
// PUBLISH from what we sent (the broker's rules: QoS downgrade, fresh mids from 1,
// retain set only on retained deliveries, v5 properties in send order with the
// subscription identifier first and the remaining message expiry last) and compare
// every subscriber's stdout with `mqtkPrints`, the bytes mqtk's formatters produce.
//
// Time: formats that print the receive time start with "@s @N|"; the receive time of
// each message is read back from that prefix, so @X output must match exactly. %I, %U
// and %j's tst read the clock again inside mosquitto, so their sub-second digits are
// masked. The 2.0.11 bugs the reference documents (§11 item 7) are asserted explicitly
// and then rewritten to the 2.1 form we follow.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Properties, PublishPacket, QoS } from '../../src/codec/types.js';
import { UsageError } from '../../src/errors.js';
import type { ReceivedMessage } from '../../src/format/message.js';
import { compileTemplate } from '../../src/format/template.js';
import { createTextFormatter } from '../../src/format/text.js';
import { runCommand, skipWithoutMosquitto, startCommand, startMosquitto, waitFor, type Mosquitto, type RunResult } from '../helpers/mosquitto.js';
import { MQTK } from '../helpers/mqtk.js';

/** A message as mosquitto_pub sends it. */
interface Pub {
  /** null: -n (empty payload); Buffer: sent with -f. */
  payload: string | Buffer | null;
  qos?: QoS;
  /** Published with -r before the subscribers start, so they receive it with retain set. */
  retained?: boolean;
  /** Appended to the scenario's topic root. */
  subtopic?: string;
  /** -D publish <name> <value...>, sent with -V 5. */
  props?: Array<[name: string, ...values: string[]]>;
}

/** The mosquitto_sub output options under test. */
interface SubOptions {
  format?: string;
  verbose?: boolean;
  /** false: -N */
  eol?: boolean;
  pretty?: boolean;
  version?: 4 | 5;
  qos?: QoS;
  subscriptionId?: number;
  /** TZ for the subscriber process and the formatter. */
  tz?: string;
}

interface Printed {
  stdout: Buffer;
  stderr: string;
}

/**
 * The bytes mqtk prints for `messages` under `opts`: today the formatter layer in
 * process (what `mqtk sub` calls per message). To test another build of mqtk, replace
 * this body; every scenario below compares against it.
 */
function mqtkPrints(messages: ReceivedMessage[], opts: SubOptions): Printed {
  const format = createTextFormatter({
    verbose: opts.verbose ?? false,
    eol: opts.eol ?? true,
    pretty: opts.pretty ?? false,
    timeZone: opts.tz ?? 'UTC',
    ...(opts.format !== undefined ? { format: opts.format } : {}),
  });
  const outs = messages.map((m) => format(m));
  return {
    stdout: Buffer.concat(outs.map((o) => o.bytes)),
    stderr: outs.map((o) => o.warning ?? '').join(''),
  };
}

const TIME_PREFIX = '@s @N|';
/** The integration project builds the bundle first; without a runnable bin/mqtk only the formatter is compared. */
const BUILT_MQTK = spawnSync(MQTK, ['--version']).status === 0;
const SUBSCRIBERS = [
  { name: 'mosquitto_sub', cmd: 'mosquitto_sub', args: [] as string[] },
  ...(BUILT_MQTK ? [{ name: 'mqtk sub', cmd: MQTK, args: ['sub'] }] : []),
];

let broker: Mosquitto;
let scenarioCount = 0;

function propertiesFor(pub: Pub, sub: SubOptions, expiry: number | undefined): Properties | undefined {
  if ((sub.version ?? 4) !== 5) return undefined;
  const p: Properties = {};
  if (sub.subscriptionId !== undefined) p.subscriptionIdentifier = [sub.subscriptionId];
  for (const [name, a = '', b = ''] of pub.props ?? []) {
    if (name === 'content-type') p.contentType = a;
    else if (name === 'response-topic') p.responseTopic = a;
    else if (name === 'correlation-data') p.correlationData = Buffer.from(a);
    else if (name === 'payload-format-indicator') p.payloadFormatIndicator = Number(a);
    else if (name === 'user-property') (p.userProperties ??= []).push([a, b]);
  }
  // The broker sends the remaining lifetime, last: the full interval or one second less.
  if (expiry !== undefined) p.messageExpiryInterval = expiry;
  return Object.keys(p).length > 0 ? p : undefined;
}

/** The PUBLISH packets a subscriber receives, in order; `elapsed` is the expiry already used up. */
function delivered(pubs: Pub[], root: string, sub: SubOptions, elapsed: number): PublishPacket[] {
  const ordered = [...pubs.filter((p) => p.retained), ...pubs.filter((p) => !p.retained)];
  let mid = 0;
  return ordered.map((pub) => {
    const qos = Math.min(pub.qos ?? 0, sub.qos ?? 0) as QoS;
    const expiry = pub.props?.find(([n]) => n === 'message-expiry-interval')?.[1];
    const properties = propertiesFor(pub, sub, expiry === undefined ? undefined : Number(expiry) - elapsed);
    return {
      type: 'publish',
      topic: root + (pub.subtopic ?? '/m'),
      payload: pub.payload === null ? Buffer.alloc(0) : Buffer.from(pub.payload),
      qos,
      retain: pub.retained ?? false,
      dup: false,
      ...(qos > 0 ? { packetId: ++mid } : {}),
      ...(properties ? { properties } : {}),
    };
  });
}

/** Receive times read back from each message's "@s @N|" prefix (a fixed time when there is none). */
function receiveTimes(stdout: Buffer, count: number, timed: boolean): ReceivedMessage['time'][] {
  if (!timed) return Array.from({ length: count }, () => ({ epochMs: 0, nanos: 0 }));
  const found = [...stdout.toString('latin1').matchAll(/(\d{10}) (\d{9})\|/g)].map((m) => {
    const nanos = Number(m[2]);
    return { epochMs: Number(m[1]) * 1000 + Math.floor(nanos / 1e6), nanos };
  });
  expect(found.length, 'one time prefix per message').toBe(count);
  return found;
}

/** Masks the sub-second digits of %U and of %j's tst, which mosquitto reads from a fresh clock. */
function maskClock(text: string): string {
  return text.replace(/\b(\d{10})\.\d{9}\b/g, '$1.#########').replace(/(T\d\d:\d\d:\d\d)\.\d{6}/g, '$1.######');
}

/**
 * mosquitto 2.0.11's documented %j bugs rewritten to the 2.1 form mqtk prints: the "Z"
 * before the offset in tst, and user-properties as one object instead of an array of
 * one-key objects (compact and --pretty layouts). Counts the rewrites so tests can
 * assert the bug was really there.
 */
function adapt2011Json(text: string): { text: string; rewrites: number } {
  let rewrites = 0;
  const count = <T extends unknown[]>(fn: (...args: T) => string) => (...args: T): string => (rewrites++, fn(...args));
  const pair = /"([^"\\]*)":\t?"([^"\\]*)"/g;
  let out = text.replace(/("tst":\t?"[^"]*\.\d{6})Z([+-]\d{4}")/g, count((_m: string, a: string, b: string) => a + b));
  out = out.replace(/"user-properties":\{((?:"[^"\\]*":"[^"\\]*",?)*)\}/g, count((_m: string, body: string) => {
    const items = [...body.matchAll(pair)].map((m) => `{"${m[1]}":"${m[2]}"}`);
    return `"user-properties":[${items.join(',')}]`;
  }));
  out = out.replace(/"user-properties":\t\{\n((?:\t+"[^"\\]*":\t"[^"\\]*",?\n)*)(\t+)\}/g, count((_m: string, body: string, tabs: string) => {
    const items = [...body.matchAll(pair)].map((m) => `{\n${tabs}\t\t"${m[1]}":\t"${m[2]}"\n${tabs}\t}`);
    return `"user-properties":\t[${items.join(', ')}]`;
  }));
  return { text: out, rewrites };
}

function subArgs(sub: SubOptions, root: string, id: string, count: number): string[] {
  return [
    ...['-h', broker.host, '-p', String(broker.port), '-i', id, '-t', `${root}/#`, '-C', String(count), '-W', '60', '-q', String(sub.qos ?? 0)],
    ...((sub.version ?? 4) === 5 ? ['-V', '5'] : []),
    ...(sub.subscriptionId !== undefined ? ['-D', 'subscribe', 'subscription-identifier', String(sub.subscriptionId)] : []),
    ...(sub.format !== undefined ? ['-F', sub.format] : []),
    ...(sub.verbose ? ['-v'] : []),
    ...(sub.eol === false ? ['-N'] : []),
    ...(sub.pretty ? ['--pretty'] : []),
  ];
}

async function publish(pub: Pub, root: string): Promise<void> {
  const args = ['-h', broker.host, '-p', String(broker.port), '-t', root + (pub.subtopic ?? '/m'), '-q', String(pub.qos ?? 0)];
  if (pub.retained) args.push('-r');
  if (pub.payload === null) args.push('-n');
  else if (typeof pub.payload === 'string') args.push('-m', pub.payload);
  else {
    const file = join(broker.dir, `payload-${scenarioCount}-${Math.random().toString(36).slice(2)}.bin`);
    writeFileSync(file, pub.payload);
    args.push('-f', file);
  }
  if (pub.props) {
    args.push('-V', '5');
    for (const [name, ...values] of pub.props) args.push('-D', 'publish', name, ...values);
  }
  const r = await runCommand('mosquitto_pub', args);
  expect(r.status, `mosquitto_pub ${args.join(' ')}: ${r.stderr}`).toBe(0);
}

interface Outcome {
  subscriber: string;
  variant: SubOptions;
  result: RunResult;
}

/** Publishes `pubs` to a fresh topic root and collects what every subscriber variant printed. */
async function runScenario(pubs: Pub[], variants: SubOptions[]): Promise<{ root: string; outcomes: Outcome[] }> {
  const n = ++scenarioCount;
  const root = `fp${n}`;
  for (const pub of pubs.filter((p) => p.retained)) await publish(pub, root);
  const running = variants.flatMap((variant, v) =>
    SUBSCRIBERS.map((s, k) => {
      const id = `fp${n}-${v}-${k}`;
      const env = { ...process.env, TZ: variant.tz ?? 'UTC' };
      const cmd = startCommand(s.cmd, [...s.args, ...subArgs(variant, root, id, pubs.length)], { env });
      return { id, subscriber: s.name, variant, cmd };
    }),
  );
  // Up to 24 subscribers start at once (half of them node processes): bound the waits generously.
  await waitFor(() => running.every((r) => broker.log().includes(`Received SUBSCRIBE from ${r.id}`)), 30_000, 'subscribers');
  // libmosquitto hands a QoS 2 message to the application only when PUBREL arrives, so a
  // later QoS 0 message could overtake it: wait for every acknowledgement before going on.
  const acked = (id: string): number => broker.log().split(`Received PUBACK from ${id} `).length + broker.log().split(`Received PUBCOMP from ${id} `).length - 2;
  const ordered = [...pubs.filter((p) => p.retained), ...pubs.filter((p) => !p.retained)];
  for (const [i, pub] of ordered.entries()) {
    if (!pub.retained) await publish(pub, root);
    const upTo = ordered.slice(0, i + 1);
    for (const r of running) {
      const expected = upTo.filter((p) => Math.min(p.qos ?? 0, r.variant.qos ?? 0) > 0).length;
      await waitFor(() => acked(r.id) >= expected, 30_000, `acknowledgements from ${r.id}`);
    }
  }
  const outcomes = await Promise.all(running.map(async (r) => ({ subscriber: r.subscriber, variant: r.variant, result: await r.cmd.done })));
  return { root, outcomes };
}

/** Expected output for one subscriber run, trying 0 and 1 second of message expiry already used. */
function compare(outcome: Outcome, pubs: Pub[], root: string, adapt = false): void {
  const { variant, result } = outcome;
  const timed = variant.format?.startsWith(TIME_PREFIX) ?? false;
  const label = `${outcome.subscriber} ${JSON.stringify(variant)}`;
  expect(result.status, `${label} exit status; stderr: ${result.stderr}`).toBe(0);
  let actual = result.stdout.toString('latin1');
  if (adapt) actual = adapt2011Json(actual).text;
  const times = receiveTimes(result.stdout, pubs.length, timed);
  const candidates = [0, 1].map((elapsed) => {
    const messages = delivered(pubs, root, variant, elapsed).map((packet, i) => ({ packet, time: times[i]! }));
    return mqtkPrints(messages, variant);
  });
  const normalise = (text: string): string => (timed ? maskClock(text) : text);
  const match = candidates.find((c) => normalise(c.stdout.toString('latin1')) === normalise(actual)) ?? candidates[0]!;
  expect(normalise(actual), label).toBe(normalise(match.stdout.toString('latin1')));
  expect(result.stderr, `${label} stderr`).toBe(match.stderr);
}

const BINARY = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const V5_PROPS: Pub['props'] = [
  ['content-type', 'text/plain'],
  ['user-property', 'k1', 'v1'],
  ['user-property', 'k1', 'v2'],
  ['payload-format-indicator', '1'],
  ['response-topic', 'resp/t'],
  ['correlation-data', 'cd-1'],
  ['message-expiry-interval', '3600'],
];

/** Messages that cover QoS 0/1/2, retained, empty, binary, UTF-8 topics and v5 properties. */
const COMMON_PUBS: Pub[] = [
  { payload: 'kept', qos: 1, retained: true, subtopic: '/r' },
  { payload: 'hello' },
  { payload: null, qos: 1 },
  { payload: BINARY, qos: 2 },
  { payload: 'héllo wörld', qos: 2, subtopic: '/é/ü' },
  { payload: 'two\nlines' },
  { payload: 'with props', qos: 1, props: V5_PROPS },
];

const ALL_FIELDS = '[%t][%p][%x][%X][%l][%m][%q][%r][%%][%A][%C][%D][%E][%F][%P][%R][%S]\\\\|\\0|\\a|\\e|\\n|\\r|\\t|\\v|@@';
const WIDTHS =
  '[%10t][%-10t][%.3t][%5.3t][%010l][%-5l|][%3p][%-3p][%8p][%-8p][%08p][%-p][%05m][%-5m|][%5q][%5r]' +
  '[%05A][%5A][%5C][%05C][%.4C][%-12C|][%5R][%.2R][%5E][%05E][%-7E|][%5F][%05F][%5S][%-5S|][%05S]';
const STRFTIME_LETTERS = 'aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%';
const TIME_FORMAT = `${TIME_PREFIX}${[...STRFTIME_LETTERS].map((c) => `@${c}`).join('|')}|@q|@E|@5|@@|[%I][%30I][%-26I|][%.10I][%U]`;

// Each scenario waits for up to 24 subscribers and their acknowledgements (30 s bounds above).
describe.skipIf(skipWithoutMosquitto())('output parity with mosquitto_sub 2.0.11', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterAll(async () => {
    await broker?.stop();
  });

  it('default output, -v and -N, for v3.1.1 and v5 subscribers', async () => {
    const variants: SubOptions[] = [{}, { verbose: true }, { eol: false }, { verbose: true, eol: false }, { verbose: true, version: 5, qos: 2 }];
    const { root, outcomes } = await runScenario(COMMON_PUBS, variants.map((v) => ({ qos: 2, ...v })));
    for (const o of outcomes) compare(o, COMMON_PUBS, root);
  });

  it('every -F message field and escape, QoS 0/1/2 subscriptions, v3.1.1 and v5 with a subscription identifier', async () => {
    const variants: SubOptions[] = [
      { format: ALL_FIELDS, qos: 2 },
      { format: ALL_FIELDS, qos: 0 },
      { format: ALL_FIELDS, qos: 2, version: 5, subscriptionId: 7 },
      { format: ALL_FIELDS, qos: 1, version: 5, eol: false },
    ];
    const { root, outcomes } = await runScenario(COMMON_PUBS, variants);
    for (const o of outcomes) compare(o, COMMON_PUBS, root);
  });

  it('width, "-", "0" and precision on every field that takes them', async () => {
    const variants: SubOptions[] = [
      { format: WIDTHS, qos: 2 },
      { format: WIDTHS, qos: 2, version: 5, subscriptionId: 42 },
    ];
    const { root, outcomes } = await runScenario(COMMON_PUBS, variants);
    for (const o of outcomes) compare(o, COMMON_PUBS, root);
  });

  it('strftime @X letters, @N, %I and %U in several time zones', async () => {
    const pubs: Pub[] = [{ payload: 'a' }, { payload: 'b', qos: 1 }];
    const zones = ['UTC', 'Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kolkata', 'Asia/Kathmandu'];
    const { root, outcomes } = await runScenario(pubs, zones.map((tz) => ({ format: TIME_FORMAT, tz, qos: 1 })));
    for (const o of outcomes) compare(o, pubs, root);
  });

  it('%j and %J, compact and --pretty, v3.1.1 and v5 (2.0.11 %j bugs asserted, then rewritten)', async () => {
    const pubs: Pub[] = [
      { payload: '{"a":[1,2.50,-0,1e400,123456789012345678],"b":"\\u00e9\\n","a":{},"c":[{"d":null,"e":true}]}', qos: 1 },
      { payload: 'not json' },
      { payload: null },
      { payload: Buffer.from('x"\\\x01\x1f\x7f\xff\xc3\xa9 nul\x00after', 'latin1'), qos: 2 },
      { payload: ' 42 ', props: V5_PROPS },
      { payload: '"kept"', retained: true, qos: 1, subtopic: '/r' },
    ];
    const variants: SubOptions[] = [];
    for (const spec of ['%j', '%J', '[%j|%J]'])
      for (const pretty of [false, true])
        for (const version of [4, 5] as const) variants.push({ format: `${TIME_PREFIX}${spec}`, pretty, version, qos: 2, ...(version === 5 ? { subscriptionId: 3 } : {}) });
    const { root, outcomes } = await runScenario(pubs, variants);
    // Payloads cJSON rejects (%J prints no object for them): 'not json' and the one with a NUL.
    const jsonPayloads = pubs.length - 2;
    for (const o of outcomes) {
      if (o.subscriber === 'mosquitto_sub') {
        // Every printed object has "Z" in tst; a v5 message with user properties prints them as an object.
        const format = o.variant.format!;
        const specs = { j: format.includes('%j') ? 1 : 0, J: format.includes('%J') ? 1 : 0 };
        const objects = specs.j * pubs.length + specs.J * jsonPayloads;
        const userProps = o.variant.version === 5 ? specs.j + specs.J : 0;
        const { rewrites } = adapt2011Json(o.result.stdout.toString('latin1'));
        expect(rewrites, `2.0.11 %j bugs seen in ${JSON.stringify(o.variant)}`).toBe(objects + userProps);
      }
      compare(o, pubs, root, o.subscriber === 'mosquitto_sub');
    }
  });

  it('2.0.11 %Nx prints half the bytes (documented bug); mqtk follows 2.1', async () => {
    const pubs: Pub[] = [{ payload: 'ABC' }];
    const format = '[%10x][%-10X][%4x]';
    const { outcomes } = await runScenario(pubs, [{ format }]);
    const mosquitto = outcomes.find((o) => o.subscriber === 'mosquitto_sub')!;
    expect(mosquitto.result.stdout.toString()).toBe('[        41][41        ][  41]\n');
    const ours = compileTemplate(format)({ packet: delivered(pubs, 'x', {}, 0)[0]!, time: { epochMs: 0, nanos: 0 } });
    expect(ours.toString()).toBe('[    414243][414243    ][414243]');
    const mqtk = outcomes.find((o) => o.subscriber === 'mqtk sub');
    if (mqtk) expect(mqtk.result.stdout.toString()).toBe(`${ours.toString()}\n`);
  });

  it('reports %J on a non-JSON payload on stderr and prints an empty line', async () => {
    const pubs: Pub[] = [{ payload: 'nope', subtopic: '/j' }];
    const { root, outcomes } = await runScenario(pubs, [{ format: '%J' }]);
    const mosquitto = outcomes.find((o) => o.subscriber === 'mosquitto_sub')!;
    expect(mosquitto.result.stdout.toString()).toBe('\n');
    expect(mosquitto.result.stderr).toBe(`Error: Message payload is not valid JSON on topic ${root}/j.\n`);
    for (const o of outcomes) compare(o, pubs, root);
  });
});

describe.skipIf(skipWithoutMosquitto())('-F validation messages match mosquitto_sub', () => {
  const cases = ['%', '%0', '%-', '%1', '%.', '%.1', '%z', '%Z', '%e', 'ab@', '\\q', '\\', 'x%10', '%-05.3'];
  it.each(cases)('%j', async (format) => {
    let ours = '';
    try {
      compileTemplate(format);
    } catch (err) {
      expect(err).toBeInstanceOf(UsageError);
      ours = `Error: ${(err as Error).message}`;
    }
    for (const s of SUBSCRIBERS) {
      const r = await runCommand(s.cmd, [...s.args, '-t', 'x', '-F', format]);
      expect(r.status, s.name).toBe(1);
      expect(r.stderr.split('\n')[0], s.name).toBe(ours);
    }
  });

  it('2.0.11 rejects the 2.1 additions %f, %d and hex separators, which mqtk accepts', async () => {
    for (const [format, letter] of [['%f', 'f'], ['%d', 'd'], ['%.2:x', ':']] as const) {
      const r = await runCommand('mosquitto_sub', ['-t', 'x', '-F', format]);
      expect(r.stderr.split('\n')[0]).toBe(`Error: Invalid format specifier '${letter}'.`);
      expect(() => compileTemplate(format)).not.toThrow();
    }
  });
});
