import { ConfigError } from '../../shared/errors';
import { createNotifier, deliverAll, type Channel } from '../../shared/notify/notifier';
import { createTeamsWebhook } from '../../shared/notify/teams-webhook';
import { FakeTeamsWebhook } from '../fakes/teams-webhook';
import { testContext } from '../helpers/context';
import { alertMessage } from './message-fixtures';

describe('notifier', () => {
  const good = new FakeTeamsWebhook();
  const bad = new FakeTeamsWebhook();
  let goodUrl = '';
  let badUrl = '';
  beforeAll(async () => {
    ({ url: goodUrl } = await good.start());
    ({ url: badUrl } = await bad.start());
  });
  afterAll(() => Promise.all([good.stop(), bad.stop()]));

  it('a failing channel never blocks the others, and failures are logged by channel id only', async () => {
    bad.failNext(500, 100);
    const notifier = createNotifier({
      teams: createTeamsWebhook({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2, maxTotalDelayMs: 10 } }),
    });
    const channels: Channel[] = [
      { kind: 'teams', id: 'teams:BROKEN', url: badUrl },
      { kind: 'teams', id: 'teams:OK', url: goodUrl },
      { kind: 'email', id: 'email:ops@example.com', to: ['ops@example.com'] },
    ];
    const { context, text } = testContext();
    const results = await deliverAll(channels, (c) => notifier.sendAlert(c, alertMessage()), context);
    expect(results.map((r) => [r.channelId, r.ok])).toEqual([
      ['teams:BROKEN', false],
      ['teams:OK', true],
      ['email:ops@example.com', false],
    ]);
    expect(results[2]!.error).toMatch(/EMAIL_PROVIDER/);
    expect(good.accepted()).toHaveLength(1);
    expect(bad.posts).toHaveLength(2);
    expect(text()).toContain('notify: channel teams:BROKEN failed');
    expect(text()).not.toContain('SeCrEtSiGnAtUrE123');
  });

  it('refuses a Teams channel without a webhook client', async () => {
    await expect(
      createNotifier({}).sendAlert({ kind: 'teams', id: 't', url: goodUrl }, alertMessage()),
    ).rejects.toThrow(ConfigError);
  });
});
