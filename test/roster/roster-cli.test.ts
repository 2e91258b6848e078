// The CLI: `osticket-ops roster plan|apply|validate` through the dispatcher, against the fake osTicket.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../shared/cli/main';
import type { FakeOsTicketServer } from '../fakes/osticket-server';
import { sampleRosterText, startEmptyFake } from './roster-fixtures';

function io(env: Record<string, string | undefined>) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env }, out, err };
}

let fake: FakeOsTicketServer;
let dir: string;
let file: string;
let env: Record<string, string>;
beforeEach(async () => {
  fake = await startEmptyFake();
  dir = mkdtempSync(join(tmpdir(), 'roster-cli-'));
  file = join(dir, 'roster.yaml');
  writeFileSync(file, sampleRosterText);
  env = { OSTICKET_URL: fake.url, OSTICKET_OPS_KEY: fake.opsKey, OSTICKET_TARGET_NAME: 'cli-desk' };
});
afterEach(async () => {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('plans, dry-runs, applies and then plans nothing', async () => {
  const plan = io(env);
  expect(await main(['roster', 'plan', '--file', file], plan.io)).toBe(0);
  expect(plan.out.join('')).toContain('Roster plan for cli-desk: 18 changes');

  const dry = io(env);
  expect(await main(['roster', 'apply', '--file', file, '--dry-run'], dry.io)).toBe(0);
  expect(dry.out.join('')).toContain('Roster plan for cli-desk');
  expect(fake.requestCount((r) => r.method !== 'GET')).toBe(0);

  const apply = io(env);
  expect(await main(['roster', 'apply', '-f', file, '--format', 'json'], apply.io)).toBe(0);
  const report = JSON.parse(apply.out.join('')) as { targets: { result: { counts: { applied: number } } }[] };
  expect(report.targets[0]!.result.counts.applied).toBe(18);
  expect(apply.out.join('')).not.toContain(fake.opsKey);

  const again = io(env);
  expect(await main(['roster', 'plan', '--file', file, '--format', 'markdown'], again.io)).toBe(0);
  expect(again.out.join('')).toContain('_Nothing to change._');
});

it('keeps stdout to the report with --verbose: progress logs go to stderr, JSON stays parseable', async () => {
  const run = io(env);
  expect(await main(['roster', 'plan', '--file', file, '--format', 'json', '--verbose'], run.io)).toBe(0);
  const report = JSON.parse(run.out.join('')) as { targets: { plan: { counts: { create: number } } }[] };
  expect(report.targets[0]!.plan.counts.create).toBe(17);
  expect(run.err.join('')).toMatch(/osTicket GET ops\/agents -> 200/);
  expect(run.err.join('')).toContain('roster plan on cli-desk (cli)');
  expect(run.err.join('') + run.out.join('')).not.toContain(fake.opsKey);
});

it('validates a file offline, and reports an invalid roster by path with exit code 2', async () => {
  const ok = io({});
  expect(await main(['roster', 'validate', '--file', file], ok.io)).toBe(0);
  expect(ok.out.join('')).toMatch(
    /valid \(1 roles, 2 schedules, 3 SLA plans, 1 departments, 2 agents, 2 teams, 4 help topics, 2 users\)/,
  );
  const bad = join(dir, 'bad.json');
  writeFileSync(bad, JSON.stringify({ slaPlans: [{ name: 'Sev-A', graceHours: 9999 }] }));
  const res = io({});
  expect(await main(['roster', 'plan', '--file', bad], res.io)).toBe(2);
  expect(res.err.join('')).toContain('slaPlans[0].graceHours: must be from 1 to 8760');
});

it('exits 1 when an item fails, and explains missing settings and bad usage', async () => {
  fake.failNext({ method: 'POST', route: 'ops/departments' }, 422, {
    error: { code: 'validation_failed', message: 'Department invalid', fields: [{ field: 'name', message: 'taken' }] },
  });
  const partial = io(env);
  expect(await main(['roster', 'apply', '--file', file], partial.io)).toBe(1);
  expect(partial.out.join('')).toMatch(/FAILED\s+create\s+department\s+System Administrators\s+422 .*name: taken/);
  expect(partial.out.join('')).toMatch(/SKIPPED\s+create\s+agent\s+jane\s+needs department "System Administrators"/);

  const noUrl = io({});
  expect(await main(['roster', 'plan', '--file', file], noUrl.io)).toBe(2);
  expect(noUrl.err.join('')).toContain('OSTICKET_URL');
  const usage = io({});
  expect(await main(['roster', 'deploy'], usage.io)).toBe(2);
  expect(usage.err.join('')).toContain('Usage: osticket-ops roster');
  const missing = io({});
  expect(await main(['roster', 'plan', '--file', join(dir, 'nope.yaml')], missing.io)).toBe(2);
  expect(missing.err.join('')).toMatch(/--file could not be read/);
  const top = io({});
  expect(await main(['nope'], top.io)).toBe(2);
  expect(top.err.join('')).toContain('Unknown command');
});

it('dispatches `sla audit` to the SLA audit command', async () => {
  const help = io({});
  const code = await main(['sla', 'audit', '--help'], help.io);
  expect(code).toBe(0);
  expect(help.out.join('') + help.err.join('')).toContain('osticket-ops sla audit');
});
