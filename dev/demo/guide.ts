// The guide printed once the demo is up: what is running and ready-to-paste commands for each capability.
import type { Demo } from './demo';

export function guideLines(demo: Pick<Demo, 'url' | 'functionKey' | 'hardeningAt' | 'tickets'>): string[] {
  const at = demo.hardeningAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const compare = `$BASE/api/metrics/compare?hardeningAt=${at}&window=24h`;
  return [
    '',
    '  osTicket Ops demo: the app on fakes of osTicket, Teams, SMTP and Log Analytics (nothing leaves 127.0.0.1)',
    '',
    "  Tickets opened through osTicket's API (backdated):",
    ...demo.tickets.map((t) => `    #${t.number}  ${t.subject}`),
    '',
    '  In another terminal:',
    '',
    `    BASE=${demo.url}; KEY=${demo.functionKey}`,
    '',
    '    # 1. Health: osTicket, Teams, e-mail and Log Analytics are configured',
    '    curl -s $BASE/api/health',
    '    # 2. Roster: roster.sample.yaml was applied at start, so the plan has nothing to change',
    '    curl -s -X POST "$BASE/api/roster/plan?format=text" -H "x-functions-key: $KEY"',
    '    # 3. SLA status: the Sev-A outage is breached, the Sev-B ticket at risk',
    '    curl -s "$BASE/api/sla/status" -H "x-functions-key: $KEY"',
    '    # 4. Run the SLA watch now: Teams cards and e-mails appear in THIS terminal, with an Acknowledge link',
    '    curl -s -X POST "$BASE/admin/functions/sla-watch" -H "x-functions-key: $KEY" -d "{}"',
    '    #    open the Acknowledge link in a browser (or: curl -s -X POST --data "by=Jane" "<link>")',
    '    # 5. SLA audit: stored due dates against the correct ones',
    '    curl -s "$BASE/api/sla/audit?format=text" -H "x-functions-key: $KEY"',
    "    # 6. Security metrics before/after hardening, as the tutorial's Markdown table",
    `    curl -s "${compare}&format=markdown" -H "x-functions-key: $KEY"`,
    '    #    and as an HTML page with a chart (open in a browser):',
    `    ${compare.replace('$BASE', demo.url)}&format=html&scale=log&code=${demo.functionKey}`,
    '',
    '  Ctrl-C stops everything.',
    '',
  ];
}
