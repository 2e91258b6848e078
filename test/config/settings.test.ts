import { ConfigError } from '../../shared/errors';
import { allSettingNames, settingSections, type SettingSection } from '../../shared/config/schema';
import { readSettings, requireSetting } from '../../shared/config/settings';
import sample from '../../local.settings.sample.json';

describe('readSettings', () => {
  it('applies defaults for unset settings', () => {
    const s = readSettings('sla', {});
    expect(s.SLA_WATCH_SCHEDULE).toBe('0 */5 * * * *');
    expect(s.SLA_ACK_TTL_HOURS).toBe(72);
    expect(s.SLA_NOTIFY_RESOLVED).toBe(true);
  });

  it('names the variable and what is expected for a bad value, never the value', () => {
    const env = { OSTICKET_URL: 'not a url with-secret-123' };
    expect(() => readSettings('osTicket', env)).toThrow(ConfigError);
    try {
      readSettings('osTicket', env);
    } catch (err) {
      expect((err as ConfigError).variable).toBe('OSTICKET_URL');
      expect((err as Error).message).toMatch(/OSTICKET_URL must be an http\(s\) URL/);
      expect((err as Error).message).not.toContain('with-secret-123');
    }
  });

  it.each([
    ['SMTP_PORT', 'email', '70000', /whole number from 1 to 65535/],
    ['SLA_NOTIFY_RESOLVED', 'sla', 'maybe', /true or false/],
    ['SLA_DIGEST_TIMEZONE', 'sla', 'Mars/Olympus', /IANA time zone/],
    ['SLA_WATCH_SCHEDULE', 'sla', '*/5 * * * *', /6-field NCRONTAB/],
    ['LOG_ANALYTICS_WORKSPACE_ID', 'logAnalytics', 'abc', /GUID/],
    ['EMAIL_PROVIDER', 'email', 'pigeon', /EMAIL_PROVIDER/],
  ] as const)('rejects %s=%s', (name, section, value, expected) => {
    expect(() => readSettings(section, { [name]: value })).toThrow(expected);
  });

  it('parses lazily per section: a bad e-mail setting does not break osTicket settings', () => {
    const env = { SMTP_PORT: 'x', OSTICKET_URL: 'https://help.example.com' };
    expect(readSettings('osTicket', env).OSTICKET_URL).toBe('https://help.example.com');
    expect(() => readSettings('email', env)).toThrow(/SMTP_PORT/);
  });

  it('treats empty strings as unset', () => {
    expect(readSettings('teams', { TEAMS_WEBHOOK_URL: '' }).TEAMS_WEBHOOK_URL).toBeUndefined();
  });

  it('requireSetting names the missing variable', () => {
    expect(() => requireSetting(undefined, 'KEY_VAULT_URL', 'the vault URL')).toThrow(
      'Setting KEY_VAULT_URL is required: the vault URL',
    );
  });
});

describe('local.settings.sample.json', () => {
  it('lists every setting the schema reads, with a value that parses', () => {
    const values = (sample as { Values: Record<string, string> }).Values;
    for (const name of allSettingNames) expect(Object.keys(values)).toContain(name);
    for (const section of Object.keys(settingSections) as SettingSection[])
      expect(() => readSettings(section, { ...values })).not.toThrow();
  });
});
