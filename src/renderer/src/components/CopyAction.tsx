// A small button that copies a text and confirms it in a tooltip and to screen readers. The copy
// goes through the main process, because the renderer's clipboard API needs a permission that
// the app window is never granted.
import { useEffect, useState } from 'react';
import { ActionIcon, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { callSac } from '../lib/sac';

export function CopyAction({ text, label }: { text: string; label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), 2_000);
    return () => clearTimeout(timer);
  }, [state]);

  const copy = () => {
    callSac('clipboard.copy', { text }).then(
      () => setState('copied'),
      () => setState('failed'),
    );
  };

  let feedback = label;
  if (state === 'copied') feedback = 'Copiado';
  if (state === 'failed') feedback = 'Não foi possível copiar';
  return (
    <>
      <Tooltip label={feedback} opened={state !== 'idle' ? true : undefined} withArrow>
        <ActionIcon variant="subtle" color={state === 'copied' ? 'teal' : 'gray'} size="md" aria-label={label} onClick={copy}>
          {state === 'copied' ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
        </ActionIcon>
      </Tooltip>
      <VisuallyHidden role="status">{state === 'idle' ? '' : feedback}</VisuallyHidden>
    </>
  );
}
