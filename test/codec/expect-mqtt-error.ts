// Asserts that `fn` throws an MqttError with the given reason code and a message that
// cites the rule (spec id or section).
import { expect } from 'vitest';
import { MqttError } from '../../src/codec/index.js';

export function expectMqttError(fn: () => unknown, reasonCode: number, rule: string | RegExp): MqttError {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown, 'expected an MqttError to be thrown').toBeInstanceOf(MqttError);
  const err = thrown as MqttError;
  expect({ reasonCode: `0x${err.reasonCode.toString(16)}`, message: err.message }).toMatchObject({
    reasonCode: `0x${reasonCode.toString(16)}`,
  });
  if (typeof rule === 'string') expect(err.message).toContain(rule);
  else expect(err.message).toMatch(rule);
  return err;
}
