// Validation messages in Brazilian Portuguese for every zod schema of a process: zod's pt-BR
// locale, with plain sentences for the cases a form shows most (a missing field, a text too
// short or too long).
import { z } from 'zod';

function plainMessage(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'Campo obrigatório.';
  if (issue.code === 'too_small' && issue.origin === 'string') {
    const minimum = Number(issue.minimum);
    return minimum <= 1 ? 'Campo obrigatório.' : `Use pelo menos ${minimum} caracteres.`;
  }
  if (issue.code === 'too_big' && issue.origin === 'string') return `Use no máximo ${Number(issue.maximum)} caracteres.`;
  return undefined;
}

export function useBrazilianValidationMessages(): void {
  z.config({ ...z.locales.ptBR(), customError: plainMessage });
}
