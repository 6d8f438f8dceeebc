import { SaxesParser } from 'saxes';
import { ImportFileError } from './import-limits.ts';
import { XmlGuard } from './xml-guard.ts';

export interface XmlHandlers {
  open?(name: string, attributes: Record<string, string>, selfClosing: boolean): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** `x:row` → `row`: some writers prefix the spreadsheet namespace. */
const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Streams one workbook part through the guard and an XML parser; handlers get local names. A handler
 * may throw to stop reading (the rest of the part is then never inflated).
 */
export async function walkXml(
  part: string,
  chunks: AsyncIterable<Uint8Array>,
  on: XmlHandlers,
): Promise<void> {
  const guard = new XmlGuard(part);
  const decoder = new TextDecoder('utf-8');
  const parser = new SaxesParser({ xmlns: false });
  let failure: Error | null = null;
  parser.on('error', (e) => {
    failure ??= e;
  });
  parser.on('opentag', (tag) => {
    on.open?.(localName(tag.name), tag.attributes as Record<string, string>, tag.isSelfClosing);
    if (tag.isSelfClosing) on.close?.(localName(tag.name));
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) on.close?.(localName(tag.name));
  });
  parser.on('text', (t) => on.text?.(t));
  parser.on('cdata', (t) => on.text?.(t));
  const fail = (e: Error) =>
    e instanceof ImportFileError
      ? e
      : new ImportFileError(
          'unreadable',
          `import: not a readable .xlsx file (${part}: ${e.message}); save it again from Excel`,
        );
  try {
    for await (const chunk of chunks) {
      guard.check(chunk);
      parser.write(decoder.decode(chunk, { stream: true }));
      if (failure) throw failure;
    }
    parser.write(decoder.decode());
    parser.close();
    if (failure) throw failure;
  } catch (e) {
    throw fail(e as Error);
  }
}

/** The value of an attribute whatever its prefix (`r:id`, `ns0:id`). */
export function attribute(attributes: Record<string, string>, name: string): string | undefined {
  if (name in attributes) return attributes[name];
  for (const [k, v] of Object.entries(attributes)) if (localName(k) === name) return v;
  return undefined;
}
