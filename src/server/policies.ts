// The vendor's texts that every server starts with: the procedure's introduction, its service
// levels ("Atendimento"), and its security, maintenance and update, and backup policies. They
// travel as `policy` documents, so clients show them offline and the vendor can change them
// without a release: seeding writes a text only when the server has no document with its key.
import type { PolicyData } from '../shared/wire';
import { writeDocument, readDocument, type Trx } from './sync/documents';

export type DefaultPolicy = Omit<PolicyData, 'updatedAt'>;

export const DEFAULT_POLICIES: readonly DefaultPolicy[] = [
  {
    key: 'procedimento',
    position: 1,
    title: 'Sobre este procedimento',
    checklistItemId: '01',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'Você está prestes a iniciar sua participação no processo de implantação. Os passos deste procedimento são muito ' +
          'importantes para que possamos prestar nosso atendimento da melhor forma possível e dentro dos prazos contratados.',
      },
      {
        kind: 'paragraph',
        text:
          'A seguir você tem acesso ao passo a passo de cada uma das atividades do checklist: o SAC, as próximas etapas, ' +
          'o atendimento e as políticas de segurança, de manutenção e atualização e de backup. Caso tenha uma dúvida, entre em ' +
          'contato com nossa equipe pelo canal mais apropriado da tabela de contatos.',
      },
      {
        kind: 'list',
        items: [
          '01 – Ler atentamente este procedimento.',
          '02 – SAC – Serviço de Atendimento ao Cliente: abra e acompanhe suas solicitações.',
          '03 – Próximas etapas: Levantamento, Treinamento, Operação assistida, Manutenção e suporte.',
          '04 – Atendimento: os prazos de atendimento das solicitações.',
          '05 – Políticas de segurança.',
          '06 – Política de manutenção e atualização.',
          '07 – Política de backup.',
        ],
      },
      {
        kind: 'note',
        text: 'Marque no checklist as atividades que você já fez e preencha as datas para acompanhar o seu desempenho.',
      },
    ],
  },
  {
    key: 'atendimento',
    position: 2,
    title: 'Atendimento',
    checklistItemId: '04',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'Além de saber como funciona a ferramenta de SAC, é importante que você conheça os nossos prazos de atendimento ' +
          'caso sua ferramenta apresente alguma instabilidade. Os prazos contam a partir da abertura do chamado no SAC:',
      },
      {
        kind: 'list',
        items: [
          'Máximo de 2 (duas) horas para atendimento remoto via web ou telefone (suporte técnico).',
          'Máximo de 4 (quatro) horas para problemas de software sem condições de funcionamento (severidade crítica). ' +
            'Caso seja necessário atendimento no local, o prazo passa a ser de 8 (oito) horas.',
          'Máximo de 24 (vinte e quatro) horas para problemas que prejudiquem ou restrinjam o pleno funcionamento do software ' +
            '(severidade média).',
          'Máximo de 5 dias úteis para ajustes nas ferramentas contratadas, caso você tenha contratado o serviço de PDC – ' +
            'Prestação de Desenvolvimento Continuado (novas funcionalidades).',
        ],
      },
      {
        kind: 'note',
        text:
          'O atendimento fora do horário comercial para paradas críticas no sistema deve ser feito pelo telefone de plantão ' +
          '(00) 0000-0000, depois de aberto o chamado no SAC.',
      },
    ],
  },
  {
    key: 'seguranca',
    position: 3,
    title: 'Políticas de segurança',
    checklistItemId: '05',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'Zelamos pela segurança das aplicações e dos bancos de dados, garantindo o máximo de confiabilidade com sistemas de ' +
          'firewall, políticas de segurança da informação e senhas fortes, para minimizar o risco de ataques e de violação das ' +
          'aplicações por acesso indevido de usuários não autorizados.',
      },
      {
        kind: 'paragraph',
        text:
          'Contudo, não nos responsabilizamos por acesso indevido de usuários autorizados. Evite deixar sua senha salva em ' +
          'navegadores ou em locais a que outras pessoas tenham acesso.',
      },
      { kind: 'note', text: 'Você é responsável pela sua senha.' },
    ],
  },
  {
    key: 'manutencao',
    position: 4,
    title: 'Política de manutenção e atualização',
    checklistItemId: '06',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'A atualização de versões é o direito de receber sem ônus todas as atualizações corretivas e evolutivas do software. ' +
          'As atualizações corretivas asseguram o correto funcionamento do produto e dos módulos desenvolvidos durante o ' +
          'período contratual, com correções de erros e atualizações de compatibilidade para novas versões de sistemas ' +
          'operacionais e equipamentos. As atualizações evolutivas trazem melhorias do produto, incluindo novas ' +
          'funcionalidades criadas durante o prazo contratual.',
      },
      {
        kind: 'paragraph',
        text:
          'Toda semana uma nova versão é lançada com correções e novas funcionalidades. A atualização só é feita de ' +
          'segunda-feira a quarta-feira, depois de pedida pelo SAC com 1 (uma) semana de antecedência.',
      },
      {
        kind: 'paragraph',
        text: 'Para saber se sua plataforma precisa ser atualizada, entre em contato diretamente com o seu consultor.',
      },
    ],
  },
  {
    key: 'backup',
    position: 5,
    title: 'Política de backup',
    checklistItemId: '07',
    blocks: [
      {
        kind: 'paragraph',
        text:
          'Mantemos rotinas de backup diárias e semanais para que você não perca as informações da sua plataforma: ' +
          'diariamente um backup incremental e semanalmente um backup completo, de forma automatizada ou manual sempre que ' +
          'necessário.',
      },
      {
        kind: 'paragraph',
        text: 'Caso deseje receber uma cópia da base de dados da sua plataforma, solicite pelo SAC.',
      },
      {
        kind: 'note',
        text:
          'Na cópia da base de dados são enviadas somente as informações inseridas e geradas pela plataforma. A estrutura de ' +
          'código de programação das ferramentas não é enviada.',
      },
      { kind: 'paragraph', text: 'Os backups da base de dados da sua plataforma respeitam a Lei 12.527/2011.' },
    ],
  },
];

/** Writes each default text whose key the server does not have yet; an edited text stays as it is. */
export async function seedPolicies(trx: Trx, now: string): Promise<number> {
  let written = 0;
  for (const policy of DEFAULT_POLICIES) {
    if (await readDocument(trx, 'policy', policy.key)) continue;
    const data: PolicyData = { ...policy, updatedAt: now };
    await writeDocument(trx, { entity: 'policy', id: policy.key, organizationId: null, data });
    written++;
  }
  return written;
}
