// Runs infra/osticket/test/run.sh (php -l on every PHP file under infra/, then the pure-PHP tests) when php is
// installed; otherwise the test is skipped with a message saying how to enable it.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { hasPhp } from '../helpers/php';

const php = hasPhp();
if (!php)
  console.warn('php is not on PATH: skipping infra/osticket/test/run.sh (apt-get install -y php-cli to run it)');

(php ? it : it.skip)('lints the plugin and passes the pure-PHP tests', () => {
  const script = join(__dirname, '..', '..', 'infra', 'osticket', 'test', 'run.sh');
  const res = spawnSync('sh', [script], { encoding: 'utf8', timeout: 60_000 });
  const output = `${res.stdout}\n${res.stderr}`;
  expect({ status: res.status, output }).toMatchObject({ status: 0 });
  expect(output).toMatch(/php -l: \d+ files OK/);
  expect(output).toMatch(/support-test\.php: \d+ checks, 0 failed/);
  expect(output).toMatch(/install-test\.php: \d+ checks, 0 failed/);
  expect(output).toMatch(/install-flow-test\.php: \d+ checks, 0 failed/);
  expect(output).toMatch(/router-test\.php: \d+ checks, 0 failed/);
  expect(output).toMatch(/writes-test\.php: \d+ checks, 0 failed/);
});
