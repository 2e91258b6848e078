// Validates an Adaptive Card with the official `adaptivecards` package (its bundled build runs under Node).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js');

/** Every parse and validation problem the SDK reports for `json` (empty when the card is valid). */
export function cardProblems(json: unknown): string[] {
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  card.parse(json, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) problems.push(String(ctx.getEventAt(i).message));
  for (const e of card.validateProperties().validationEvents as { message: string }[]) problems.push(e.message);
  return problems;
}
