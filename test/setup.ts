import { DEFAULT_FONT, DEFAULT_FONT_SIZE, DEFAULT_TEXT_WIDTH_MAP } from 'zrender/lib/core/platform.js';

// jsdom has no matchMedia; antd's responsive hooks need it.
if (typeof window !== 'undefined' && !window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// jsdom has no canvas and logs "Not implemented" on every getContext(); ECharts asks for one each
// time it measures text. This 2D context draws nothing and measures exactly as zrender's own
// no-canvas fallback does, so text layout (and what tests see) is unchanged.
if (typeof HTMLCanvasElement !== 'undefined') {
  const measure = (text: string, font: string): number => {
    const fontSize = Number(/((?:\d+)?\.?\d*)px/.exec(font)?.[1]) || DEFAULT_FONT_SIZE;
    if (font.includes('mono')) return fontSize * text.length;
    let width = 0;
    for (let i = 0; i < text.length; i += 1) width += (DEFAULT_TEXT_WIDTH_MAP[text[i]!] ?? 1) * fontSize;
    return width;
  };
  const noop = () => {};
  HTMLCanvasElement.prototype.getContext = function getContext(this: HTMLCanvasElement, contextId: string) {
    if (contextId !== '2d') return null;
    const context: Record<string | symbol, unknown> = {
      canvas: this,
      font: DEFAULT_FONT,
      measureText(text: string) {
        return { width: measure(text || '', (context.font as string) || DEFAULT_FONT) };
      },
    };
    return new Proxy(context, { get: (target, key) => (key in target ? target[key] : noop) });
  } as unknown as typeof HTMLCanvasElement.prototype.getContext;
}
