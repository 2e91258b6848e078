// An InvocationContext whose logs are captured, for asserting what a handler logged (and that it leaked nothing).
import { InvocationContext } from '@azure/functions';

export interface CapturedLog {
  level: string;
  message: string;
}

export function testContext(functionName = 'test', triggerMetadata: Record<string, unknown> = {}) {
  const logs: CapturedLog[] = [];
  const context = new InvocationContext({
    invocationId: `inv-${Math.random().toString(16).slice(2)}`,
    functionName,
    triggerMetadata,
    logHandler: (level, ...args) => logs.push({ level, message: args.map(String).join(' ') }),
  });
  return { context, logs, text: () => logs.map((l) => l.message).join('\n') };
}
