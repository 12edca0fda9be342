// mqtk rr against a real mosquitto: side by side with mosquitto_rr for the output, an
// MQTT.js responder that echoes the request's correlation data [MQTT-4.10.0-1], and
// mqtk rr --respond answering both tools.
import mqtt, { type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, skipWithoutMosquitto, startCommand, startMosquitto, waitFor, type Mosquitto } from '../helpers/mosquitto.js';
import { MQTK, mqtk } from '../helpers/mqtk.js';

describe.skipIf(skipWithoutMosquitto())('mqtk rr against mosquitto', () => {
  let broker: Mosquitto;
  const clients: MqttClient[] = [];
  const conn = (): string[] => ['-h', broker.host, '-p', String(broker.port)];

  /** An MQTT.js responder: answers each request on `topic` with `reply(payload)`, echoing correlation data. */
  async function responder(topic: string, reply: (payload: string) => string, opts: { protocolVersion?: 4 | 5; to?: string; decoy?: boolean } = {}) {
    const c = await mqtt.connectAsync(`mqtt://${broker.host}:${broker.port}`, { protocolVersion: opts.protocolVersion ?? 5, reconnectPeriod: 0 });
    clients.push(c);
    c.on('message', (_t, payload, packet) => {
      const props = packet.properties ?? {};
      const to = props.responseTopic ?? opts.to!;
      const properties = { contentType: 'text/plain', ...(props.correlationData ? { correlationData: props.correlationData } : {}) };
      // A reply for somebody else first: same topic, other correlation data.
      if (opts.decoy) c.publish(to, 'not yours', { qos: 1, properties: { correlationData: Buffer.from('someone-else') } });
      c.publish(to, reply(payload.toString()), { qos: 1, ...(opts.protocolVersion === 4 ? {} : { properties }) });
    });
    await c.subscribeAsync(topic, { qos: 1 });
    return c;
  }

  beforeAll(async () => {
    broker = await startMosquitto();
    await responder('svc/upper', (p) => p.toUpperCase());
    await responder('svc/decoy', (p) => `ok ${p}`, { decoy: true });
    await responder('svc/v3', (p) => `v3 ${p}`, { protocolVersion: 4, to: 'svc/v3/resp' });
  });
  afterAll(async () => {
    for (const c of clients) c.end(true);
    await broker?.stop();
  });

  const outputs: string[][] = [[], ['-v'], ['-N'], ['-F', '%t|%p|%q|%r|%l|%C'], ['-v', '-q', '1'], ['-q', '2', '-F', '%t %x']];
  for (const out of outputs) {
    it(`prints the reply as mosquitto_rr does: ${out.join(' ') || '(default)'}`, async () => {
      const args = [...conn(), '-t', 'svc/upper', '-e', `resp/${out.length}`, '-m', 'héllo', '-W', '20', ...out];
      const [ours, theirs] = await Promise.all([mqtk(['rr', ...args]), runCommand('mosquitto_rr', args)]);
      expect(ours.stderr).toBe('');
      expect(ours.status).toBe(0);
      expect(theirs.status).toBe(0);
      expect(ours.stdout.toString()).toBe(theirs.stdout.toString());
    });
  }

  it('ignores replies whose correlation data is not its own', async () => {
    const got = await mqtk(['rr', ...conn(), '-t', 'svc/decoy', '-e', 'resp/decoy', '-m', 'x', '-W', '20', '-q', '1']);
    expect(got.status).toBe(0);
    expect(got.stdout.toString()).toBe('ok x\n');
  });

  it('prints replies as JSON lines with --output json', async () => {
    const got = await mqtk(['rr', ...conn(), '-t', 'svc/upper', '-e', 'resp/json', '-m', 'abc', '-W', '20', '--output', 'json']);
    const line = JSON.parse(got.stdout.toString()) as { topic: string; payload: string; properties: { content_type: string } };
    expect(line).toMatchObject({ topic: 'resp/json', payload: 'ABC', properties: { content_type: 'text/plain' } });
  });

  it('times out with "Timed out" and status 27 when nobody answers (-W)', async () => {
    const got = await mqtk(['rr', ...conn(), '-t', 'svc/nobody', '-e', 'resp/none', '-m', 'x', '-W', '1']);
    expect(got.status).toBe(27);
    expect(got.stderr).toBe('Timed out\n');
    expect(got.stdout.length).toBe(0);
  });

  it('works as a plain subscribe + publish with -V 311', async () => {
    const got = await mqtk(['rr', ...conn(), '-V', '311', '-t', 'svc/v3', '-e', 'svc/v3/resp', '-m', 'x', '-W', '20']);
    expect(got.stderr).toBe('');
    expect(got.stdout.toString()).toBe('v3 x\n');
  });

  it('reads the request from a file (-f) and stdin (-s)', async () => {
    const stdin = await mqtk(['rr', ...conn(), '-t', 'svc/upper', '-e', 'resp/s', '-s', '-W', '20'], { input: 'from stdin' });
    expect(stdin.stdout.toString()).toBe('FROM STDIN\n');
    const missing = await mqtk(['rr', ...conn(), '-t', 'svc/upper', '-e', 'resp/f', '-f', '/nonexistent/file', '-W', '20']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Unable to open file "/nonexistent/file"');
  });

  describe('mqtk rr --respond', () => {
    let service: ReturnType<typeof startCommand>;
    beforeAll(async () => {
      const id = `mqtk-respond-${process.pid}`;
      const before = broker.log().length;
      // -i goes before '--': what follows is the command's own argv.
      service = startCommand(MQTK, ['rr', ...conn(), '-i', id, '--respond', '-t', 'shell/+', '-q', '1', '--', 'sh', '-c', 'printf "%s:" "$MQTK_REQUEST_TOPIC"; tr a-z A-Z']);
      await waitFor(() => broker.log().slice(before).includes(`Sending SUBACK to ${id}`), 20_000, 'the responder to subscribe');
    });
    afterAll(async () => {
      service.child.kill('SIGTERM');
      const end = await service.done;
      expect(end.status).toBe(0);
      expect(end.stderr).toBe('');
    });

    it('answers mosquitto_rr and mqtk rr with the command output', async () => {
      const theirs = await runCommand('mosquitto_rr', [...conn(), '-t', 'shell/a', '-e', 'resp/sh1', '-m', 'ping', '-W', '20']);
      expect(theirs.stdout.toString()).toBe('shell/a:PING\n');
      const ours = await mqtk(['rr', ...conn(), '-t', 'shell/b', '-e', 'resp/sh2', '-m', 'pong', '-W', '20', '-q', '1']);
      expect(ours.stdout.toString()).toBe('shell/b:PONG\n');
    });

    it('collects replies of several responders with --count', async () => {
      await responder('shell/c', (p) => `mqttjs:${p}`);
      const got = await mqtk(['rr', ...conn(), '-t', 'shell/c', '-e', 'resp/many', '-m', 'q', '--count', '2', '-W', '20']);
      expect(got.status).toBe(0);
      expect(got.stdout.toString().split('\n').sort()).toEqual(['', 'mqttjs:q', 'shell/c:Q']);
    });
  });
});
