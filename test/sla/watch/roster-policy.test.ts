// The SLA watch's default policy source: the configured roster's `watch:` blocks (here the bundled sample).
import { SlaWatchHarness } from './sla-watch-harness';

describe('SLA watch policy from the roster', () => {
  const h = new SlaWatchHarness();
  beforeAll(() => h.start());
  afterAll(() => h.stop());

  type Item = { number: string; clock: string; state: string };
  const items = async (extra: Parameters<SlaWatchHarness['overrides']>[0]) => {
    const services = h.services(extra);
    try {
      return (await services.status()).items as Item[];
    } finally {
      await services.close();
    }
  };

  it("uses roster.sample.yaml's Sev-A first-response target (15 min) when no override is given", async () => {
    const ticket = h.seedSevA('Mobile banking is down');
    h.at(20);
    const fromRoster = await items({ planOverrides: undefined });
    const firstResponse = fromRoster.find((i) => i.number === ticket.number && i.clock === 'firstResponse');
    expect(firstResponse?.state).toBe('breached');
    expect(h.logs.text()).toMatch(/policy for 3 SLA plan\(s\) from roster roster\.sample\.yaml/);

    // Without the roster's plans, Sev-A has no first-response clock at all.
    const withoutRoster = await items({ planOverrides: {} });
    expect(withoutRoster.some((i) => i.number === ticket.number && i.clock === 'firstResponse')).toBe(false);
  });

  it('falls back to SLA_POLICY and defaults with a warning when the roster cannot be read', async () => {
    const ticket = h.seedSevA('Payments API errors');
    h.env = { ...h.env, ROSTER_SOURCE: 'https://127.0.0.1:1/nope/roster.yaml' };
    const result = await items({ planOverrides: undefined });
    expect(result.some((i) => i.number === ticket.number && i.clock === 'firstResponse')).toBe(false);
    expect(h.logs.text()).toMatch(/roster policy unavailable/);
  });
});
