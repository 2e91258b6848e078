import { HttpRequest } from '@azure/functions';
import { healthHandler } from '../../functions/health-http';
import { healthReport } from '../../shared/health/health-report';
import { testContext } from '../helpers/context';

describe('GET /api/health', () => {
  it('answers 200 with the version and integration flags', async () => {
    const { context } = testContext('health');
    const res = await healthHandler(new HttpRequest({ method: 'GET', url: 'http://127.0.0.1/api/health' }), context);
    expect(res.status).toBe(200);
    const body = (res as { jsonBody: { version: string; integrations: Record<string, unknown> } }).jsonBody;
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(Object.keys(body.integrations).sort()).toEqual(
      ['azureSubscription', 'email', 'logAnalytics', 'osTicket', 'serviceBus', 'storage', 'teams'].sort(),
    );
  });

  it('reports configured and unconfigured integrations without any value', () => {
    const secrets = {
      OSTICKET_URL: 'https://help.example.com',
      OSTICKET_OPS_KEY: 'ops-key-SECRET-1234567890',
      TEAMS_WEBHOOK_URL: 'https://prod-01.westeurope.logic.azure.com/workflows/abc?sig=SECRET-SIG',
      EMAIL_PROVIDER: 'smtp',
      SMTP_HOST: 'smtp.example.com',
      SMTP_PASSWORD: 'smtp-SECRET-password',
      EMAIL_FROM: 'ops@example.com',
      AzureWebJobsStorage: 'UseDevelopmentStorage=true',
      ServiceBusConnection: 'Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=SECRETSB',
    };
    const report = healthReport(secrets, new Date('2026-12-04T00:00:00Z'));
    expect(report.integrations.osTicket).toEqual({ configured: true });
    expect(report.integrations.teams).toEqual({ configured: true });
    expect(report.integrations.email).toEqual({ configured: true, mode: 'smtp' });
    expect(report.integrations.storage).toEqual({ configured: true, mode: 'azurite' });
    expect(report.integrations.serviceBus).toEqual({ configured: true, mode: 'connection string' });
    expect(report.integrations.logAnalytics.configured).toBe(false);
    expect(report.integrations.azureSubscription.configured).toBe(false);
    const text = JSON.stringify(report);
    for (const value of Object.values(secrets))
      if (value.length > 8 && value !== 'smtp') expect(text).not.toContain(value);
    expect(text).not.toMatch(/SECRET/);
  });

  it('names a bad setting as the integration problem instead of failing', () => {
    const report = healthReport({ OSTICKET_URL: 'ftp://nope', OSTICKET_OPS_KEY: 'k' });
    expect(report.status).toBe('ok');
    expect(report.integrations.osTicket.configured).toBe(false);
    expect(report.integrations.osTicket.problem).toMatch(/OSTICKET_URL/);
  });

  it('says which variable is missing when osTicket is half configured', () => {
    const report = healthReport({ OSTICKET_URL: 'https://help.example.com' });
    expect(report.integrations.osTicket).toEqual({
      configured: false,
      problem: 'OSTICKET_OPS_KEY is required with OSTICKET_URL',
    });
  });
});
