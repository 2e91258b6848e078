// local.settings.json handling, port precedence and %SETTING% expressions.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applySettings, loadLocalSettings, resolvePort, resolveSettingExpression } from '../../dev/host/settings';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'host-settings-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('loadLocalSettings', () => {
  it('creates local.settings.json from the sample when it is missing', () => {
    const sample = { IsEncrypted: false, Values: { A: 'x', N: 5 }, Host: { LocalHttpPort: 7099 } };
    writeFileSync(join(dir, 'local.settings.sample.json'), JSON.stringify(sample));
    const s = loadLocalSettings(dir);
    expect(s).toEqual({
      values: { A: 'x', N: '5' },
      localHttpPort: 7099,
      createdFromSample: true,
      missingFromSample: [],
    });
    expect(JSON.parse(readFileSync(join(dir, 'local.settings.json'), 'utf8'))).toEqual(sample);
    expect(loadLocalSettings(dir).createdFromSample).toBe(false);
  });

  it('lists settings the sample has gained since local.settings.json was made', () => {
    writeFileSync(join(dir, 'local.settings.sample.json'), JSON.stringify({ Values: { A: '1', NEW_ONE: '' } }));
    writeFileSync(join(dir, 'local.settings.json'), JSON.stringify({ Values: { A: 'mine' } }));
    expect(loadLocalSettings(dir)).toMatchObject({ values: { A: 'mine' }, missingFromSample: ['NEW_ONE'] });
  });

  it('names the file when it is not JSON', () => {
    writeFileSync(join(dir, 'local.settings.json'), '{ nope');
    expect(() => loadLocalSettings(dir)).toThrow(/local.settings.json is not valid JSON/);
  });
});

describe('applySettings', () => {
  it('never overrides the environment for local settings, and restores what it set', () => {
    const env: Record<string, string | undefined> = { KEEP: 'env' };
    const restore = applySettings({ KEEP: 'file', NEW: 'file' }, env, false);
    expect(env).toEqual({ KEEP: 'env', NEW: 'file' });
    restore();
    expect(env).toEqual({ KEEP: 'env' });
  });

  it('overrides when asked (explicit test settings)', () => {
    const env: Record<string, string | undefined> = { KEEP: 'env' };
    const restore = applySettings({ KEEP: 'explicit' }, env, true);
    expect(env['KEEP']).toBe('explicit');
    restore();
    expect(env['KEEP']).toBe('env');
  });
});

describe('resolvePort', () => {
  it('prefers --port, then FUNCTIONS_HTTP_PORT, then Host.LocalHttpPort, then 7071', () => {
    expect(resolvePort({ cliPort: '8000', env: { FUNCTIONS_HTTP_PORT: '8001' }, localHttpPort: 8002 })).toBe(8000);
    expect(resolvePort({ env: { FUNCTIONS_HTTP_PORT: '8001' }, localHttpPort: 8002 })).toBe(8001);
    expect(resolvePort({ env: {}, localHttpPort: 8002 })).toBe(8002);
    expect(resolvePort({ env: {} })).toBe(7071);
    expect(() => resolvePort({ env: { FUNCTIONS_HTTP_PORT: 'x' } })).toThrow(
      /FUNCTIONS_HTTP_PORT must be a port number/,
    );
  });
});

describe('resolveSettingExpression', () => {
  it('substitutes settings and names a missing one', () => {
    expect(resolveSettingExpression('%A%-%B%', { A: '1', B: ' 2 ' }, 'x')).toBe('1-2');
    expect(() => resolveSettingExpression('%MISSING%', {}, 'timer t')).toThrow(
      'Setting MISSING is required: it is referenced as %MISSING% by timer t',
    );
  });
});
