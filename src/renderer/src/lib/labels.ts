// Colours and labels shown with situations and deadlines. Each colour always comes with a word
// and an icon, never alone, and every pair passes WCAG AA contrast on the badge background.
import type { DeadlineState, TicketStatus } from '../../../shared/domain';

export const STATUS_COLORS: Record<TicketStatus, string> = {
  analise: 'blue',
  producao: 'orange',
  concluida: 'green',
};

export const DEADLINE_COLORS: Record<DeadlineState, string> = {
  no_prazo: 'teal',
  proximo: 'yellow',
  atrasado: 'red',
  concluido: 'gray',
};
