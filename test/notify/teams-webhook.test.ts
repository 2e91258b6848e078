import { RetriesExhaustedError } from '../../shared/notify/retry-policy';
import { buildAlertCard } from '../../shared/notify/adaptive-card';
import { createTeamsWebhook } from '../../shared/notify/teams-webhook';
import { FakeTeamsWebhook } from '../fakes/teams-webhook';
import { alertMessage } from './message-fixtures';

describe('Teams Workflows webhook', () => {
  const fake = new FakeTeamsWebhook();
  let url = '';
  const waits: number[] = [];
  const retry = { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50, maxTotalDelayMs: 200 };
  const sleep = (ms: number) => (waits.push(ms), Promise.resolve());

  beforeAll(async () => ({ url } = await fake.start()));
  afterAll(() => fake.stop());
  beforeEach(() => {
    fake.posts.length = 0;
    fake.clearFaults();
    waits.length = 0;
  });

  it('posts the card as an adaptive-card attachment and resolves on 202', async () => {
    const teams = createTeamsWebhook({ retry, sleep });
    const card = buildAlertCard(alertMessage());
    await expect(teams.post(url, card)).resolves.toEqual({ attempts: 1 });
    expect(fake.posts).toHaveLength(1);
    expect(fake.posts[0]!.headers['content-type']).toContain('application/json');
    expect(FakeTeamsWebhook.card(fake.posts[0]!)).toEqual(card);
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    fake.failNext(429, 1, '0.03');
    const teams = createTeamsWebhook({ retry, sleep });
    await expect(teams.post(url, buildAlertCard(alertMessage()))).resolves.toEqual({ attempts: 2 });
    expect(waits).toEqual([30]);
    expect(fake.accepted()).toHaveLength(1);
  });

  it('retries 5xx with jittered backoff', async () => {
    fake.failNext(502, 2);
    const teams = createTeamsWebhook({ retry, sleep, random: () => 0.5 });
    await expect(teams.post(url, buildAlertCard(alertMessage()))).resolves.toEqual({ attempts: 3 });
    expect(waits).toEqual([5, 10]);
  });

  it('gives up after bounded retries in a 429 storm, without leaking the webhook URL', async () => {
    fake.failNext(429, 100, '0');
    const teams = createTeamsWebhook({ retry, sleep });
    const err = await teams.post(url, buildAlertCard(alertMessage())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect(fake.posts).toHaveLength(3);
    expect(String((err as Error).message)).toContain('429');
    expect(String((err as Error).message)).not.toContain('SeCrEtSiGnAtUrE123');
  });

  it('does not retry a 400', async () => {
    fake.failNext(400, 1);
    const teams = createTeamsWebhook({ retry, sleep });
    await expect(teams.post(url, buildAlertCard(alertMessage()))).rejects.toThrow('Teams webhook answered 400');
    expect(fake.posts).toHaveLength(1);
  });

  it('retries a refused connection and reports it without the URL', async () => {
    const teams = createTeamsWebhook({ retry, sleep });
    const dead = 'http://127.0.0.1:1/workflows/x?sig=SeCrEtSiGnAtUrE123';
    const err = await teams.post(dead, buildAlertCard(alertMessage())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetriesExhaustedError);
    expect(waits).toHaveLength(2);
    expect(String((err as Error).message)).toContain('ECONNREFUSED');
    expect(String((err as Error).message)).not.toContain('SeCrEt');
  });
});
