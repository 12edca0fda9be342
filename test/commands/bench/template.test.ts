import { describe, expect, it } from 'vitest';
import { compileTemplate, templateFilter } from '../../../src/commands/bench/template.js';
import { UsageError } from '../../../src/errors.js';

describe('client id and topic templates', () => {
  const ctx = { index: 12, clientId: 'bench-12', worker: 3 };

  it('expands %i, %c, %w and %%', () => {
    expect(compileTemplate('t/%w/%i/%c/100%%', 'topic')(ctx)).toBe('t/3/12/bench-12/100%');
  });

  it('expands %rand_N to 1..N', () => {
    const t = compileTemplate('r/%rand_3', 'topic');
    const seen = new Set(Array.from({ length: 200 }, () => t(ctx)));
    expect([...seen].sort()).toEqual(['r/1', 'r/2', 'r/3']);
  });

  it('refuses an unknown placeholder and %rand_0', () => {
    expect(() => compileTemplate('a/%x', 'topic')).toThrow(UsageError);
    expect(() => compileTemplate('a/%', 'topic')).toThrow(UsageError);
    expect(() => compileTemplate('a/%rand_0', 'topic')).toThrow(UsageError);
  });

  it('derives the filter that matches every topic of a template', () => {
    expect(templateFilter('mqtk-bench/%i')).toBe('mqtk-bench/+');
    expect(templateFilter('a/x%wy/b/%rand_5')).toBe('a/+/b/+');
    expect(templateFilter('plain/topic')).toBe('plain/topic');
  });
});
