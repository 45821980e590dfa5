// Políticas e prazos: the procedure's texts as the server sends them, one tab each and readable
// offline: introduction, service levels, security, maintenance and update, and backup. The
// service-level tab adds the levels in force, and the update and backup tabs their guided requests.
import { Alert, Button, Group, List, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconDatabaseExport, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { Link, useNavigate, useParams } from 'react-router';
import { SEVERITIES, SEVERITY_PLAIN_WORDS } from '../../../shared/domain';
import { formatDate } from '../../../shared/format';
import type { PolicyView } from '../../../shared/ipc';
import type { PolicyBlock, SlaPolicyData } from '../../../shared/wire';
import { PageHeader } from '../components/PageHeader';
import { useSacQuery } from '../lib/sac';

const WEEKDAY_NAMES = ['', 'segunda-feira', 'terça-feira', 'quarta-feira', 'quinta-feira', 'sexta-feira', 'sábado', 'domingo'];

function Block({ block }: { block: PolicyBlock }) {
  if (block.kind === 'list' && block.items) {
    return (
      <List spacing="xs" withPadding>
        {block.items.map((item, index) => (
          <List.Item key={index}>{item}</List.Item>
        ))}
      </List>
    );
  }
  if (block.kind === 'note' && block.text) {
    return (
      <Alert color="institutional" variant="light" icon={<IconInfoCircle aria-hidden />}>
        {block.text}
      </Alert>
    );
  }
  // Paragraphs, and any kind this version does not know, show their text.
  return block.text ? <Text style={{ whiteSpace: 'pre-wrap' }}>{block.text}</Text> : null;
}

/** "de segunda a sexta-feira" for a run of days, otherwise the days one by one. */
function describeWeekdays(weekdays: number[]): string {
  const sorted = [...weekdays].sort();
  const contiguous = sorted.every((day, index) => index === 0 || day === sorted[index - 1]! + 1);
  if (contiguous && sorted.length > 1) {
    return `de ${WEEKDAY_NAMES[sorted[0]!]!.replace('-feira', '')} a ${WEEKDAY_NAMES[sorted.at(-1)!]}`;
  }
  return sorted.map((day) => WEEKDAY_NAMES[day]).join(', ');
}

/** Shows the service levels in force on this computer, from the policy the server sent. */
function ServiceLevels({ policy }: { policy: SlaPolicyData }) {
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={3} size="h5" mb="xs">
        Prazos em vigor
      </Title>
      <Table aria-label="Prazos de atendimento em vigor" verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Situação</Table.Th>
            <Table.Th>Prazo máximo</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SEVERITIES.map((severity) => {
            const duration = policy.durations[severity];
            return (
              <Table.Tr key={severity}>
                <Table.Td>{SEVERITY_PLAIN_WORDS[severity]}</Table.Td>
                <Table.Td className="tabular">
                  {'hours' in duration ? `${duration.hours} horas úteis` : `${duration.businessDays} dias úteis`}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Text size="sm" mt="sm">
        Horário comercial: {policy.businessHours.start} às {policy.businessHours.end}, {describeWeekdays(policy.businessHours.weekdays)},
        exceto feriados. Os prazos contam a partir do momento em que a solicitação chega ao servidor SAC.
      </Text>
      <Text size="sm" mt={4}>
        Telefone de plantão para paradas críticas fora do horário comercial: <strong>{policy.onCallPhone}</strong>
      </Text>
    </Paper>
  );
}

function GuidedRequest({ to, icon: Icon, title, text }: { to: string; icon: typeof IconRefresh; title: string; text: string }) {
  return (
    <Paper withBorder radius="md" p="md" bg="gray.0">
      <Group justify="space-between" wrap="nowrap">
        <Stack gap={2}>
          <Text fw={600}>{title}</Text>
          <Text size="sm" c="dimmed">
            {text}
          </Text>
        </Stack>
        <Button component={Link} to={to} leftSection={<Icon size={18} aria-hidden />} style={{ flexShrink: 0 }}>
          {title}
        </Button>
      </Group>
    </Paper>
  );
}

function PolicyPanel({ policy, sla }: { policy: PolicyView; sla: SlaPolicyData | undefined }) {
  return (
    <Stack gap="md" maw={880}>
      <Title order={2} size="h3">
        {policy.checklistItemId ? `${policy.checklistItemId} – ` : ''}
        {policy.title}
      </Title>
      {policy.blocks.map((block, index) => (
        <Block key={index} block={block} />
      ))}
      {policy.key === 'atendimento' && sla && <ServiceLevels policy={sla} />}
      {policy.key === 'manutencao' && (
        <GuidedRequest
          to="/pedidos/atualizacao"
          icon={IconRefresh}
          title="Solicitar atualização da plataforma"
          text="Escolha uma segunda, terça ou quarta-feira com pelo menos uma semana de antecedência."
        />
      )}
      {policy.key === 'backup' && (
        <GuidedRequest
          to="/pedidos/copia-do-banco"
          icon={IconDatabaseExport}
          title="Solicitar cópia do banco de dados"
          text="A cópia traz somente os dados da plataforma, nunca o código dos programas."
        />
      )}
      <Text size="xs" c="dimmed">
        Texto atualizado pelo fornecedor em {formatDate(policy.updatedAt)}.
      </Text>
    </Stack>
  );
}

export function PoliciesScreen() {
  const { key } = useParams();
  const navigate = useNavigate();
  const policies = useSacQuery('policies.list', {});
  const sla = useSacQuery('policy.get', {}).data;
  const list = policies.data ?? [];
  const active = list.find((policy) => policy.key === key) ?? list[0];

  return (
    <>
      <PageHeader
        title="Políticas e prazos"
        description="O procedimento de implantação, os prazos de atendimento e as políticas de segurança, de manutenção e atualização e de backup. Disponíveis também sem conexão."
      />
      {policies.isSuccess && list.length === 0 && (
        <Alert color="blue" maw={880}>
          Os textos ainda não foram recebidos do servidor SAC. Eles aparecem aqui depois da próxima sincronização.
        </Alert>
      )}
      {active && (
        <Paper withBorder radius="md" p="lg">
          <Tabs value={active.key} onChange={(value) => value && navigate(`/politicas/${value}`)} keepMounted={false}>
            <Tabs.List mb="lg">
              {list.map((policy) => (
                <Tabs.Tab key={policy.key} value={policy.key}>
                  {policy.title}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {list.map((policy) => (
              <Tabs.Panel key={policy.key} value={policy.key}>
                <PolicyPanel policy={policy} sla={sla} />
              </Tabs.Panel>
            ))}
          </Tabs>
        </Paper>
      )}
    </>
  );
}
