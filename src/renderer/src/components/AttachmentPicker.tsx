// Anexos of a new ticket: pick files or drop them on the zone. The server's size and type limits
// (learned through IPC and kept for offline use) are checked before a file is read, and the main
// process checks them again when it stores the file. Images show a preview.
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { Alert, Button, CloseButton, FileButton, Group, Image, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconFile, IconPaperclip, IconUpload } from '@tabler/icons-react';
import { formatFileSize } from '../../../shared/format';
import type { StagedAttachment } from '../../../shared/ipc';
import { callSac, useSacQuery } from '../lib/sac';

export type PickedAttachment = StagedAttachment & { previewUrl: string | null };

/** Returns the extension that blocks a file name, ignoring trailing dots and spaces as Windows does. */
function blockedExtension(fileName: string, blocked: string[]): string | null {
  const name = fileName.replace(/[. ]+$/, '');
  if (!name.includes('.')) return null;
  const extension = name.toLowerCase().split('.').pop() ?? '';
  return blocked.includes(extension) ? extension : null;
}

export function AttachmentPicker({ value, onChange }: { value: PickedAttachment[]; onChange: (next: PickedAttachment[]) => void }) {
  const limits = useSacQuery('attachments.limits', {}).data;
  const [errors, setErrors] = useState<string[]>([]);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const latest = useRef(value);
  latest.current = value;

  // Object URLs hold the file in memory until revoked.
  useEffect(() => () => latest.current.forEach((item) => item.previewUrl && URL.revokeObjectURL(item.previewUrl)), []);

  const addFiles = async (files: File[]) => {
    const problems: string[] = [];
    let next = [...latest.current];
    setBusy(true);
    for (const file of files) {
      if (limits) {
        const extension = blockedExtension(file.name, limits.blockedExtensions);
        if (extension) {
          problems.push(`O arquivo "${file.name}" não pode ser anexado porque é um programa ou script (.${extension}). Compacte-o em .zip ou envie outro formato.`);
          continue;
        }
        if (file.size > limits.maxBytes) {
          problems.push(`O arquivo "${file.name}" tem ${formatFileSize(file.size)}, acima do limite de ${formatFileSize(limits.maxBytes)}. Reduza o arquivo ou envie-o em partes.`);
          continue;
        }
      }
      try {
        const data = new Uint8Array(await file.arrayBuffer());
        const staged = await callSac('attachments.stage', { fileName: file.name, contentType: file.type, data });
        if (next.some((item) => item.sha256 === staged.sha256)) continue;
        const previewUrl = file.type.startsWith('image/') && file.type !== 'image/svg+xml' ? URL.createObjectURL(file) : null;
        next = [...next, { ...staged, previewUrl }];
        onChange(next);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    setBusy(false);
    setErrors(problems);
  };

  const remove = (sha256: string) => {
    const item = latest.current.find((candidate) => candidate.sha256 === sha256);
    if (item?.previewUrl) URL.revokeObjectURL(item.previewUrl);
    onChange(latest.current.filter((candidate) => candidate.sha256 !== sha256));
  };

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void addFiles([...event.dataTransfer.files]);
  };

  return (
    <Stack gap="xs">
      <Text size="sm" fw={500} id="anexos-label">
        Anexos
      </Text>
      <div
        className="drop-zone"
        data-active={dragging || undefined}
        data-testid="drop-zone"
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Group gap="md" wrap="nowrap">
          <IconUpload size={28} color="var(--mantine-color-institutional-7)" aria-hidden />
          <Stack gap={2} style={{ flex: 1 }}>
            <Text size="sm">Arraste arquivos para cá ou escolha no computador.</Text>
            <Text size="xs" c="dimmed" id="anexos-regras">
              Opcional. Em caso de erro no sistema, envie uma imagem da tela.
              {limits && ` Até ${formatFileSize(limits.maxBytes)} por arquivo; programas e scripts (.exe, .bat, .js…) não são aceitos.`}
            </Text>
          </Stack>
          <FileButton multiple onChange={(files) => void addFiles(files)}>
            {(props) => (
              <Button
                {...props}
                variant="default"
                loading={busy}
                leftSection={<IconPaperclip size={16} aria-hidden />}
                aria-describedby="anexos-label anexos-regras"
              >
                Escolher arquivos
              </Button>
            )}
          </FileButton>
        </Group>
      </div>
      {value.length === 0 && (
        <Text size="sm" c="dimmed">
          Nenhum arquivo selecionado
        </Text>
      )}
      {errors.map((message) => (
        <Alert key={message} color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
          {message}
        </Alert>
      ))}
      {value.length > 0 && (
        <SimpleGrid cols={3} spacing="sm">
          {value.map((attachment) => (
            <Paper key={attachment.sha256} withBorder radius="md" p="xs">
              <Group gap="xs" wrap="nowrap" align="flex-start">
                {attachment.previewUrl ? (
                  <Image src={attachment.previewUrl} alt={`Pré-visualização de ${attachment.fileName}`} w={64} h={64} fit="cover" radius="sm" />
                ) : (
                  <IconFile size={40} aria-hidden color="var(--mantine-color-gray-7)" />
                )}
                <Stack gap={0} style={{ flex: 1, minWidth: 0 }}>
                  <Text size="sm" style={{ overflowWrap: 'anywhere' }} data-testid="staged-name">
                    {attachment.fileName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatFileSize(attachment.size)}
                  </Text>
                </Stack>
                <CloseButton size="sm" aria-label={`Remover ${attachment.fileName}`} onClick={() => remove(attachment.sha256)} />
              </Group>
            </Paper>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
