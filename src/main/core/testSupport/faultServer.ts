// A tiny HTTP server on 127.0.0.1 whose responses each test writes itself: HTML pages, truncated
// JSON, 503 with Retry-After, reset sockets. It simulates a broken network, never the
// SAC server's logic.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. /api/v1/sync/pull?limit=500. */
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type FaultHandler = (request: RecordedRequest, response: ServerResponse) => void;

export interface FaultServer {
  url: string;
  port: number;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

export async function startFaultServer(handler: FaultHandler): Promise<FaultServer> {
  const requests: RecordedRequest[] = [];
  const server = createServer((incoming, response) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const request: RecordedRequest = {
        method: incoming.method ?? 'GET',
        url: incoming.url ?? '/',
        headers: incoming.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(request);
      handler(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Sends a complete response with an explicit Content-Length. */
export function reply(response: ServerResponse, status: number, contentType: string, body: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...headers });
  response.end(body);
}

export const CAPTIVE_PORTAL_PAGE =
  '<!DOCTYPE html><html><head><title>Wi-Fi Visitantes</title></head><body><form>Aceite os termos para navegar</form></body></html>';

/** Returns a port on 127.0.0.1 with nothing listening, as when the server is down. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
