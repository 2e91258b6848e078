// POST /api/roster/plan|apply and GET /api/roster/runs, called directly with HttpRequest objects, over the
// fake osTicket and Azurite: YAML and JSON bodies, invalid rosters, formats, run records.
import { HttpRequest, type HttpHandler, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import { httpHandler } from '../../shared/http/handler';
import { rosterRunHttp, rosterRunsHttp } from '../../shared/roster/roster-http';
import type { RunReport } from '../../shared/roster/roster-service';
import type { FakeOsTicketServer } from '../fakes/osticket-server';
import { testContext } from '../helpers/context';
import { sampleRosterText, startEmptyFake } from './roster-fixtures';
import { fakeTargetEnv, serviceFor, type ServiceFixture } from './roster-service-fixtures';

let fake: FakeOsTicketServer;
let fx: ServiceFixture;
const init = (h: HttpHandler) => async (req: HttpRequest, ctx: InvocationContext) =>
  (await h(req, ctx)) as HttpResponseInit;
const plan = () => init(httpHandler(rosterRunHttp('plan', () => fx.service)));
const apply = () => init(httpHandler(rosterRunHttp('apply', () => fx.service)));
const runs = () => init(httpHandler(rosterRunsHttp(() => fx.service)));

function post(path: string, body?: string, headers: Record<string, string> = {}, query: Record<string, string> = {}) {
  return new HttpRequest({
    method: 'POST',
    url: `http://127.0.0.1/api/${path}`,
    headers,
    query,
    ...(body !== undefined ? { body: { string: body } } : {}),
  });
}

beforeEach(async () => {
  fake = await startEmptyFake();
  fx = serviceFor(fakeTargetEnv(fake));
});
afterEach(async () => {
  await fake.stop();
});

describe('POST /api/roster/plan and /api/roster/apply', () => {
  it('plans a YAML body (application/yaml) without writing anything', async () => {
    const { context } = testContext('roster-plan');
    const res = await plan()(post('roster/plan', sampleRosterText, { 'content-type': 'application/yaml' }), context);
    expect(res.status).toBe(200);
    const report = res.jsonBody as RunReport;
    expect(report).toMatchObject({ mode: 'plan', rosterSource: 'request body', ok: true, unresolved: [] });
    expect(report.targets).toHaveLength(1);
    expect(report.targets[0]!.target).toBe('helpdesk');
    expect(report.targets[0]!.plan!.counts.create).toBe(17);
    expect(fake.requestCount((r) => r.method !== 'GET')).toBe(0);
  });

  it('applies a JSON body (application/json), then the empty-body default (configured roster) plans nothing', async () => {
    const json = JSON.stringify({
      roles: [{ name: 'Helpers', permissions: ['ticket.reply'] }],
      departments: [{ name: 'Desk' }],
      users: [{ name: 'Karen', email: 'karen@example.com' }],
    });
    const { context } = testContext('roster-apply');
    const res = await apply()(post('roster/apply', json, { 'content-type': 'application/json' }), context);
    expect(res.status).toBe(200);
    const report = res.jsonBody as RunReport;
    expect(report.targets[0]!.result!.counts).toEqual({ applied: 3, failed: 0, skipped: 0, unchanged: 0 });
    expect([...fake.state.roles.values()].map((r) => r.name)).toEqual(['Helpers']);

    const full = await apply()(post('roster/apply'), testContext().context);
    expect((full.jsonBody as RunReport).rosterSource).toBe('roster.sample.yaml');
    const again = await plan()(post('roster/plan', '', {}, { format: 'text' }), testContext().context);
    expect(again.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8' });
    expect(again.body as string).toContain('Roster plan for helpdesk: no changes');
    // the roster's own role is unchanged; the JSON body's role stays, unmanaged
    expect(again.body as string).toMatch(/UNMANAGED\s+role\s+Helpers/);
  });

  it('rejects an invalid roster with 400 listing every problem, and applies nothing', async () => {
    const bad = [
      'agents:',
      '  - { username: jane, firstName: J, lastName: D, email: nope, department: Nowhere, role: Admin }',
      'teams:',
      '  - { name: Level I Support, members: [jon] }',
    ].join('\n');
    const res = await apply()(post('roster/apply', bad, { 'content-type': 'text/yaml' }), testContext().context);
    expect(res.status).toBe(400);
    const body = res.jsonBody as { error: { code: string; fields: { field: string; message: string }[] } };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.fields).toEqual(
      expect.arrayContaining([
        { field: 'agents[0].email', message: 'invalid e-mail' },
        { field: 'agents[0].department', message: 'unknown department "Nowhere"' },
        { field: 'agents[0].role', message: 'unknown role "Admin"' },
        { field: 'teams[0].members', message: 'unknown agent "jon"' },
      ]),
    );
    expect(fake.requestCount()).toBe(0);
  });

  it('rejects a JSON content type whose body is not JSON, and an unknown format', async () => {
    const res = await plan()(
      post('roster/plan', 'roles: []', { 'content-type': 'application/json' }),
      testContext().context,
    );
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.jsonBody)).toMatch(/not valid JSON/);
    const fmt = await plan()(post('roster/plan', '', {}, { format: 'pdf' }), testContext().context);
    expect(fmt.status).toBe(400);
    expect(JSON.stringify(fmt.jsonBody)).toMatch(/format/);
  });

  it('renders markdown on request and reports an unreachable osTicket per target without failing the call', async () => {
    const md = await plan()(post('roster/plan', '', {}, { format: 'markdown' }), testContext().context);
    expect(md.body as string).toContain('| create | role | Supreme Admin |');
    await fake.stop();
    const res = await plan()(post('roster/plan'), testContext().context);
    expect(res.status).toBe(200);
    const report = res.jsonBody as RunReport;
    expect(report.ok).toBe(false);
    expect(report.targets[0]).toMatchObject({ target: 'helpdesk', ok: false, error: expect.any(String) });
    expect(JSON.stringify(report)).not.toContain(fake.opsKey);
  });

  it('names an unknown target with 404', async () => {
    const res = await plan()(post('roster/plan', '', {}, { target: 'nope' }), testContext().context);
    expect(res.status).toBe(404);
  });
});

describe('roster runs', () => {
  it('records every run with trigger, counts and per-item results, and lists the last N newest first', async () => {
    fake.failNext(
      (r) => r.method === 'POST' && r.route === 'ops/agents' && (r.body as { username?: string })?.username === 'jane',
      422,
      {
        error: { code: 'validation_failed', message: 'Agent invalid', fields: [{ field: 'email', message: 'in use' }] },
      },
    );
    const { context } = testContext('roster-apply');
    await plan()(post('roster/plan'), testContext().context);
    const applied = (await apply()(post('roster/apply'), context)).jsonBody as RunReport;
    expect(applied.ok).toBe(false);
    const runId = applied.targets[0]!.runId!;

    const list = await runs()(
      new HttpRequest({ method: 'GET', url: 'http://127.0.0.1/api/roster/runs', query: { limit: '1' } }),
      testContext().context,
    );
    const summaries = (list.jsonBody as { runs: { runId: string }[] }).runs;
    expect(summaries.map((s) => s.runId)).toEqual([runId]);
    expect(summaries[0]).toMatchObject({
      mode: 'apply',
      target: 'helpdesk',
      trigger: { source: 'http', ref: context.invocationId },
      status: 'problems',
      resultCounts: { failed: 1, skipped: 1 },
      problems: [
        expect.objectContaining({ kind: 'agent', name: 'jane', status: 'failed' }),
        expect.objectContaining({
          kind: 'team',
          name: 'Level II Support',
          status: 'skipped',
          reason: expect.stringMatching(/member "jane"/),
        }),
      ],
    });
    const two = await runs()(
      new HttpRequest({ method: 'GET', url: 'http://127.0.0.1/api/roster/runs', query: { limit: '2' } }),
      testContext().context,
    );
    expect((two.jsonBody as { runs: { mode: string }[] }).runs.map((r) => r.mode)).toEqual(['apply', 'plan']);

    const one = await runs()(
      new HttpRequest({ method: 'GET', url: `http://127.0.0.1/api/roster/runs/${runId}`, params: { runId } }),
      testContext().context,
    );
    const detail = one.jsonBody as { items: { kind: string; status: string }[] };
    expect(detail.items.filter((i) => i.status === 'applied')).toHaveLength(17);
    const missing = await runs()(
      new HttpRequest({ method: 'GET', url: 'http://127.0.0.1/api/roster/runs/abc', params: { runId: 'abc' } }),
      testContext().context,
    );
    expect(missing.status).toBe(404);
  });
});
