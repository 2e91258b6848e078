// Prints what the fake Teams webhook and the SMTP server receive, as it arrives. The webhook URL, keys and message
// bodies are never printed: a card shows its headline, ticket and buttons; an e-mail its recipients and subject.
import type { FakeSmtpServer } from '../../test/fakes/smtp';
import { FakeTeamsWebhook, type TeamsPost } from '../../test/fakes/teams-webhook';

export function watchDeliveries(deps: {
  teams: FakeTeamsWebhook;
  smtp: FakeSmtpServer;
  write: (line: string) => void;
  everyMs?: number;
}): () => void {
  let cards = 0;
  let mails = 0;
  const timer = setInterval(() => {
    for (const post of deps.teams.posts.slice(cards)) deps.write(describeCard(post, ++cards));
    for (const mail of deps.smtp.messages.slice(mails))
      deps.write(`[demo] e-mail #${++mails} from ${mail.from} to ${mail.to.join(', ')}: ${mail.subject}`);
  }, deps.everyMs ?? 200);
  timer.unref();
  return () => clearInterval(timer);
}

function describeCard(post: TeamsPost, n: number): string {
  const head = `[demo] Teams card #${n} (HTTP ${post.status})`;
  if (post.status >= 300) return `${head}: refused`;
  let card;
  try {
    card = FakeTeamsWebhook.card(post);
  } catch {
    return `${head}: not an Adaptive Card`;
  }
  const plain = (text: string | undefined) => (text ?? '').replace(/\\(.)/g, '$1');
  const texts = card.body.filter((b) => b.type === 'TextBlock').map((b) => plain(b.text));
  const lines = [`${head}: ${texts.join(' | ')}`];
  for (const action of card.actions ?? []) lines.push(`         ${action.title}: ${action.url}`);
  return lines.join('\n');
}
