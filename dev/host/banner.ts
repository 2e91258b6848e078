// The startup listing: one line per function with how to reach it.
import type { Host } from './host';

export function bannerLines(host: Pick<Host, 'functions' | 'url'>, appName: string): string[] {
  const lines = [
    '',
    `  ${appName}: local Functions host (Node ${process.version})`,
    `  Listening on ${host.url}`,
    '',
    '  Functions:',
    '',
  ];
  if (host.functions.length === 0) lines.push('    (none registered)');
  for (const f of host.functions) {
    if (f.error) lines.push(`    ${f.name}: ${f.trigger} IN ERROR: ${f.error}`);
    else if (f.url)
      lines.push(
        `    ${f.name}: [${(f.methods ?? ['*']).join(',')}] ${f.url}${f.authLevel && f.authLevel !== 'anonymous' ? ` (authLevel ${f.authLevel})` : ''}`,
      );
    else if (f.schedule !== undefined)
      lines.push(`    ${f.name}: timerTrigger '${f.schedule}' (next run ${f.nextRun ?? 'never'})`);
    else if (f.queueName !== undefined)
      lines.push(`    ${f.name}: serviceBusTrigger queue '${f.queueName}' (${f.mode})`);
    else lines.push(`    ${f.name}: ${f.trigger}`);
  }
  lines.push(
    '',
    `  Admin: ${host.url}/admin/functions/<name>, ${host.url}/admin/queues (x-functions-key: DEV_FUNCTION_KEY)`,
    '',
  );
  return lines;
}
