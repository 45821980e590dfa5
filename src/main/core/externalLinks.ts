// The links the app itself shows: pages of the signed-in SAC server and the addresses and links
// in the server's contacts. The shell opens nothing else in the system browser or mail program.
import type { AppCore } from './appCore';
import { listContacts } from './queries';

export function knownExternalLinks(core: AppCore): { serverUrl: string | null; referenceTexts: string[] } {
  const account = core.currentAccount;
  if (!account) return { serverUrl: null, referenceTexts: [] };
  return {
    serverUrl: account.serverUrl,
    referenceTexts: listContacts(account.db).map((contact) => JSON.stringify(contact)),
  };
}
