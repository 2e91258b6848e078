// Ctrl-C / SIGTERM handling shared by `npm start` and `npm run demo`: the first signal stops cleanly and exits 0,
// a second one exits at once.

export function stopOnSignals(stop: () => Promise<void>, what: string, describe: (err: unknown) => string): void {
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) {
      console.log(`${signal} again: exiting without waiting for running functions`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping ${what}...`);
    stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(`Shutdown failed: ${describe(err)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}
