// A small button that copies a text through the main process (the shell's clipboard works in the
// sandboxed window, where the renderer's clipboard API needs a permission the app never grants)
// and confirms it in a tooltip and to screen readers.
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

  const feedback = state === 'copied' ? 'Copiado' : state === 'failed' ? 'Não foi possível copiar' : label;
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
