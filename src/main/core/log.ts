// Named loggers for the core modules. The core never imports electron-log's Electron entry:
// the shell installs it as the backend; under Node (tests, the e2e harness) warnings and
// errors go to stderr and the rest is dropped unless SAC_LOG=debug.

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

/** Returns a logger whose backend is looked up at each call, so the shell may install one later. */
export function createLogger(scope: string): Logger {
  return {
    debug: (message, meta) => factory(scope).debug(message, meta),
    info: (message, meta) => factory(scope).info(message, meta),
    warn: (message, meta) => factory(scope).warn(message, meta),
    error: (message, meta) => factory(scope).error(message, meta),
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
