// Alert and digest messages for notify tests, with hostile user input in the subject and names.
import type { SlaAlertMessage, SlaDigestMessage } from '../../shared/notify/alert-message';

export const HOSTILE_SUBJECT =
  'Down **now** [click](javascript:alert(1)) <img src=x onerror=alert(1)> {{DATE(2017-02-14T06:08:39Z)}}';

export function alertMessage(overrides: Partial<SlaAlertMessage> = {}): SlaAlertMessage {
  return {
    kind: 'warning',
    level: 0,
    clock: 'resolution',
    target: 'contoso',
    ticket: {
      id: 42,
      number: '100042',
      subject: HOSTILE_SUBJECT,
      department: 'System Administrators',
      slaPlan: 'Sev-A',
      assignee: 'Jane <jane@example.com>',
    },
    dueAt: new Date('2026-12-04T21:00:00Z'),
    timeZone: 'Europe/Berlin',
    businessMinutesLeft: 10,
    ticketUrl: 'https://help.example.com/scp/tickets.php?id=42',
    ackUrl: 'https://ops.example.com/api/sla/ack?token=abc.def',
    ...overrides,
  };
}

export function digestMessage(overrides: Partial<SlaDigestMessage> = {}): SlaDigestMessage {
  return {
    target: 'contoso',
    department: 'System Administrators',
    date: '2026-12-05',
    closedYesterday: 4,
    metPercent: 75,
    items: [
      {
        ticket: alertMessage().ticket,
        state: 'breached',
        clock: 'resolution',
        dueAt: new Date('2026-12-04T21:00:00Z'),
        timeZone: 'Europe/Berlin',
        businessMinutesLeft: -75,
        ticketUrl: 'https://help.example.com/scp/tickets.php?id=42',
      },
    ],
    ...overrides,
  };
}
