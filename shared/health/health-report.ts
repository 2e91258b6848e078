// The health report: app version and, per integration, whether it is configured. Never any value.
import { integrationStatus, type IntegrationName, type IntegrationStatus } from '../config/integrations';
import type { Env } from '../config/settings';
import { appVersion } from './app-version';

export interface HealthReport {
  status: 'ok';
  app: 'osticket-ops';
  version: string;
  node: string;
  time: string;
  integrations: Record<IntegrationName, IntegrationStatus>;
}

export function healthReport(env: Env = process.env, now: Date = new Date()): HealthReport {
  return {
    status: 'ok',
    app: 'osticket-ops',
    version: appVersion(),
    node: process.version,
    time: now.toISOString(),
    integrations: integrationStatus(env),
  };
}
