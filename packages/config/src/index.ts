export { type Env, EnvSchema } from './schema';
export { type Config, ConfigError, loadConfig } from './load';
export { loadConfigOrExit } from './boot';
