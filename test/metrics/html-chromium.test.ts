// Renders the compare page in headless Chromium (Debian's chromium, driven by playwright-core): screenshot, and
// the chart's bars present in the rendered DOM. Skipped, saying so, only when /usr/bin/chromium is missing.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { makeMetricsCompareHandler } from '../../functions/metrics-compare-http';
import { comparisonHtml } from '../../shared/metrics/render-html';
import { startFakeLogAnalytics, type FakeLogAnalytics } from '../fakes/log-analytics-server';
import { testContext } from '../helpers/context';
import { EVIL, HARDENING_AT, baseDataset, fakeRuntime, get, sampleReport } from './fixtures';

const CHROMIUM = '/usr/bin/chromium';
const installed = existsSync(CHROMIUM);
const SKIP_MESSAGE = `SKIPPED: ${CHROMIUM} is not installed (apt-get install -y chromium; .ci/run installs it)`;
if (!installed) console.warn(`html-chromium.test.ts ${SKIP_MESSAGE}`);

(installed ? describe : describe.skip)(
  `compare page in headless Chromium${installed ? '' : ` (${SKIP_MESSAGE})`}`,
  () => {
    let dir: string;
    let browser: BrowserContext;
    let fake: FakeLogAnalytics;
    const outbound: string[] = [];

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'metrics-chromium-'));
      fake = await startFakeLogAnalytics({ tables: baseDataset() });
      const { chromium } = await import('playwright-core');
      browser = await chromium.launchPersistentContext(join(dir, 'profile'), {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--no-first-run',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
        ],
      });
      // Nothing may leave the machine: only the page's own file is served.
      await browser.route('**/*', async (route) => {
        const url = route.request().url();
        if (url.startsWith('file:')) return route.continue();
        outbound.push(url);
        return route.abort();
      });
    }, 30_000);

    afterAll(async () => {
      await browser?.close();
      await fake?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('renders the chart with one visible bar per metric per window and takes a screenshot', async () => {
      const res = await makeMetricsCompareHandler(fakeRuntime(fake))(
        get(`/api/metrics/compare?hardeningAt=${HARDENING_AT}&format=html&scale=log`),
        testContext().context,
      );
      const file = join(dir, 'compare.html');
      await writeFile(file, res.body as string, 'utf8');
      const page = await browser.newPage();
      await page.setViewportSize({ width: 900, height: 900 });

      await page.goto(`file://${file}`);
      const shot = join(dir, 'compare.png');
      await page.screenshot({ path: shot, fullPage: true });

      const bars = await page.$$eval('svg.chart rect.bar', (rects) =>
        rects.map((r) => ({
          metric: r.getAttribute('data-metric'),
          window: r.getAttribute('data-window'),
          value: Number(r.getAttribute('data-value')),
          height: r.getBoundingClientRect().height,
          width: r.getBoundingClientRect().width,
        })),
      );
      expect(bars).toHaveLength(12);
      expect(new Set(bars.map((b) => `${b.metric}/${b.window}`)).size).toBe(12);
      for (const bar of bars) {
        expect(bar.width).toBeGreaterThan(0);
        if (bar.value > 0) expect(bar.height).toBeGreaterThan(1);
        else expect(bar.height).toBe(0);
      }
      expect(await page.locator('table tbody tr').count()).toBe(6);
      const png = await readFile(shot);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect((await stat(shot)).size).toBeGreaterThan(5000);
      expect(outbound).toEqual([]);
      await page.close();
    }, 30_000);

    it('shows injected text as text, with no script element', async () => {
      const file = join(dir, 'evil.html');
      await writeFile(file, comparisonHtml(sampleReport(EVIL), 'linear'), 'utf8');
      const page = await browser.newPage();

      await page.goto(`file://${file}`);

      expect(await page.locator('script').count()).toBe(0);
      expect(await page.locator('body').innerText()).toContain('<script>alert("x")</script>');
      expect(await page.locator('svg.chart rect.bar').count()).toBe(12);
      await page.close();
    }, 30_000);
  },
);
