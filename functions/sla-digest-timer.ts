// Timer %SLA_DIGEST_SCHEDULE% (default hourly; it sends only in the SLA_DIGEST_AT hour, 08:00 in
// SLA_DIGEST_TIMEZONE): one SLA digest per department. A failed target or message fails the invocation; the retry
// sends only what is still missing.
import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { SlaWatchOverrides } from '../shared/sla/watch/compose';

export function makeSlaDigestTimer(overrides: () => SlaWatchOverrides = () => ({})) {
  return async (_timer: Timer, context: InvocationContext): Promise<void> => {
    const { createSlaWatchServices } = await import('../shared/sla/watch/compose');
    const services = createSlaWatchServices(context, overrides());
    try {
      await services.digest();
    } finally {
      await services.close();
    }
  };
}

export const slaDigestTimer = makeSlaDigestTimer();

app.timer('sla-digest', {
  schedule: '%SLA_DIGEST_SCHEDULE%',
  handler: slaDigestTimer,
  retry: {
    strategy: 'exponentialBackoff',
    maxRetryCount: 3,
    minimumInterval: { minutes: 1 },
    maximumInterval: { minutes: 10 },
  },
});
