// Mantine's defaults, adjusted for WCAG 2.2 AA (issue 15), which asks 4.5:1 contrast for text.
import { createTheme, TableScrollContainer, type CSSVariablesResolver } from '@mantine/core';

export const theme = createTheme({
  // Blue 8 (5.0:1 on white) for links and filled buttons, where blue 6 is 3.6:1.
  primaryShade: 8,
  // Dark text on filled colours light enough that white fails: green (white 3.4:1, black 6.1:1),
  // yellow (2.5:1 and 8.5:1).
  autoContrast: true,
  luminanceThreshold: 0.18,
  components: {
    // A table wider than a phone scrolls in its own box, which a keyboard must reach and scroll
    // (WCAG 2.1.1): a native scroll box in the tab order.
    TableScrollContainer: TableScrollContainer.extend({ defaultProps: { type: 'native', tabIndex: 0 } }),
  },
});

// Dimmed text (gray 6, 3.3:1), placeholders (2.1:1) and the text of yellow and orange light badges
// (2.7:1) fall short by default; these are 5.2–5.7:1 on their backgrounds.
export const contrast: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#666d75',
    '--mantine-color-placeholder': '#666d75',
    '--mantine-color-yellow-light-color': '#8a5a00',
    '--mantine-color-orange-light-color': '#9c4a06',
    '--mantine-color-green-light-color': '#1f6f30',
  },
  dark: {},
});
