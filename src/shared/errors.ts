// Error codes of the app and their pt-BR messages, in one place. The main process raises
// AppError with a code; the message the user reads comes from this table unless the server sent one.

export const ERROR_MESSAGES = {
  offline:
    'Sem conexão com o servidor SAC. Suas ações ficam guardadas neste computador e serão enviadas quando a conexão voltar.',
  timeout: 'O servidor SAC demorou demais para responder. Uma nova tentativa será feita automaticamente.',
  server_unavailable:
    'O servidor SAC está indisponível no momento (erro {status}). Uma nova tentativa será feita automaticamente.',
  captive_portal:
    'A rede respondeu com uma página que não é do SAC, como a página de acesso de uma rede Wi-Fi. Conclua o acesso à rede no navegador e tente de novo.',
  invalid_response:
    'O servidor SAC enviou uma resposta incompleta ou fora do formato esperado. Uma nova tentativa será feita automaticamente; se persistir, avise o suporte.',
  unauthorized: 'Sua sessão expirou ou foi encerrada. Entre novamente para continuar sincronizando.',
  rate_limited: 'Muitas tentativas em pouco tempo. Aguarde alguns minutos e tente de novo.',
  invalid_input: 'Alguns campos não estão corretos. Confira os campos destacados.',
  not_signed_in: 'Entre com seu e-mail e senha para continuar.',
  not_found: 'O item pedido não foi encontrado neste computador. Sincronize e tente de novo.',
  forbidden: 'Seu perfil não permite esta ação.',
  attachment_too_large: 'O arquivo "{fileName}" tem {size}, acima do limite de {limit}. Reduza o arquivo ou envie-o em partes.',
  attachment_blocked:
    'O arquivo "{fileName}" não pode ser anexado porque é um programa ou script. Compacte-o em .zip ou envie outro formato.',
  attachment_bad_name:
    'O nome do arquivo "{fileName}" tem barras ou caracteres de controle, que o servidor SAC não aceita. Renomeie o arquivo e anexe de novo.',
  attachment_missing: 'O anexo "{fileName}" não está mais neste computador. Anexe o arquivo de novo.',
  ticket_not_concluded: 'Só é possível rejeitar uma solicitação concluída.',
  future_date: 'A data de conclusão não pode estar no futuro. Informe a data em que a atividade foi feita.',
  local_database_too_new:
    'Os dados deste usuário neste computador foram gravados por uma versão mais nova do SAC Desktop (versão {found} do banco local; esta conhece até a versão {latest}). Atualize o SAC Desktop para continuar.',
  pdf_failed: 'Não foi possível gerar o PDF. Tente de novo; se persistir, avise o suporte.',
  server_identity_unavailable:
    'O servidor SAC aceitou seu e-mail e senha, mas não respondeu à consulta que identifica o servidor. Aguarde alguns instantes e tente entrar de novo (aba Entrar), com o mesmo e-mail e senha.',
  secret_storage_unavailable:
    'Este computador não tem um cofre de senhas do sistema (como o GNOME Keyring ou o KWallet), então o SAC Desktop não pode guardar sua sessão de forma protegida.',
  update_not_ready: 'Nenhuma atualização foi baixada ainda. Aguarde o fim do download.',
  backup_failed:
    'Não foi possível gravar a cópia local. Confira se há espaço livre no destino escolhido e tente de novo; seus dados neste computador não foram alterados.',
  local_data_unreadable:
    'Os dados deste usuário neste computador estão danificados e não puderam ser abertos. Nada foi apagado. Exporte uma cópia local e o diagnóstico e envie os dois arquivos ao suporte.',
  internal: 'Ocorreu um erro inesperado. Tente de novo; se persistir, exporte o diagnóstico e avise o suporte.',
} as const;

export type ErrorCode = keyof typeof ERROR_MESSAGES;

/** Fills {name} placeholders of a message template. */
export function formatMessage(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** An error with a code that maps to a pt-BR sentence; its message is what the user reads. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields?: Array<{ path: string; message: string }>,
  ) {
    super(message);
    this.name = 'AppError';
  }

  static of(code: ErrorCode, values?: Record<string, string | number>): AppError {
    return new AppError(code, formatMessage(ERROR_MESSAGES[code], values));
  }
}
