import { describe, expect, it } from 'vitest';
import { formatManPage } from '../../../src/options/man-page.js';
import { ctrlCommand } from '../../../src/commands/ctrl/command.js';
import { DYNSEC_VERBS } from '../../../src/commands/ctrl/dynsec.js';

describe('ctrl man page', () => {
  it('documents every dynsec command in man/mqtk-ctrl.1', async () => {
    const page = formatManPage(ctrlCommand, '0', (await import('../../../src/commands/ctrl/manual.js')).manual);
    for (const v of DYNSEC_VERBS) expect(page).toContain(`\\fB${v.name}`);
    expect(page).toContain('.SH EXAMPLES');
  });
});
