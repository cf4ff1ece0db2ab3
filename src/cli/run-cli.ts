import { ConfigError } from '../config.js';

/** Runs a CLI body; configuration and other errors end the process with a readable message. */
export async function runCli(body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : `error: ${(err as Error).message}`);
    process.exit(1);
  }
}
