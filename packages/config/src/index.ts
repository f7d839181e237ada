export type { AuthMode, AuthSettings, JwtAlgorithm, JwtSettings } from './auth';
export { loadConfigOrExit } from './boot';
export { type Config, ConfigError, loadConfig } from './load';
export { type Env, EnvSchema } from './schema';
