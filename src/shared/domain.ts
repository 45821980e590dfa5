// Domain vocabulary of the SAC: the wire slugs, their pt-BR labels and the fixed lists
// (checklist items, implementation stages) that the vendor's client procedure defines.

export const TICKET_TYPES = ['solicitacao', 'reclamacao', 'elogio', 'sugestao'] as const;
export type TicketType = (typeof TICKET_TYPES)[number];

export const TICKET_TYPE_LABELS: Record<TicketType, string> = {
  solicitacao: 'Solicitação',
  reclamacao: 'Reclamação',
  elogio: 'Elogio',
  sugestao: 'Sugestão',
};

/** What each type means, as the procedure explains it to the client. */
export const TICKET_TYPE_HINTS: Record<TicketType, string> = {
  solicitacao: 'Pedir uma nova função ou um ajuste no seu sistema.',
  reclamacao: 'Relatar um mau funcionamento do sistema.',
  elogio: 'Elogiar funções do sistema, do site, dos aplicativos ou o atendimento.',
  sugestao: 'Sugerir melhorias para o sistema, o site ou os aplicativos.',
};

export const TICKET_STATUSES = ['analise', 'producao', 'concluida'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  analise: 'Análise',
  producao: 'Produção',
  concluida: 'Concluída',
};

export const SEVERITIES = ['suporte_remoto', 'critica', 'critica_presencial', 'media', 'evolutiva'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  suporte_remoto: 'Suporte remoto',
  critica: 'Crítica',
  critica_presencial: 'Crítica com visita presencial',
  media: 'Média',
  evolutiva: 'Nova funcionalidade (PDC)',
};

/** The severity in the user's words, as the new-ticket form asks for it. */
export const SEVERITY_PLAIN_WORDS: Record<Severity, string> = {
  critica: 'Sistema parado: o software não funciona',
  critica_presencial: 'Sistema parado e é preciso atendimento no local',
  media: 'Funcionamento prejudicado ou restrito',
  suporte_remoto: 'Preciso de suporte remoto (web ou telefone)',
  evolutiva: 'Nova funcionalidade (contrato de PDC)',
};

/** Where a ticket stands against its service-level deadline. */
export const DEADLINE_STATES = ['no_prazo', 'proximo', 'atrasado', 'concluido'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

export const DEADLINE_STATE_LABELS: Record<DeadlineState, string> = {
  no_prazo: 'No prazo',
  proximo: 'Prazo próximo',
  atrasado: 'Atrasada',
  concluido: 'Encerrado',
};

export const ROLES = ['cliente', 'consultor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  cliente: 'Cliente',
  consultor: 'Consultor',
};

export const CHECKLIST_ITEM_IDS = ['01', '02', '03', '04', '05', '06', '07'] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEM_IDS)[number];

/** The seven activities of the procedure's first page, with the wording printed there. */
export const CHECKLIST_ITEMS: ReadonlyArray<{ id: ChecklistItemId; title: string }> = [
  { id: '01', title: 'Ler atentamente este procedimento' },
  { id: '02', title: 'SAC – Serviço de Atendimento ao Cliente' },
  { id: '03', title: 'Próximas etapas' },
  { id: '04', title: 'Atendimento' },
  { id: '05', title: 'Políticas de segurança' },
  { id: '06', title: 'Política de manutenção e atualização' },
  { id: '07', title: 'Política de backup' },
];

export const STAGE_KEYS = ['levantamento', 'treinamento', 'operacao_assistida', 'manutencao_suporte'] as const;
export type StageKey = (typeof STAGE_KEYS)[number];

export const STAGE_LABELS: Record<StageKey, string> = {
  levantamento: 'Levantamento',
  treinamento: 'Treinamento',
  operacao_assistida: 'Operação assistida',
  manutencao_suporte: 'Manutenção e suporte',
};

export const STAGE_STATUSES = ['pendente', 'em_andamento', 'concluida'] as const;
export type StageStatus = (typeof STAGE_STATUSES)[number];

export const STAGE_STATUS_LABELS: Record<StageStatus, string> = {
  pendente: 'Não iniciada',
  em_andamento: 'Em andamento',
  concluida: 'Concluída',
};

/** Builds the id of a participant's checklist item, which is the same on client and server. */
export function checklistEntryId(userId: string, itemId: ChecklistItemId): string {
  return `${userId}:${itemId}`;
}

/** What each implementation stage means, as the procedure explains it to the client. */
export const STAGE_DESCRIPTIONS: Record<StageKey, string> = {
  levantamento:
    'O consultor entende como funciona a sua organização e como a ferramenta contratada deve se adequar para atendê-la da melhor maneira.',
  treinamento: 'A equipe capacita os usuários que vão utilizar a ferramenta.',
  operacao_assistida:
    'O consultor acompanha o funcionamento da ferramenta, aponta o que precisa melhorar e tira as dúvidas dos usuários.',
  manutencao_suporte:
    'O sistema já funciona normalmente, e a equipe fica à disposição para novas sugestões e para o suporte técnico.',
};
