// A date field typed as dd/mm/aaaa or picked in a calendar. Mantine's DateInput silently drops
// text that is not a date or falls outside minDate/maxDate, and puts the last valid value back
// on blur. This wrapper explains why, so a typed date is never lost without an explanation.
import { useEffect, useState, type ComponentProps } from 'react';
import { DateInput } from '@mantine/dates';
import { parseBrazilianDate } from '../../../shared/format';


type DateInputProps = ComponentProps<typeof DateInput>;

export interface DateFieldProps extends Omit<DateInputProps, 'value' | 'onChange' | 'error' | 'valueFormat' | 'dateParser'> {
  value: string | null;
  /** Receives a date (YYYY-MM-DD) once it is a real date within minDate and maxDate. */
  onChange: (isoDate: string) => void;
  /** Explains why a typed real date is refused, such as one in the future; null accepts it. */
  explainRejected?: (isoDate: string) => string | null;
  error?: string | null | undefined;
  /**
   * Shows the message elsewhere, for fields in narrow columns: the field only turns red, points
   * at the element with this id through aria-describedby, and reports the message to `onMessage`.
   */
  externalMessage?: { id: string; onMessage: (message: string | null) => void };
}

export function DateField({ value, onChange, explainRejected, error, externalMessage, onBlur, onKeyDown, ...rest }: DateFieldProps) {
  const [typedError, setTypedError] = useState<string | null>(null);
  const message = typedError ?? error ?? null;
  const onMessage = externalMessage?.onMessage;
  useEffect(() => onMessage?.(message), [message, onMessage]);
  // A disabled field, such as the date of an item just unticked, has nothing left to explain.
  const disabled = rest.disabled;
  useEffect(() => {
    if (disabled) setTypedError(null);
  }, [disabled]);

  // The field shows the previous date again after a rejected one, and the message tells the user.
  const kept = value ? ' A data anterior foi mantida.' : '';
  const checkTyped = (text: string) => {
    const trimmed = text.trim();
    if (!trimmed) return setTypedError(null);
    const isoDate = parseBrazilianDate(trimmed);
    if (!isoDate) {
      const example = 'Digite a data no formato dd/mm/aaaa, por exemplo 05/03/2026.';
      return setTypedError(`Data inválida: "${trimmed}". ${example}${kept}`);
    }
    const problem = explainRejected?.(isoDate) ?? null;
    if (problem && isoDate !== value) return setTypedError(`${problem} A data digitada foi ${trimmed}.${kept}`);
    setTypedError(problem);
  };

  return (
    <DateInput
      {...rest}
      placeholder={rest.placeholder ?? 'dd/mm/aaaa'}
      valueFormat="DD/MM/YYYY"
      dateParser={(text) => parseBrazilianDate(text)}
      value={value}
      error={externalMessage ? Boolean(message) : (message ?? undefined)}
      {...(externalMessage && message ? { 'aria-describedby': externalMessage.id } : {})}
      classNames={{ input: 'tabular' }}
      onChange={(next) => {
        if (!next) return;
        setTypedError(null);
        onChange(next.slice(0, 10));
      }}
      onBlur={(event) => {
        checkTyped(event.currentTarget.value);
        onBlur?.(event);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') checkTyped(event.currentTarget.value);
        onKeyDown?.(event);
      }}
    />
  );
}
