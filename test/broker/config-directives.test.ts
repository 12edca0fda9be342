import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCEPTED_VALUES, IGNORED_DIRECTIVES, UNSUPPORTED_DIRECTIVES, UNSUPPORTED_PREFIXES, refuseDirective } from '../../src/broker/config-directives.js';

const readme = readFileSync(join(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('mosquitto.conf directives mqtk does not implement', () => {
  it('the README lists every accepted and every refused one', () => {
    for (const d of IGNORED_DIRECTIVES) expect(readme, d).toContain(`\`${d}\``);
    for (const [d, v] of Object.entries(ACCEPTED_VALUES)) expect(readme, d).toContain(`\`${d} ${v}\``);
    for (const d of UNSUPPORTED_DIRECTIVES) expect(readme, d).toContain(`\`${d}\``);
    for (const p of UNSUPPORTED_PREFIXES) expect(readme, p).toContain(`\`${p}*\``);
  });

  it('no directive is both accepted and refused', () => {
    for (const d of IGNORED_DIRECTIVES) expect(UNSUPPORTED_DIRECTIVES.has(d), d).toBe(false);
    for (const d of Object.keys(ACCEPTED_VALUES)) expect(UNSUPPORTED_DIRECTIVES.has(d) || IGNORED_DIRECTIVES.has(d), d).toBe(false);
  });

  it('says why: unknown, unsupported, or unsupported with this value', () => {
    expect(refuseDirective('acl_fle', 'x')).toBe('Unknown configuration variable "acl_fle"');
    expect(refuseDirective('log_dest', 'stderr')).toBeUndefined();
    expect(refuseDirective('plugin_opt_foo', 'x')).toMatch(/^"plugin_opt_foo" is not supported/);
    expect(refuseDirective('check_retain_source', 'true')).toMatch(/^"check_retain_source true" is not supported by mqtk serve \(only "check_retain_source false"\)/);
  });
});
