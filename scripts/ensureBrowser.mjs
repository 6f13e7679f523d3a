// The e2e tests drive a real Chromium: Debian's (/usr/bin/chromium), or CAIRN_CHROMIUM.
// Where neither exists (a developer's machine with internet), fetch Playwright's Chromium.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const wanted = process.env.CAIRN_CHROMIUM;
if (wanted) {
  if (!existsSync(wanted)) throw new Error(`CAIRN_CHROMIUM points to ${wanted}, which does not exist`);
} else if (!existsSync('/usr/bin/chromium')) {
  console.log('No /usr/bin/chromium: installing Playwright\'s Chromium for the e2e tests');
  execFileSync('npx', ['playwright-core', 'install', 'chromium'], { stdio: 'inherit' });
}
