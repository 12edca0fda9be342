import type { Manual } from '../../options/man-page.js';

export const manual: Manual = {
  description: [
    'Without -c or -p the broker listens on 127.0.0.1:1883 only and allows anonymous clients, as mosquitto 2 does without a configuration. Once every listener is open it prints one line on stderr: "mqtk serve VERSION ready on mqtt://127.0.0.1:PORT ...".',
    'SIGINT and SIGTERM disconnect the clients (MQTT 5: reason 0x8B, Server shutting down), do not send their wills, and keep their sessions (saved with --persist).',
    'A mosquitto.conf line mqtk does not understand stops the broker with an error naming it: security settings fail closed, never open.',
  ],
  sections: [{
    title: 'Output formats',
    blocks: [
      '-v logs like mosquitto -v, on stderr:',
      { literal: ['New client connected from 127.0.0.1:50412 as sensor-1 (p2, c1, k60).', "Received PUBLISH from sensor-1 (d0, q1, r0, m1, 'demo/t1', ... (4 bytes))", 'Sending PUBACK to sensor-1 (m1, rc0)'] },
      '--log json writes the same events as JSON lines; --trace prints every packet with the annotated hex dump of the client commands\' --trace.',
    ],
  }],
  exitStatus: [
    ['0', 'stopped by SIGINT or SIGTERM'],
    ['1', 'a command-line or configuration error, or a port that cannot be bound ("Error: cannot listen on ADDR:PORT: address already in use")'],
    ['70', 'an internal error: a bug in mqtk (please report it)'],
  ],
  environment: [
    ['NO_COLOR', 'when set and not empty, no colour in --trace output'],
    ['MQTK_DEBUG', 'when set, an internal error also prints its stack trace'],
  ],
  files: [
    ['mosquitto.conf', 'read with -c: listeners, allow_anonymous, password_file, acl_file, TLS, persistence, limits and bridges (the subset in README.md)'],
    ['DIR/mqtk.db', 'with --persist DIR: retained messages and persistent sessions'],
  ],
  seeAlso: ['mosquitto(8)', 'mosquitto.conf(5)', 'mqtk-passwd(1)'],
};
