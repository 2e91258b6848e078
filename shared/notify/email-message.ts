// Plain-text and HTML e-mail bodies for alerts and digests; every user-supplied value is HTML-escaped.
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
import { escapeHtml } from '../http/html-escape';
import { safeLink, singleLine } from './escaping';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

function rows(pairs: [string, string][]): { text: string; html: string } {
  return {
    text: pairs.map(([k, v]) => `${k}: ${v}`).join('\n'),
    html: `<table cellpadding="4" style="border-collapse:collapse">${pairs
      .map(([k, v]) => `<tr><th align="left">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`)
      .join('')}</table>`,
  };
}

function link(url: string | undefined, label: string): { text: string; html: string } | undefined {
  const safe = safeLink(url);
  if (!safe) return undefined;
  return { text: `${label}: ${safe}`, html: `<p><a href="${escapeHtml(safe)}">${escapeHtml(label)}</a></p>` };
}

export function renderAlertEmail(msg: SlaAlertMessage): EmailContent {
  const t = msg.ticket;
  const table = rows([
    ['Ticket', `#${t.number} ${singleLine(t.subject)}`],
    ['Department', singleLine(t.department || '-')],
    ['SLA plan', singleLine(t.slaPlan || '-')],
    ['Clock', clockLabel(msg.clock)],
    ['State', stateLabel(msg)],
    ['Due', formatInZone(msg.dueAt, msg.timeZone)],
    [msg.businessMinutesLeft < 0 ? 'Overdue' : 'Remaining', formatBusinessTime(msg.businessMinutesLeft)],
    ['Assignee', singleLine(t.assignee || 'Unassigned')],
    ['Help desk', singleLine(msg.target)],
  ]);
  const links = [
    link(msg.ticketUrl, 'Open the ticket'),
    msg.kind === 'resolved' ? undefined : link(msg.ackUrl, 'Acknowledge'),
  ].filter((l) => l !== undefined);
  const title = singleLine(alertTitle(msg), 200);
  return {
    subject: title,
    text: [headline(msg), '', table.text, '', ...links.map((l) => l.text)].join('\n'),
    html: `<!doctype html><html><body><h2>${escapeHtml(headline(msg))}</h2>${table.html}${links
      .map((l) => l.html)
      .join('')}</body></html>`,
  };
}

export function renderDigestEmail(msg: SlaDigestMessage): EmailContent {
  const met =
    msg.metPercent === undefined
      ? 'No tickets closed yesterday.'
      : `${msg.metPercent.toFixed(1)}% of ${msg.closedYesterday} ticket(s) closed yesterday met their SLA.`;
  const lines = msg.items.map(
    (i) =>
      `#${i.ticket.number} ${singleLine(i.ticket.subject)} | ${i.state} (${clockLabel(i.clock)}) | ` +
      `${formatBusinessTime(i.businessMinutesLeft)} | due ${formatInZone(i.dueAt, i.timeZone)} | ` +
      `${singleLine(i.ticket.assignee || 'Unassigned')}${safeLink(i.ticketUrl) ? ` | ${safeLink(i.ticketUrl)}` : ''}`,
  );
  const htmlRows = msg.items
    .map((i) => {
      const url = safeLink(i.ticketUrl);
      const num = escapeHtml(`#${i.ticket.number}`);
      return (
        `<tr><td>${url ? `<a href="${escapeHtml(url)}">${num}</a>` : num}</td>` +
        `<td>${escapeHtml(singleLine(i.ticket.subject))}</td><td>${escapeHtml(i.state)}</td>` +
        `<td>${escapeHtml(clockLabel(i.clock))}</td><td>${escapeHtml(formatBusinessTime(i.businessMinutesLeft))}</td>` +
        `<td>${escapeHtml(formatInZone(i.dueAt, i.timeZone))}</td><td>${escapeHtml(singleLine(i.ticket.assignee || 'Unassigned'))}</td></tr>`
      );
    })
    .join('');
  const heading = `SLA digest ${msg.date}: ${singleLine(msg.department)} (${singleLine(msg.target)})`;
  return {
    subject: singleLine(heading, 200),
    text: [
      heading,
      met,
      '',
      msg.items.length ? 'At risk or breached, most urgent first:' : 'No tickets at risk or breached.',
      ...lines,
    ].join('\n'),
    html:
      `<!doctype html><html><body><h2>${escapeHtml(heading)}</h2><p>${escapeHtml(met)}</p>` +
      (msg.items.length
        ? `<table cellpadding="4"><tr><th>Ticket</th><th>Subject</th><th>State</th><th>Clock</th><th>Time</th><th>Due</th><th>Assignee</th></tr>${htmlRows}</table>`
        : '<p>No tickets at risk or breached.</p>') +
      '</body></html>',
  };
}
