import type { Env } from './env.schema.js';

/** Injection token for the validated configuration: `constructor(@Inject(APP_CONFIG) config: AppConfig)`. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export type AppConfig = Env;
