// Named loggers for the core modules. The core never imports electron-log's Electron entry:
// the shell installs it as the backend; under Node (tests, the e2e harness) warnings and
// errors go to stderr and the rest is dropped unless SAC_LOG=debug. Every line's metadata is
// redacted before it reaches a backend, and the latest warnings and errors are kept in memory
// for the diagnostics export.
import { redactMeta, redactText } from './support/redact';

export interface Logger {
  debug(message: string, meta?: Record<string, unknown>): void;
  info(message: string, meta?: Record<string, unknown>): void;
  warn(message: string, meta?: Record<string, unknown>): void;
  error(message: string, meta?: Record<string, unknown>): void;
}

export type LoggerFactory = (scope: string) => Logger;

const verbose = process.env.SAC_LOG === 'debug';

const consoleFactory: LoggerFactory = (scope) => {
  const write = (level: string, message: string, meta?: Record<string, unknown>) =>
    console.error(`[${level}] (${scope}) ${message}${meta ? ` ${JSON.stringify(meta)}` : ''}`);
  return {
    debug: (message, meta) => verbose && write('debug', message, meta),
    info: (message, meta) => verbose && write('info', message, meta),
    warn: (message, meta) => write('warn', message, meta),
    error: (message, meta) => write('error', message, meta),
  };
};

let factory: LoggerFactory = consoleFactory;

export function setLoggerFactory(next: LoggerFactory): void {
  factory = next;
}

/** A warning or error logged since the app started, already redacted. */
export interface LoggedProblem {
  at: string;
  level: 'warn' | 'error';
  scope: string;
  message: string;
  meta?: Record<string, unknown>;
}

/** How many warnings and errors the diagnostics export can show. */
export const RECENT_PROBLEMS_LIMIT = 50;

const recent: LoggedProblem[] = [];

/** Returns the latest warnings and errors, oldest first. */
export function recentProblems(): LoggedProblem[] {
  return recent.map((problem) => ({ ...problem }));
}

function remember(level: 'warn' | 'error', scope: string, message: string, meta: Record<string, unknown> | undefined): void {
  recent.push({ at: new Date().toISOString(), level, scope, message, ...(meta ? { meta } : {}) });
  if (recent.length > RECENT_PROBLEMS_LIMIT) recent.splice(0, recent.length - RECENT_PROBLEMS_LIMIT);
}

/** Returns a logger whose backend is looked up at each call, so the shell may install one later. */
export function createLogger(scope: string): Logger {
  const clean = (meta?: Record<string, unknown>) => (meta ? redactMeta(meta) : undefined);
  return {
    debug: (message, meta) => factory(scope).debug(redactText(message), clean(meta)),
    info: (message, meta) => factory(scope).info(redactText(message), clean(meta)),
    warn: (message, meta) => {
      const safe = clean(meta);
      remember('warn', scope, redactText(message), safe);
      factory(scope).warn(redactText(message), safe);
    },
    error: (message, meta) => {
      const safe = clean(meta);
      remember('error', scope, redactText(message), safe);
      factory(scope).error(redactText(message), safe);
    },
  };
}

/** Describes a caught error for a log line: its class, code and message, never a payload. */
export function describeError(error: unknown): Record<string, unknown> {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { error: error.name, message: error.message, ...(code ? { code } : {}) };
  }
  return { error: String(error) };
}
