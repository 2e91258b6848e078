// Maps a metrics result to the negotiated representation: JSON, Markdown or the standalone HTML page.
import type { HttpResponseInit } from '@azure/functions';
import { json, text } from '../http/responses';
import type { ComparisonReport } from './comparison';
import type { ChartScale, OutputFormat } from './metrics-request';
import { HTML_CSP, comparisonHtml, windowHtml } from './render-html';
import { comparisonMarkdown, windowMarkdown } from './render-markdown';
import type { WindowCounts } from './window-counts';

const NO_STORE = { 'cache-control': 'no-store', vary: 'Accept' };

function respond(format: OutputFormat, body: unknown, markdown: () => string, html: () => string): HttpResponseInit {
  if (format === 'markdown') {
    const res = text(200, markdown(), 'text/markdown; charset=utf-8');
    return { ...res, headers: { ...(res.headers as Record<string, string>), ...NO_STORE } };
  }
  if (format === 'html') {
    const res = text(200, html(), 'text/html; charset=utf-8');
    return {
      ...res,
      headers: {
        ...(res.headers as Record<string, string>),
        ...NO_STORE,
        'content-security-policy': HTML_CSP,
        'x-content-type-options': 'nosniff',
      },
    };
  }
  return json(200, body, NO_STORE);
}

export function comparisonResponse(
  report: ComparisonReport,
  format: OutputFormat,
  scale: ChartScale,
): HttpResponseInit {
  return respond(
    format,
    report,
    () => comparisonMarkdown(report),
    () => comparisonHtml(report, scale),
  );
}

export function windowResponse(counts: WindowCounts, format: OutputFormat, scale: ChartScale): HttpResponseInit {
  return respond(
    format,
    counts,
    () => windowMarkdown(counts),
    () => windowHtml(counts, scale),
  );
}
