// "Minhas solicitações": the organization's tickets with Protocolo, Assunto, Data, Situação and
// the deadline; accent-insensitive search, filters, sorting and CSV export. Rows are virtualized
// and pages load as the user scrolls, so the list stays fluid with 100,000 tickets.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Box, Button, Group, Paper, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { Link } from 'react-router';
import { countOf, formatDate, formatDateTime } from '../../../shared/format';
import type { TicketFilter, TicketListItem } from '../../../shared/ipc';
import { DeadlineBadge, PendingBadge, StatusBadge } from '../components/badges';
import { PageHeader } from '../components/PageHeader';
import { TicketFilters } from '../components/TicketFilters';
import type { SignedInSession } from '../../../shared/ipc';
import { callSac, SacCallError } from '../lib/sac';

const PAGE_SIZE = 100;
const ROW_HEIGHT = 52;

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

function TicketRow({ ticket, index, top }: { ticket: TicketListItem; index: number; top: number }) {
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="ticket-row"
      data-striped={index % 2 === 1 || undefined}
      style={{ transform: `translateY(${top}px)`, height: ROW_HEIGHT }}
    >
      <div role="cell" className="tabular ticket-cell" style={{ fontWeight: 600 }}>
        {ticket.protocol ?? <PendingBadge />}
      </div>
      <div role="cell" className="ticket-cell ticket-subject" title={ticket.subject}>
        {ticket.subject}
      </div>
      <div role="cell" className="tabular ticket-cell">
        {formatDate(ticket.createdAt)}
      </div>
      <div role="cell" className="ticket-cell">
        <StatusBadge status={ticket.status} />
      </div>
      <div role="cell" className="ticket-cell">
        <div className="deadline-cell">
          <DeadlineBadge state={ticket.deadline} />
          {ticket.deadline !== 'concluido' && (
            <Text size="xs" className="tabular" c="dimmed">
              {formatDateTime(ticket.dueAt)}
            </Text>
          )}
        </div>
      </div>
      <div role="cell" className="ticket-cell" style={{ justifyContent: 'flex-end' }}>
        <Button
          component={Link}
          to={`/solicitacoes/${ticket.id}`}
          variant="subtle"
          size="xs"
          aria-label={`Exibir detalhes da solicitação ${ticket.protocol ?? ticket.subject}`}
        >
          Exibir detalhes
        </Button>
      </div>
    </div>
  );
}

export function TicketListScreen({ session }: { session: SignedInSession }) {
  const isConsultant = session.user.role === 'consultor';
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<TicketFilter>({});
  const debouncedSearch = useDebounced(search.trim(), 200);
  const query: TicketFilter = useMemo(() => ({ ...filter, ...(debouncedSearch ? { search: debouncedSearch } : {}) }), [filter, debouncedSearch]);

  const tickets = useInfiniteQuery({
    queryKey: ['tickets.list', query, 'pages'],
    initialPageParam: 0,
    queryFn: ({ pageParam }) => callSac('tickets.list', { ...query, limit: PAGE_SIZE, offset: pageParam }),
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((sum, page) => sum + page.items.length, 0);
      return last.items.length === PAGE_SIZE && (last.totalCapped || loaded < last.total) ? loaded : undefined;
    },
  });
  const items = useMemo(() => tickets.data?.pages.flatMap((page) => page.items) ?? [], [tickets.data]);
  const first = tickets.data?.pages[0];

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastVisible = virtualRows.at(-1)?.index ?? 0;
  useEffect(() => {
    if (lastVisible >= items.length - 20 && tickets.hasNextPage && !tickets.isFetchingNextPage) void tickets.fetchNextPage();
  }, [lastVisible, items.length, tickets]);

  const exportCsv = useMutation<{ savedTo: string | null; rows: number }, SacCallError>({
    mutationFn: () => callSac('tickets.exportCsv', query),
    onSuccess: (result) => {
      if (result.savedTo) {
        notifications.show({ color: 'teal', title: 'Lista exportada', message: `${countOf(result.rows, 'solicitação', 'solicitações')} em ${result.savedTo}` });
      }
    },
    onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível exportar', message: error.message }),
  });

  const totalText = first
    ? first.totalCapped
      ? `Mais de ${first.total.toLocaleString('pt-BR')} solicitações`
      : countOf(first.total, 'solicitação', 'solicitações')
    : '';

  return (
    <>
      <PageHeader
        title={isConsultant ? 'Solicitações da organização' : 'Minhas solicitações'}
        description={
          isConsultant
            ? 'Todas as solicitações da organização escolhida no alto da tela, de todos os participantes.'
            : 'Solicite, elogie, faça sugestões e, se for o caso, reclame. Nossa equipe tratará sua manifestação o mais rápido possível e manterá você informado.'
        }
        actions={
          <>
            <Button
              variant="default"
              leftSection={<IconFileSpreadsheet size={18} aria-hidden />}
              loading={exportCsv.isPending}
              onClick={() => exportCsv.mutate()}
            >
              Exportar CSV
            </Button>
            <Button component={Link} to="/solicitacoes/nova" leftSection={<IconPlus size={18} aria-hidden />}>
              Nova
            </Button>
          </>
        }
      />
      <Paper withBorder radius="md" p="md">
        <Group mb="sm" gap="md" wrap="nowrap" align="flex-end">
          <TextInput
            label="Buscar"
            placeholder="Protocolo, assunto, descrição, comentários ou histórico"
            leftSection={<IconSearch size={16} aria-hidden />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            w={440}
          />
          <Text size="sm" c="dimmed" ml="auto" aria-live="polite" data-testid="ticket-total">
            {totalText}
          </Text>
        </Group>
        <TicketFilters value={filter} onChange={setFilter} />
        <div role="table" aria-label="Solicitações" aria-rowcount={first && !first.totalCapped ? first.total + 1 : -1} className="ticket-grid">
          <div role="row" aria-rowindex={1} className="ticket-row ticket-head">
            {['Protocolo', 'Assunto', 'Data', 'Situação', 'Prazo'].map((label) => (
              <div role="columnheader" key={label} className="ticket-cell">
                {label}
              </div>
            ))}
            <div role="columnheader" className="ticket-cell">
              <span className="visually-hidden">Ações</span>
            </div>
          </div>
          <Box ref={scrollRef} className="ticket-scroll" h="calc(100vh - 400px)" mih={260}>
            <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
              {virtualRows.map((row) => (
                <TicketRow key={items[row.index]!.id} ticket={items[row.index]!} index={row.index} top={row.start} />
              ))}
            </div>
          </Box>
        </div>
        {tickets.data && items.length === 0 && (
          <Text c="dimmed" ta="center" py="xl">
            Nenhuma solicitação encontrada.
          </Text>
        )}
      </Paper>
    </>
  );
}
