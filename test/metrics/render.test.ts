// Markdown in the tutorial's layout, the standalone HTML page (well-formed, one bar per metric per window,
// everything escaped), and format negotiation on the compare endpoint.
import { XMLValidator } from 'fast-xml-parser';
import { makeMetricsCompareHandler } from '../../functions/metrics-compare-http';
import { makeMetricsWindowHandler } from '../../functions/metrics-http';
import { absoluteChange, percentChange } from '../../shared/metrics/comparison';
import { escapeHtml } from '../../shared/http/html-escape';
import { HTML_CSP, comparisonHtml } from '../../shared/metrics/render-html';
import { comparisonMarkdown, escapeMarkdown } from '../../shared/metrics/render-markdown';
import { startFakeLogAnalytics, type FakeLogAnalytics } from '../fakes/log-analytics-server';
import { testContext } from '../helpers/context';
import { EVIL, HARDENING_AT, baseDataset, fakeRuntime, get, sampleReport } from './fixtures';

describe('percentage change', () => {
  it.each([
    [100, 50, -50],
    [3, 4, 33.3],
    [0, 0, 'n/a'],
    [0, 7, 'n/a'],
    [7, 0, -100],
    [undefined, 5, 'n/a'],
    [5, undefined, 'n/a'],
  ])('%s -> %s is %s', (before, after, expected) => {
    expect(percentChange(before, after)).toBe(expected);
  });

  it('never yields Infinity or NaN', () => {
    for (const [b, a] of [
      [0, 1],
      [0, 0],
      [Number.MAX_SAFE_INTEGER, 0],
    ] as const) {
      const pct = percentChange(b, a);
      expect(pct === 'n/a' || Number.isFinite(pct)).toBe(true);
    }
    expect(absoluteChange(undefined, 3)).toBe('n/a');
    expect(absoluteChange(3, 10)).toBe(7);
  });
});

describe('markdown', () => {
  it("matches the tutorial's layout", () => {
    const lines = comparisonMarkdown(sampleReport()).split('\n');

    const before = lines.indexOf('## Metrics Before Hardening / Security Controls');
    const after = lines.indexOf('## Metrics After Hardening / Security Controls');
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(before);
    expect(lines.slice(before + 2, before + 4)).toEqual(['Start Time 2023-03-17 15:37', 'Stop Time 2023-03-18 15:37']);
    expect(lines.slice(after + 2, after + 4)).toEqual(['Start Time 2023-03-18 15:37', 'Stop Time 2023-03-19 15:37']);
    expect(lines.slice(after + 5, after + 9)).toEqual([
      '| Metric                     | Count  |',
      '| -------------------------- | ------ |',
      '| SecurityEvent              | 8778   |',
      '| Syslog                     | 25     |',
    ]);
    const change = lines.indexOf('## Change');
    expect(lines[change + 2]).toMatch(/^\| Metric\s+\| Before\s+\| After\s+\| Change\s+\|$/);
    const row = (label: string) => lines.slice(change).find((l) => l.startsWith(`| ${label} `));
    expect(row('SecurityEvent')).toMatch(/^\| SecurityEvent\s+\| 19470\s+\| 8778\s+\| -10692 \(-54\.9%\)\s+\|$/);
    expect(row('SecurityIncident')).toMatch(/\| 0\s+\| 0\s+\| 0 \(n\/a\)\s+\|$/);
    expect(row('Malicious flows denied in')).toMatch(/\| not available\s+\| failed\s+\| n\/a\s+\|$/);
    expect(lines).toContain('- Malicious flows allowed in (before and after): counted from AzureNetworkAnalytics\\_CL');
  });

  it('escapes user text so it cannot break the table or inject HTML', () => {
    const md = comparisonMarkdown(sampleReport(`${EVIL}\nsecond line`));

    expect(md).not.toContain('<script>');
    expect(md).toContain('&lt;script&gt;');
    expect(md).toContain('\\| pipe');
    expect(md.split('\n').some((l) => l.startsWith('second line'))).toBe(false);
    expect(escapeMarkdown('a|b')).toBe('a\\|b');
  });
});

const bars = (html: string) => html.match(/<rect class="bar [^"]*"[^>]*>/g) ?? [];

describe('html', () => {
  it('is a well-formed standalone page without scripts or external resources', () => {
    const html = comparisonHtml(sampleReport(), 'linear');

    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(XMLValidator.validate(html.replace(/^<!DOCTYPE html>\n/, ''))).toBe(true);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|src=|href=|url\(|@import|\son\w+=/i);
    expect(html).toContain(`content="${escapeHtml(HTML_CSP)}"`);
    expect(html).toContain('<table>');
  });

  it('draws one bar per metric per window', () => {
    const html = comparisonHtml(sampleReport(), 'linear');

    const found = bars(html);
    expect(found).toHaveLength(12);
    for (const id of sampleReport().metrics.map((m) => m.id)) {
      for (const w of ['before', 'after']) {
        expect(found.filter((b) => b.includes(`data-metric="${id}"`) && b.includes(`data-window="${w}"`))).toHaveLength(
          1,
        );
      }
    }
    const height = (id: string, w: string) =>
      Number(/height="([\d.]+)"/.exec(found.find((b) => b.includes(`"${id}"`) && b.includes(`"${w}"`))!)![1]);
    expect(height('securityEvent', 'before')).toBeGreaterThan(height('securityEvent', 'after'));
    expect(height('securityAlert', 'after')).toBe(0);
    expect(found.find((b) => b.includes('"maliciousFlowsDeniedIn"') && b.includes('"before"'))).toContain('missing');
  });

  it('has a log scale that keeps small counts visible', () => {
    const linear = bars(comparisonHtml(sampleReport(), 'linear'));
    const log = bars(comparisonHtml(sampleReport(), 'log'));
    const h = (list: string[], id: string) =>
      Number(/height="([\d.]+)"/.exec(list.find((b) => b.includes(`"${id}"`) && b.includes('"after"'))!)![1]);

    expect(h(log, 'syslog')).toBeGreaterThan(h(linear, 'syslog') * 5);
    expect(comparisonHtml(sampleReport(), 'log')).toContain('data-scale="log"');
  });

  it('escapes injected text everywhere', () => {
    const html = comparisonHtml(sampleReport(EVIL), 'linear');

    expect(html).not.toContain('<script>');
    expect(html).not.toContain('"quotes"');
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot; &#39;single&#39;',
    );
    expect(XMLValidator.validate(html.replace(/^<!DOCTYPE html>\n/, ''))).toBe(true);
  });
});

describe('format negotiation', () => {
  let fake: FakeLogAnalytics;
  beforeAll(async () => {
    fake = await startFakeLogAnalytics({ tables: baseDataset() });
  });
  afterAll(async () => {
    await fake.close();
  });

  const compare = (query: string, headers: Record<string, string> = {}) =>
    makeMetricsCompareHandler(fakeRuntime(fake))(get(`/api/metrics/compare?${query}`, headers), testContext().context);

  it.each([
    [{}, '', 'application/json'],
    [{ accept: 'text/markdown' }, '', 'text/markdown'],
    [{ accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }, '', 'text/html'],
    [{ accept: 'text/html' }, '&format=json', 'application/json'],
    [{}, '&format=md', 'text/markdown'],
    [{}, '&format=html&scale=log', 'text/html'],
  ])('Accept %j with "%s" gives %s', async (headers, extra, type) => {
    const res = await compare(`hardeningAt=${HARDENING_AT}${extra}`, headers as Record<string, string>);

    expect(res.status).toBe(200);
    expect((res.headers as Record<string, string>)['content-type']).toContain(type);
    if (type === 'text/html') {
      expect((res.headers as Record<string, string>)['content-security-policy']).toBe(HTML_CSP);
      expect(bars(res.body as string)).toHaveLength(12);
    }
    if (type === 'text/markdown')
      expect(res.body as string).toMatch(/\n\| SecurityEvent\s+\| 30\s+\| 13\s+\| -17 \(-56\.7%\)\s+\|\n/);
  });

  it('renders a single window as Markdown with Start Time / Stop Time', async () => {
    const res = await makeMetricsWindowHandler(fakeRuntime(fake))(
      get('/api/metrics?start=2026-03-17T15:37:00Z&end=2026-03-18T15:37:00Z&format=markdown'),
      testContext().context,
    );

    const md = res.body as string;
    expect(md).toContain('Start Time 2026-03-17 15:37\nStop Time 2026-03-18 15:37');
    expect(md).toMatch(/\| SecurityEvent\s+\| 30\s+\|/);
  });
});
