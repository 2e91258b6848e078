// What the SLA watch needs from one osTicket target: keyset pages of tickets (with per-ticket contract failures
// reported, not thrown), one ticket, schedules, departments and settings. Adapted from the connector client in
// osticket-source.ts; tests may implement it directly.
import type { Department, OsTicketSettings, Schedule, Ticket } from '../../osticket/contract';

/** A ticket record that failed the contract: skipped with a warning naming it. */
export interface InvalidTicket {
  /** Ticket id or number as far as it could be read, else its position. */
  ref: string;
  id?: number;
  problem: string;
}

export interface TicketBatch {
  tickets: Ticket[];
  invalid: InvalidTicket[];
}

export interface WatchSource {
  /** Open tickets, page by page (keyset). Throws (OsTicketError) when osTicket is down or answers 5xx. */
  openTickets(): AsyncIterable<TicketBatch>;
  /** Closed tickets updated at or after `since`, page by page. */
  closedTicketsSince(since: Date): AsyncIterable<TicketBatch>;
  /** One ticket, or undefined when osTicket no longer has it. */
  ticket(id: number): Promise<Ticket | undefined>;
  schedules(): Promise<Schedule[]>;
  departments(): Promise<Department[]>;
  settings(): Promise<OsTicketSettings>;
}

export interface WatchTarget {
  /** Target name (environment name, or OSTICKET_TARGET_NAME): ledger partition and log label. */
  name: string;
  /** Staff panel base, e.g. https://help.example.com/scp (ticket links are `<staffUrl>/tickets.php?id=<id>`). */
  staffUrl?: string;
  source: WatchSource;
}

/** Targets as resolved for one sweep; a target that could not even be resolved is reported in `errors`. */
export interface ResolvedWatchTargets {
  targets: WatchTarget[];
  errors: { target: string; error: string }[];
}

export function ticketUrl(target: WatchTarget, ticketId: number): string | undefined {
  if (!target.staffUrl) return undefined;
  return `${target.staffUrl.replace(/\/+$/, '')}/tickets.php?id=${ticketId}`;
}
