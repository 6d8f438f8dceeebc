import { cellTooLong, ImportFileError, MAX_XML_TAG_BYTES, MAX_XML_TEXT_BYTES } from './import-limits.ts';

const LT = 0x3c;
const GT = 0x3e;

type State = 'text' | 'tag' | 'cdata' | 'comment';

const unreadable = (why: string) =>
  new ImportFileError('unreadable', `import: not a readable .xlsx file (${why}); save it again from Excel`);

/**
 * Looks at the raw XML bytes of a workbook part before the XML parser does, because the parser keeps
 * a whole text node (or tag) in memory until it ends: a 400 MB cell must be refused after
 * MAX_XML_TEXT_BYTES, not after it has been read. Also refuses DTDs (entity expansion).
 */
export class XmlGuard {
  private state: State = 'text';
  private run = 0;
  private head = '';
  private tail = '';

  constructor(private readonly part: string) {}

  check(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length) {
      if (this.state === 'text') i = this.text(chunk, i);
      else if (this.state === 'tag') i = this.tag(chunk, i);
      else i = this.until(chunk, i, this.state === 'cdata' ? ']]>' : '-->');
    }
  }

  private text(chunk: Uint8Array, from: number): number {
    const lt = chunk.indexOf(LT, from);
    const end = lt < 0 ? chunk.length : lt;
    this.grow(end - from, MAX_XML_TEXT_BYTES);
    if (lt < 0) return end;
    this.enter('tag');
    return lt + 1;
  }

  private tag(chunk: Uint8Array, from: number): number {
    let i = from;
    // The first bytes say whether this is a tag, a CDATA section, a comment or a DTD.
    while (this.head.length < 9 && i < chunk.length && chunk[i] !== GT) {
      this.head += String.fromCharCode(chunk[i] as number);
      this.grow(1, MAX_XML_TAG_BYTES);
      i++;
      if (this.head === '![CDATA[') {
        this.enter('cdata');
        return i;
      }
      if (this.head === '!--') {
        this.enter('comment');
        return i;
      }
      if (this.head === '!DOCTYPE' || this.head === '!ENTITY') throw unreadable(`a DTD in ${this.part}`);
    }
    const gt = chunk.indexOf(GT, i);
    const end = gt < 0 ? chunk.length : gt;
    this.grow(end - i, MAX_XML_TAG_BYTES);
    if (gt < 0) return end;
    this.enter('text');
    return gt + 1;
  }

  /** Inside a CDATA section (text) or a comment (tag), up to its closing marker. */
  private until(chunk: Uint8Array, from: number, marker: string): number {
    const limit = this.state === 'cdata' ? MAX_XML_TEXT_BYTES : MAX_XML_TAG_BYTES;
    for (let i = from; i < chunk.length; i++) {
      this.grow(1, limit);
      this.tail = (this.tail + String.fromCharCode(chunk[i] as number)).slice(-3);
      if (this.tail === marker) {
        this.enter('text');
        return i + 1;
      }
    }
    return chunk.length;
  }

  private enter(state: State): void {
    this.state = state;
    this.run = 0;
    this.head = '';
    this.tail = '';
  }

  private grow(bytes: number, limit: number): void {
    this.run += bytes;
    if (this.run <= limit) return;
    if (limit === MAX_XML_TEXT_BYTES) throw cellTooLong(`a text in ${this.part}`);
    throw unreadable(`a tag longer than ${MAX_XML_TAG_BYTES} bytes in ${this.part}`);
  }
}
