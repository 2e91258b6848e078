import { createHostLog, shownAt } from '../../dev/host/log';

describe('host log levels', () => {
  it('shows function logs at or above LOG_LEVEL, defaulting to info', () => {
    expect(shownAt('debug', undefined)).toBe(false);
    expect(shownAt('information', undefined)).toBe(true);
    expect(shownAt('debug', 'debug')).toBe(true);
    expect(shownAt('information', 'warn')).toBe(false);
    expect(shownAt('error', 'warn')).toBe(true);
  });

  it('filters function lines but never host lines, and redacts what it prints', () => {
    const lines: string[] = [];
    let level = 'info';
    const log = createHostLog(
      (l) => lines.push(l),
      () => new Date('2026-12-04T10:00:00Z'),
      () => level,
    );
    log.fn('sla-watch', 'debug', ['osTicket GET ops/tickets -> 200']);
    log.fn('sla-watch', 'information', ['sent via https://x.logic.azure.com/workflows/1?sig=SECRET']);
    log.host('info', 'Executed');
    level = 'debug';
    log.fn('sla-watch', 'debug', ['now shown']);
    expect(lines).toEqual([
      '[10:00:00.000] [sla-watch] information: sent via https://x.logic.azure.com/workflows/1?[redacted]',
      '[10:00:00.000] [host] info: Executed',
      '[10:00:00.000] [sla-watch] debug: now shown',
    ]);
  });
});
