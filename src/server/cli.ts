// Command line of the reference SAC server:
//   npm run server -- --port <n> --data <dir> [--demo] [--host 127.0.0.1] [--updates <dir>]
//   npm run server -- --data <dir> --add-organization "<name>"
// Prints "listening on http://<host>:<port>" once ready; --port 0 picks a free port.
// --updates serves a folder of application updates (latest.yml, latest-linux.yml and the
// installers electron-builder wrote) under /updates/. --add-organization creates an
// organization with its invite codes, prints them and exits.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSacServer } from './app';
import { openServerDatabase } from './db/connect';
import { addOrganization } from './organizations';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

const USAGE =
  'Usage: npm run server -- --port <n> --data <dir> [--demo] [--host <address>] [--log-level <level>] [--updates <dir>] [--new-epoch]\n' +
  '       npm run server -- --data <dir> --add-organization "<name>"\n' +
  '  --port <n>           port to listen on (default 8787; 0 picks a free one)\n' +
  '  --data <dir>         folder of the server database (created if missing)\n' +
  '  --demo               add the demonstration organizations, invite codes and tickets\n' +
  '  --host <address>     address to listen on (default 127.0.0.1)\n' +
  `  --log-level <level>  one of ${LOG_LEVELS.join(', ')} (default info)\n` +
  '  --updates <dir>      serve a folder of application updates under /updates/\n' +
  '  --new-epoch          required at the first start after restoring the data folder from a backup:\n' +
  '                       clients pull everything again and resend their recent actions\n' +
  '  --add-organization   create an organization, print its two invite codes (staff and consultants) and exit';

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
        'add-organization': { type: 'string' },
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
  if (values['add-organization'] !== undefined) {
    const db = await openServerDatabase(resolve(values.data));
    try {
      const created = await addOrganization(db, values['add-organization']);
      console.log(`organization "${values['add-organization'].trim()}" created (${created.organizationId})`);
      console.log(`invite code for its staff (cliente):           ${created.invites.cliente}`);
      console.log(`invite code for the consultants (consultor):   ${created.invites.consultor}`);
    } catch (error) {
      console.error(`--add-organization failed: ${(error as Error).message}.`);
      process.exitCode = 2;
    } finally {
      await db.destroy();
    }
    return;
  }
  if (!LOG_LEVELS.includes(values['log-level'])) {
    console.error(`--log-level ${values['log-level']} is invalid: use one of ${LOG_LEVELS.join(', ')}.\n${USAGE}`);
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

  const { app, db } = await createSacServer({
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
  const organization = await db.selectFrom('organizations').select('id').executeTakeFirst();
  if (!organization) {
    console.log(`No organization found, so no one can sign up. Create one with: npm run server -- --data ${values.data} --add-organization "<name>"`);
  }

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
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    const host = (error as { hostname?: string }).hostname ?? '';
    return `--host ${host} is not a known name or address; pass 127.0.0.1 or one of this machine's addresses.`;
  }
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
