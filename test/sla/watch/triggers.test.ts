// The SLA triggers' handling of bad settings: a clear 503 naming the setting, never a crash or a leak.
import { HttpRequest } from '@azure/functions';
import { makeSlaAckHandler } from '../../../functions/sla-ack-http';
import { makeSlaStatusHandler } from '../../../functions/sla-status-http';
import { testContext } from '../../helpers/context';
import { testTables } from '../../helpers/tables';

const tables = testTables();
const get = (url: string) => new HttpRequest({ method: 'GET', url });

describe('SLA triggers with bad settings', () => {
  it('the ack link answers 503 naming SLA_ACK_SECRET when it is not configured', async () => {
    const handler = makeSlaAckHandler(() => ({ env: {}, tables }));
    const res = await handler(get('https://ops.example.com/api/sla/ack?token=a.b'), testContext('sla-ack').context);
    expect(res.status).toBe(503);
    expect(JSON.stringify((res as { jsonBody?: unknown }).jsonBody)).toContain('SLA_ACK_SECRET');
  });

  it('the status endpoint answers 503 naming SLA_POLICY when the policy is not JSON', async () => {
    const handler = makeSlaStatusHandler(() => ({
      env: { SLA_POLICY: '{oops', SMTP_PASSWORD: 'hunter2-secret' },
      tables,
    }));
    const { context, text } = testContext('sla-status');
    const res = await handler(get('https://ops.example.com/api/sla/status'), context);
    expect(res.status).toBe(503);
    expect(JSON.stringify((res as { jsonBody?: unknown }).jsonBody)).toContain('SLA_POLICY must be JSON');
    expect(text()).not.toContain('hunter2-secret');
  });
});
