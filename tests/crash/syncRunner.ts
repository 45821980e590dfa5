// Child process of the crash test: opens a user's local store and syncs until nothing is left
// to send and a sync completes, reporting each phase on stdout. The parent kills it with SIGKILL
// at random moments and starts it again.
//   node --import tsx tests/crash/syncRunner.ts '<json options>'
import { Account } from '../../src/main/core/account';
import type { User } from '../../src/shared/wire';

interface RunnerOptions {
  dir: string;
  serverUrl: string;
  user: User;
  token: string;
  pushBatch: number;
  pullLimit: number;
}

async function main(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as RunnerOptions;
  let lastPhase = '';
  const account = new Account({
    dir: options.dir,
    serverUrl: options.serverUrl,
    user: options.user,
    token: options.token,
    automaticSync: false,
    pushBatch: options.pushBatch,
    pullLimit: options.pullLimit,
    onSyncStatus: (status) => {
      const phase = status.progress?.phase ?? '';
      if (phase && phase !== lastPhase) process.stdout.write(`phase ${phase}\n`);
      lastPhase = phase;
    },
    onDataChanged: () => undefined,
  });
  for (let round = 0; round < 50; round++) {
    const status = await account.engine.syncNow();
    if (status.lastError === null && status.pendingCount === 0) {
      process.stdout.write('done\n');
      await account.close();
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('sync did not complete in 50 rounds');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
