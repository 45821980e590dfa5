// The shared setup of tests that run computers (AppCore) against one demo server in a child
// process: the server starts before the file's first test, and the computers, proxies and server
// stop after its last one.
import { afterAll, beforeAll } from 'vitest';
import type { AppCore } from '../../src/main/core/appCore';
import { startServerProcess, type ServerProcess } from './serverProcess';

export interface DemoServerWorld {
  /** The running server; available from the file's first test on. */
  readonly server: ServerProcess;
  /** Computers to stop after the last test. */
  readonly cores: AppCore[];
  /** Proxies to close after the last test. */
  readonly proxies: Array<{ close(): Promise<void> }>;
}

/** Registers the hooks that start a demo server for this test file and stop everything after it. */
export function useDemoServer(): DemoServerWorld {
  let server: ServerProcess | undefined;
  const cores: AppCore[] = [];
  const proxies: Array<{ close(): Promise<void> }> = [];

  beforeAll(async () => {
    server = await startServerProcess({ demo: true });
  });

  afterAll(async () => {
    for (const core of cores) await core.stop();
    for (const proxy of proxies) await proxy.close();
    await server?.stop();
  });

  return {
    get server() {
      if (!server) throw new Error('the demo server starts before the first test');
      return server;
    },
    cores,
    proxies,
  };
}
