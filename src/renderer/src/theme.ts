// The Mantine theme: system fonts only (no remote content), a deep blue that keeps AA contrast
// for white text, and a visible focus ring for keyboard users.
import {
  createTheme,
  defaultVariantColorsResolver,
  Notification,
  parseThemeColor,
  type CSSVariablesResolver,
  type MantineColorsTuple,
  type VariantColorsResolver,
} from '@mantine/core';
import { DateInput } from '@mantine/dates';

const institutionalBlue: MantineColorsTuple = [
  '#e8f1fb',
  '#d0e0f4',
  '#a2c0e8',
  '#6f9edb',
  '#4781d0',
  '#2f6fc9',
  '#1f5fb5',
  '#174f99',
  '#10407d',
  '#082f5e',
];

/**
 * Text colours for light, outline and subtle badges and buttons. Mantine's defaults (shade 6)
 * miss WCAG AA contrast on their tinted backgrounds; these reach at least 4.5:1.
 */
const ACCESSIBLE_TEXT: Record<string, string> = {
  institutional: '#10407d',
  blue: '#1864ab',
  orange: '#a8380b',
  green: '#1f6e30',
  teal: '#07694b',
  yellow: '#8a4700',
  red: '#b02525',
  gray: '#343a40',
};

const variantColorResolver: VariantColorsResolver = (input) => {
  const defaults = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  const text = parsed.isThemeColor ? ACCESSIBLE_TEXT[parsed.color] : undefined;
  if (!text) return defaults;
  if (input.variant === 'light' || input.variant === 'subtle' || input.variant === 'dot') {
    return { ...defaults, color: text, hoverColor: text };
  }
  if (input.variant === 'outline') return { ...defaults, color: text, border: `1px solid ${text}` };
  return defaults;
};

export const theme = createTheme({
  variantColorResolver,
  primaryColor: 'institutional',
  primaryShade: 7,
  colors: { institutional: institutionalBlue },
  fontFamily: '"Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif',
  headings: { fontFamily: '"Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, sans-serif', fontWeight: '650' },
  defaultRadius: 'md',
  focusRing: 'auto',
  cursorType: 'pointer',
  // Users who ask their system for less motion get menus, tooltips and notices without animation.
  respectReducedMotion: true,
  components: {
    // Notifications: a named close button (it has no text of its own), and description text
    // darker than Mantine's gray.6, which misses AA contrast on white.
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Fechar aviso' } },
      styles: { description: { color: 'var(--mantine-color-gray-8)' } },
    }),
    DateInput: DateInput.extend({
      defaultProps: {
        ariaLabels: {
          previousMonth: 'Mês anterior',
          nextMonth: 'Próximo mês',
          previousYear: 'Ano anterior',
          nextYear: 'Próximo ano',
          previousDecade: 'Década anterior',
          nextDecade: 'Próxima década',
          monthLevelControl: 'Escolher mês',
          yearLevelControl: 'Escolher ano',
        },
      },
    }),
    Badge: { defaultProps: { radius: 'sm' } },
    Button: { defaultProps: { radius: 'md' } },
  },
});

/** Secondary text darker than Mantine's default gray, which misses WCAG AA contrast on light backgrounds. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Field errors too: Mantine's red-6 reaches only about 3.6:1 on white.
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-placeholder': '#5c636a', '--mantine-color-error': '#b02525' },
  dark: {},
});
