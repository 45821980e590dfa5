// Command line of the reference SAC server:
//   npm run server -- --port <n> --data <dir> [--demo] [--host 127.0.0.1] [--updates <dir>]
// Prints "listening on http://<host>:<port>" once ready; --port 0 picks a free port.
// --updates serves a folder of application updates (latest.yml, latest-linux.yml and the
// installers electron-builder wrote) under /updates/.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSacServer } from './app';

const USAGE =
  'Usage: sac-server --port <n> --data <dir> [--demo] [--host <address>] [--log-level <level>] [--updates <dir>] [--new-epoch]\n' +
  '  --new-epoch  after restoring the data folder from a backup: clients pull everything again and resend their recent actions';

async function main(): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: 'string', default: '8787' },
        data: { type: 'string' },
        demo: { type: 'boolean', default: false },
        host: { type: 'string', default: '127.0.0.1' },
        'log-level': { type: 'string', default: 'info' },
        updates: { type: 'string' },
        'new-epoch': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!values.data) {
    console.error(`--data is missing: give the folder where the server keeps its database.\n${USAGE}`);
    process.exit(2);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port ${values.port} is invalid: use an integer from 0 to 65535 (0 picks a free port).\n${USAGE}`);
    process.exit(2);
  }

  const updatesDir = values.updates ? resolve(values.updates) : undefined;
  if (updatesDir && (!existsSync(updatesDir) || !statSync(updatesDir).isDirectory())) {
    console.error(`--updates must name an existing folder; ${updatesDir} is not one.\n${USAGE}`);
    process.exit(2);
  }

  const { app } = await createSacServer({
    dataDir: resolve(values.data),
    demo: values.demo,
    newEpoch: values['new-epoch'],
    ...(updatesDir ? { updatesDir } : {}),
    logger: {
      level: values['log-level'],
      // Tokens and passwords never reach the log.
      redact: ['req.headers.authorization', 'req.headers.cookie', 'body.password'],
    },
  });
  const address = await app.listen({ port, host: values.host });
  const url = new URL(address);
  console.log(`listening on http://${values.host}:${url.port}`);

  const shutdown = (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

/** Explains the start-up failures an operator can fix in one line; anything else keeps its stack. */
function startupMessage(error: unknown): string | null {
  const { code, address, port, path } = error as { code?: string; address?: string; port?: number; path?: string };
  if (code === 'EADDRINUSE') return `port ${port} on ${address} is already in use; pass another --port, or --port 0 for a free one.`;
  if (code === 'EACCES' && port !== undefined) return `port ${port} needs privileges this user lacks; use a port above 1023.`;
  if (code === 'EADDRNOTAVAIL') return `address ${address} is not on this machine; pass --host 127.0.0.1 or one of its addresses.`;
  if (code === 'EEXIST' || code === 'ENOTDIR') return `--data ${path ?? ''} is a file, not a folder; give a folder path.`;
  if (code === 'EACCES' || code === 'EROFS') return `cannot write to ${path ?? 'the data folder'}; give a folder this user can write.`;
  return null;
}

main().catch((error: unknown) => {
  const message = startupMessage(error);
  if (message) console.error(`SAC server failed to start: ${message}`);
  else console.error('SAC server failed to start:', error);
  process.exit(1);
});
