// A forwarding proxy on 127.0.0.1 in front of the real SAC server that can hold matching
// requests until the test releases them, so a sync stays in progress for as long as a test
// needs. It changes no request or response.
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HoldingProxy {
  url: string;
  /** Holds every later request whose path starts with `prefix`. */
  hold(prefix: string): void;
  /** Resolves when at least one request is being held. */
  waitForHeld(): Promise<void>;
  /** Forwards the held requests and stops holding. */
  release(): void;
  close(): Promise<void>;
}

export async function startHoldingProxy(target: string): Promise<HoldingProxy> {
  const upstream = new URL(target);
  let prefix: string | null = null;
  let held: Array<() => void> = [];
  let onHeld: (() => void) | null = null;

  const forward = (incoming: IncomingMessage, response: ServerResponse) => {
    const outgoing = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: incoming.method, path: incoming.url, headers: incoming.headers },
      (reply) => {
        response.writeHead(reply.statusCode ?? 502, reply.headers);
        reply.pipe(response);
      },
    );
    outgoing.on('error', () => response.destroy());
    incoming.pipe(outgoing);
  };

  const server = createServer((incoming, response) => {
    if (prefix !== null && incoming.url?.startsWith(prefix)) {
      incoming.pause();
      held.push(() => forward(incoming, response));
      onHeld?.();
      return;
    }
    forward(incoming, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    hold(path) {
      prefix = path;
    },
    waitForHeld() {
      if (held.length > 0) return Promise.resolve();
      return new Promise((resolve) => (onHeld = resolve));
    },
    release() {
      prefix = null;
      const waiting = held;
      held = [];
      for (const send of waiting) send();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
