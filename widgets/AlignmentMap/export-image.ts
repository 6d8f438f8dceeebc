import { toPng } from 'html-to-image';

/** Saves `element` (the whole tree, also what is scrolled out of view) as a PNG download. */
export async function downloadAsPng(element: HTMLElement, fileName: string): Promise<void> {
  const url = await toPng(element, {
    backgroundColor: '#ffffff',
    pixelRatio: 2,
    width: element.scrollWidth,
    height: element.scrollHeight,
    style: { transform: 'none' },
  });
  const link = document.createElement('a');
  link.href = url;
  link.download = `${fileName}.png`;
  link.click();
}
