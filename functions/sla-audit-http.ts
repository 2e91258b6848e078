// GET /api/sla/audit[?format=json|text|markdown][&target=NAME] (function key): per osTicket target, the open tickets
// whose stored due date differs from the correct one. A failing target is an error entry (200); bad query is 400,
// an unknown target 404, bad settings 503.
import { app, type HttpRequest, type InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { httpHandler } from '../shared/http/handler';
import { readQuery } from '../shared/http/request';
import { json, text } from '../shared/http/responses';
import type { AuditRuntimeOverrides } from '../shared/sla/schedule-audit';

const auditQuery = z.object({
  format: z.string().trim().optional(),
  target: z.string().trim().min(1).max(100).optional(),
});

export function makeSlaAuditHandler(overrides: () => AuditRuntimeOverrides = () => ({})) {
  return httpHandler(async (req: HttpRequest, context: InvocationContext) => {
    const query = readQuery(req, auditQuery);
    const { negotiateAuditFormat, renderAuditReport, AUDIT_CONTENT_TYPES } = await import('../shared/sla/audit-report');
    const format = negotiateAuditFormat(query.format, req.headers.get('accept'));
    const { auditAllTargets } = await import('../shared/sla/schedule-audit');
    const report = await auditAllTargets(context, { ...overrides(), target: query.target });
    if (format === 'json') return json(200, report, { 'cache-control': 'no-store', vary: 'Accept' });
    const res = text(200, renderAuditReport(report, format), AUDIT_CONTENT_TYPES[format]);
    return { ...res, headers: { ...res.headers, 'cache-control': 'no-store', vary: 'Accept' } };
  });
}

export const slaAuditHandler = makeSlaAuditHandler();

app.http('sla-audit', { route: 'sla/audit', methods: ['GET'], authLevel: 'function', handler: slaAuditHandler });
