// Route templates: literals, constraints, optional and catch-all parameters.
import { compileRoute, matchRoute } from '../../dev/host/routes';

const match = (template: string, path: string) => matchRoute(compileRoute(template), path);

describe('matchRoute', () => {
  it('matches literals case-insensitively and decodes parameters', () => {
    expect(match('sla/ack', 'SLA/Ack')).toEqual({});
    expect(match('environments/{name}', 'environments/demo%20one')).toEqual({ name: 'demo one' });
    expect(match('environments/{name}', 'environments')).toBeUndefined();
    expect(match('environments/{name}', 'environments/a/b')).toBeUndefined();
  });

  it('applies constraints', () => {
    expect(match('{name:alpha}', 'abc')).toEqual({ name: 'abc' });
    expect(match('{name:alpha}', 'abc1')).toBeUndefined();
    expect(match('items/{id:int}', 'items/-3')).toEqual({ id: '-3' });
    expect(match('items/{id:guid}', 'items/not-a-guid')).toBeUndefined();
    expect(match('items/{id:minlength(3)}', 'items/ab')).toBeUndefined();
  });

  it('handles optional and catch-all parameters', () => {
    expect(match('tickets/{id?}', 'tickets')).toEqual({});
    expect(match('tickets/{id?}', 'tickets/7')).toEqual({ id: '7' });
    expect(match('files/{*path}', 'files/a/b/c')).toEqual({ path: 'a/b/c' });
    expect(match('files/{*path}', 'files')).toBeUndefined();
  });

  it('refuses a malformed template', () => {
    expect(() => compileRoute('a/{b')).toThrow(/Unsupported route segment/);
  });

  it('ranks literal routes above parameter routes', () => {
    expect(compileRoute('environments/new').specificity).toBeGreaterThan(
      compileRoute('environments/{name}').specificity,
    );
  });
});
