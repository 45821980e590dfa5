// Handlers that reach the desktop: opening the e-mail program at an address of the contacts
// table, and copying a short text to the clipboard.
import { contactListsEmail } from '../../../shared/contactChannels';
import { AppError } from '../../../shared/errors';
import type { AppCore } from '../appCore';
import { createLogger, describeError } from '../log';
import { listContacts } from '../queries';
import type { HandlerGroup } from './types';

const log = createLogger('desktop');

/**
 * Builds the mailto: link itself, and only for an address that the contact's own text lists, so
 * the renderer cannot hand any other link (or a mailto: with a prefilled body) to the system.
 */
async function openContactEmail(core: AppCore, contactId: string, address: string) {
  const contact = listContacts(core.requireAccount().db).find((item) => item.id === contactId);
  if (!contact || !contactListsEmail(contact.how, address)) throw AppError.of('not_found');
  const links = core.options.links;
  if (!links) throw new AppError('unavailable', 'Este computador não tem um programa de e-mail configurado para o SAC Desktop.');
  try {
    await links.openMailTo(`mailto:${encodeURIComponent(address.trim()).replace(/%40/g, '@')}`);
  } catch (error) {
    log.warn('e-mail program did not open', describeError(error));
    throw new AppError(
      'mail_program_failed',
      `Não foi possível abrir o programa de e-mail. Copie o endereço ${address.trim()} e escreva pelo seu e-mail.`,
    );
  }
  return { opened: true as const };
}

export const desktopHandlers: HandlerGroup<'contacts.openEmail' | 'clipboard.copy'> = {
  'contacts.openEmail': (core, input) => openContactEmail(core, input.contactId, input.address),

  'clipboard.copy': (core, input) => {
    const clipboard = core.options.clipboard;
    if (!clipboard) throw new AppError('unavailable', 'A área de transferência não está disponível neste computador.');
    clipboard.writeText(input.text);
    return { copied: true as const };
  },
};
