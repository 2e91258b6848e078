import { buildAlertCard, buildDigestCard, teamsPayload } from '../../shared/notify/adaptive-card';
import { cardProblems } from './validate-card';
import { alertMessage, digestMessage } from './message-fixtures';

/** Every text the card renders, joined: TextBlock texts and FactSet titles/values. */
const texts = (card: { body: unknown[] }) =>
  (card.body as { text?: string; facts?: { title: string; value: string }[] }[])
    .flatMap((b) => [b.text ?? '', ...(b.facts ?? []).map((f) => `${f.title}: ${f.value}`)])
    .join('\n');
/** Unescaped (live) occurrences of a Markdown/HTML construct: not preceded by a backslash. */
const live = (text: string, construct: string) =>
  new RegExp(`(^|[^\\\\])${construct.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`).test(text);

describe('buildAlertCard', () => {
  it.each(['warning', 'breached', 'escalated', 'resolved'] as const)('builds a valid 1.4 card for %s', (kind) => {
    const card = buildAlertCard(alertMessage({ kind, level: kind === 'escalated' ? 2 : 1 }));
    expect(card.version).toBe('1.4');
    expect(cardProblems(card)).toEqual([]);
  });

  it('is checked by a validator that does report broken cards', () => {
    const card = buildAlertCard(alertMessage());
    expect(cardProblems({ ...card, version: '9.9' })).not.toEqual([]);
    expect(cardProblems({ ...card, body: [{ type: 'Bogus' }] })).not.toEqual([]);
    expect(cardProblems({ ...card, actions: [{ type: 'Action.OpenUrl', title: 'Open ticket' }] })).toEqual([
      'Property "url" must be set.',
    ]);
  });

  it('shows ticket, department, plan, state, due time in the schedule zone, time left, assignee and links', () => {
    const card = buildAlertCard(alertMessage({ kind: 'breached', level: 1, businessMinutesLeft: -75 }));
    const body = texts(card);
    expect(body).toContain('Ticket: \\#100042');
    expect(body).toContain('Department: System Administrators');
    expect(body).toContain('SLA plan: Sev\\-A');
    expect(body).toContain('State: Breached');
    expect(body).toContain('Due: 2026\\-12\\-04 22:00 CET \\(Europe/Berlin\\)');
    expect(body).toContain('1 h 15 min overdue');
    expect(body).toContain('Jane');
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open ticket', url: 'https://help.example.com/scp/tickets.php?id=42' },
      { type: 'Action.OpenUrl', title: 'Acknowledge', url: 'https://ops.example.com/api/sla/ack?token=abc.def' },
    ]);
  });

  it('names the first-response clock in the headline, so it never reads as a resolution breach', () => {
    const card = buildAlertCard(alertMessage({ kind: 'breached', level: 1, clock: 'firstResponse' }));
    const body = texts(card);
    expect(body.split('\n')[0]).toBe('Breached \\(first response\\)');
    expect(body).toContain('Clock: First response');
    expect(texts(buildAlertCard(alertMessage({ kind: 'breached', level: 1 }))).split('\n')[0]).toBe('Breached');
    expect(cardProblems(card)).toEqual([]);
  });

  it('escapes the subject: no live Markdown link, HTML or DATE function survives', () => {
    const body = texts(buildAlertCard(alertMessage()));
    expect(live(body, '[click](')).toBe(false);
    expect(live(body, '**now')).toBe(false);
    expect(live(body, '<img')).toBe(false);
    expect(body).not.toContain('{{');
    expect(body).toContain('\\*\\*now\\*\\*');
    expect(live('x <img', '<img')).toBe(true);
  });

  it('never uses Action.Submit and drops non-http links', () => {
    const card = buildAlertCard(alertMessage({ ticketUrl: 'javascript:alert(1)', ackUrl: undefined }));
    expect(card.actions).toBeUndefined();
    expect(JSON.stringify(buildAlertCard(alertMessage()))).not.toContain('Action.Submit');
  });

  it('wraps the card as a Workflows webhook message', () => {
    const payload = teamsPayload(buildAlertCard(alertMessage()));
    expect(payload.type).toBe('message');
    expect(payload.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(payload.attachments[0].contentUrl).toBeNull();
  });
});

describe('buildDigestCard', () => {
  it('builds a valid card with the met percentage and escaped rows', () => {
    const card = buildDigestCard(digestMessage());
    expect(cardProblems(card)).toEqual([]);
    const body = texts(card);
    expect(body).toContain('75\\.0% of 4 ticket\\(s\\) closed yesterday met their SLA');
    expect(body).toContain('1 ticket(s) at risk or breached');
    expect(body).toContain('[\\#100042](https://help.example.com/scp/tickets.php?id=42)');
    expect(live(body, '<img')).toBe(false);
  });

  it('says so when nothing was closed and nothing is at risk, and truncates long lists', () => {
    const empty = buildDigestCard(digestMessage({ items: [], metPercent: undefined, closedYesterday: 0 }));
    expect(texts(empty)).toContain('No tickets closed yesterday');
    expect(texts(empty)).toContain('No tickets at risk or breached');
    const many = digestMessage();
    many.items = Array.from({ length: 45 }, () => many.items[0]!);
    const card = buildDigestCard(many);
    expect(texts(card)).toContain('and 5 more');
    expect(cardProblems(card)).toEqual([]);
  });
});
