// Channel-neutral content of an SLA alert and of a department digest; cards and e-mails are rendered from these.

export type AlertKind = 'warning' | 'breached' | 'escalated' | 'resolved';
export type SlaClock = 'resolution' | 'firstResponse';

export interface AlertTicket {
  id: number;
  number: string;
  subject: string;
  department: string;
  slaPlan: string;
  assignee?: string;
}

export interface SlaAlertMessage {
  kind: AlertKind;
  /** 1 = warning/breach, 2.. = escalation levels. */
  level: number;
  clock: SlaClock;
  target: string;
  ticket: AlertTicket;
  dueAt: Date;
  /** IANA zone of the ticket's schedule: the due time is shown there. */
  timeZone: string;
  /** Business minutes left (negative when overdue). */
  businessMinutesLeft: number;
  ticketUrl?: string;
  ackUrl?: string;
}

export interface DigestItem {
  ticket: AlertTicket;
  state: string;
  clock: SlaClock;
  dueAt: Date;
  timeZone: string;
  businessMinutesLeft: number;
  ticketUrl?: string;
}

export interface SlaDigestMessage {
  target: string;
  department: string;
  /** Local calendar date the digest is for (YYYY-MM-DD in the digest time zone). */
  date: string;
  items: DigestItem[];
  /** Yesterday's SLA-met share in percent (closed before due / closed with a due date), or undefined with none. */
  metPercent?: number;
  closedYesterday: number;
}

const clockNames: Record<SlaClock, string> = { resolution: 'Resolution', firstResponse: 'First response' };

export function clockLabel(clock: SlaClock): string {
  return clockNames[clock];
}

export function stateLabel(msg: Pick<SlaAlertMessage, 'kind' | 'level'>): string {
  switch (msg.kind) {
    case 'warning':
      return 'Warning: SLA at risk';
    case 'breached':
      return 'Breached';
    case 'escalated':
      return `Escalated (level ${msg.level})`;
    case 'resolved':
      return 'Resolved after breach';
  }
}

/** "2 h 05 min left" / "1 h 10 min overdue" / "due now" in business time. */
export function formatBusinessTime(minutes: number): string {
  const whole = Math.round(Math.abs(minutes));
  if (whole === 0) return 'due now';
  const h = Math.floor(whole / 60);
  const m = whole % 60;
  const text = h > 0 ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`;
  return `${text} ${minutes < 0 ? 'overdue' : 'left'} (business time)`;
}

/** "2026-12-04 21:45 CET (Europe/Berlin)". */
export function formatInZone(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')} (${timeZone})`;
}

/**
 * The state with the clock named when it is not the resolution clock ("Breached (first response)"), so a subject
 * line or card headline never reads as a resolution breach when only the first response is late.
 */
export function headline(msg: Pick<SlaAlertMessage, 'kind' | 'level' | 'clock'>): string {
  return msg.clock === 'firstResponse' ? `${stateLabel(msg)} (first response)` : stateLabel(msg);
}

export function alertTitle(msg: SlaAlertMessage): string {
  return `[SLA ${headline(msg)}] #${msg.ticket.number} ${msg.ticket.subject}`;
}
