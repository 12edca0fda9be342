// vitest globalSetup for the integration project: build dist/ once per run, so tests
// that run bin/mqtk exercise the bundle users get. Skipped when MQTK_SKIP_BUILD=1
// (e.g. when the caller just built).
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env.MQTK_SKIP_BUILD === '1') return;
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
