import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { readInput } from '../../src/term/prompt.js';

describe('readInput', () => {
  it('reads to the end of the input', async () => {
    const r = await readInput(Readable.from([Buffer.from('pw\n'), Buffer.from('pw\n')]), 100);
    expect(r).toEqual({ data: Buffer.from('pw\npw\n'), overflow: false });
  });

  it('stops at the limit without waiting for the end', async () => {
    const input = new PassThrough();
    const pending = readInput(input, 4);
    input.write('abcdef');
    // Never ended: readInput must not wait for it.
    expect(await pending).toEqual({ data: Buffer.from('abcd'), overflow: true });
  });

  it('resolves with nothing for empty input', async () => {
    expect(await readInput(Readable.from([]), 10)).toEqual({ data: Buffer.alloc(0), overflow: false });
  });
});
