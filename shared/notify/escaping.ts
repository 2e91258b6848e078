// Ticket subjects and names are user input: neutralise them before they reach a card or an HTML e-mail.

const MAX_FIELD = 300;

/** One line, no control characters, bounded length: a subject must not add lines or fill a card. */
export function singleLine(value: string, max = MAX_FIELD): string {
  // eslint-disable-next-line no-control-regex
  const flat = value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * Escapes text for an Adaptive Card TextBlock/FactSet, which Teams renders as Markdown: every Markdown or
 * autolink metacharacter gets a CommonMark backslash escape, and `{{` (the card's DATE/TIME function syntax)
 * is broken with a zero-width space, so user text always shows literally.
 */
export function escapeCardText(value: string): string {
  return singleLine(value)
    .replace(/[\\`*_~[\]()#+\-.!|<>&{}]/g, (c) => `\\${c}`)
    .replace(/\{\\\{/g, '{\u200b\\{');
}

/** Only http(s) links go into cards and e-mails; anything else (javascript:, data:) is dropped. */
export function safeLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}
