import { type Config, ConfigError, loadConfig } from './load';

/** Entry files call this first: a bad environment prints one line per problem and exits 1 before anything starts. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
