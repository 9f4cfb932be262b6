import type { AppConfig } from './app-config';

/**
 * What an operator may tune through the environment (`forge variables set` on Forge, the shell for the
 * sandbox). Read once, at the composition root; the core only sees `AppConfig`.
 */
export function environmentConfig(env: Record<string, string | undefined>): Pick<AppConfig, 'smartCommitMaxAgeDays'> {
  const days = Number(env.SMART_COMMIT_MAX_AGE_DAYS);
  return env.SMART_COMMIT_MAX_AGE_DAYS && Number.isFinite(days) && days >= 0 ? { smartCommitMaxAgeDays: days } : {};
}
