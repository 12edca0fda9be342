// Writes man/ and completions/ from the option tables. Run: npm run docs
// (test/options/docs.test.ts fails when the committed files differ from what this writes).
import { readFileSync, writeFileSync } from 'node:fs';
import { commands } from '../src/cli.js';
import { renderDocs } from '../src/options/docs.js';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };
for (const [path, text] of Object.entries(await renderDocs(commands, version))) writeFileSync(path, text);
