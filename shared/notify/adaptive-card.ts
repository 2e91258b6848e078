// Adaptive Card 1.4 payloads for a Power Automate Workflows webhook: one card per alert, one per digest.
import {
  alertTitle,
  clockLabel,
  formatBusinessTime,
  formatInZone,
  headline,
  stateLabel,
  type SlaAlertMessage,
  type SlaDigestMessage,
} from './alert-message';
import { escapeCardText, safeLink } from './escaping';

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.4';
  body: unknown[];
  actions?: unknown[];
  msteams?: { width: 'Full' };
}

/** The body a Workflows "When a Teams webhook request is received" trigger expects. */
export interface TeamsWebhookPayload {
  type: 'message';
  attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive'; contentUrl: null; content: AdaptiveCard }];
}

export function teamsPayload(card: AdaptiveCard): TeamsWebhookPayload {
  return {
    type: 'message',
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', contentUrl: null, content: card }],
  };
}

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

function color(kind: SlaAlertMessage['kind']): 'Warning' | 'Attention' | 'Good' {
  if (kind === 'warning') return 'Warning';
  if (kind === 'resolved') return 'Good';
  return 'Attention';
}

function fact(title: string, value: string) {
  return { title, value };
}

/** The alert card: ticket, department, plan, state, due time in the schedule's zone, time left, assignee, links. */
export function buildAlertCard(msg: SlaAlertMessage): AdaptiveCard {
  const t = msg.ticket;
  const facts = [
    fact('Ticket', escapeCardText(`#${t.number}`)),
    fact('Department', escapeCardText(t.department || '-')),
    fact('SLA plan', escapeCardText(t.slaPlan || '-')),
    fact('Clock', clockLabel(msg.clock)),
    fact('State', escapeCardText(stateLabel(msg))),
    fact('Due', escapeCardText(formatInZone(msg.dueAt, msg.timeZone))),
    fact(
      msg.businessMinutesLeft < 0 ? 'Overdue' : 'Remaining',
      escapeCardText(formatBusinessTime(msg.businessMinutesLeft)),
    ),
    fact('Assignee', escapeCardText(t.assignee || 'Unassigned')),
    fact('Help desk', escapeCardText(msg.target)),
  ];
  const actions: unknown[] = [];
  const ticketUrl = safeLink(msg.ticketUrl);
  const ackUrl = safeLink(msg.ackUrl);
  if (ticketUrl) actions.push({ type: 'Action.OpenUrl', title: 'Open ticket', url: ticketUrl });
  if (ackUrl && msg.kind !== 'resolved') actions.push({ type: 'Action.OpenUrl', title: 'Acknowledge', url: ackUrl });
  return card(
    title(escapeCardText(headline(msg)), color(msg.kind)),
    [
      { type: 'TextBlock', text: escapeCardText(alertTitle(msg).replace(/^\[[^\]]*\]\s*/, '')), wrap: true },
      { type: 'FactSet', facts },
    ],
    actions,
  );
}

/** The digest card: one department, tickets most urgent first, plus yesterday's SLA-met percentage. */
export function buildDigestCard(msg: SlaDigestMessage, maxRows = 40): AdaptiveCard {
  const met =
    msg.metPercent === undefined
      ? `No tickets closed yesterday`
      : `${msg.metPercent.toFixed(1)}% of ${msg.closedYesterday} ticket(s) closed yesterday met their SLA`;
  const rows = msg.items.slice(0, maxRows).map((item) => {
    const link = safeLink(item.ticketUrl);
    const number = escapeCardText(`#${item.ticket.number}`);
    return {
      type: 'TextBlock',
      wrap: true,
      text:
        `${link ? `[${number}](${link})` : number} ${escapeCardText(item.ticket.subject)}: ` +
        `${escapeCardText(item.state)} (${clockLabel(item.clock)}), ` +
        `${escapeCardText(formatBusinessTime(item.businessMinutesLeft))}, ` +
        `due ${escapeCardText(formatInZone(item.dueAt, item.timeZone))}, ${escapeCardText(item.ticket.assignee || 'Unassigned')}`,
    };
  });
  const more =
    msg.items.length > maxRows
      ? [{ type: 'TextBlock', text: `…and ${msg.items.length - maxRows} more`, isSubtle: true }]
      : [];
  return card(title(escapeCardText(`SLA digest ${msg.date}: ${msg.department} (${msg.target})`)), [
    { type: 'TextBlock', text: escapeCardText(met), wrap: true },
    {
      type: 'TextBlock',
      text: msg.items.length ? `${msg.items.length} ticket(s) at risk or breached` : 'No tickets at risk or breached',
      wrap: true,
      weight: 'Bolder',
    },
    ...rows,
    ...more,
  ]);
}

/** The bold first line of every card. */
function title(text: string, accent?: string): Record<string, unknown> {
  return {
    type: 'TextBlock',
    text,
    weight: 'Bolder',
    size: 'Medium',
    ...(accent ? { color: accent } : {}),
    wrap: true,
  };
}

/** The Adaptive Card 1.4 envelope every card shares: full width in Teams, actions only when there are some. */
function card(heading: Record<string, unknown>, body: unknown[], actions: unknown[] = []): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: SCHEMA,
    version: '1.4',
    msteams: { width: 'Full' },
    body: [heading, ...body],
    ...(actions.length ? { actions } : {}),
  };
}
