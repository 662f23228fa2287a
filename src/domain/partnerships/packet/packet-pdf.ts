// Drawing a printable document with pdfkit: US Letter, running header and footer with page
// numbers on every page, headings that never sit alone at the foot of a page, simple tables that
// repeat their header after a page break, progress bars, and SVG charts. Black on white.
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';

const MARGIN = 54;
const INK = '#111111';
const MUTED = '#555555';

export interface Column {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

export class PacketWriter {
  readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly done: Promise<Buffer>;

  constructor(
    private readonly header: string,
    private readonly footer: string,
    title: string,
  ) {
    this.doc = new PDFDocument({
      size: 'LETTER',
      margins: { top: MARGIN + 18, bottom: MARGIN + 18, left: MARGIN, right: MARGIN },
      bufferPages: true,
      info: { Title: title, Creator: 'Diplomat' },
    });
    this.done = new Promise((resolve, reject) => {
      this.doc.on('data', (c: Buffer) => this.chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(this.chunks)));
      this.doc.on('error', reject);
    });
    this.doc.fillColor(INK).font('Helvetica');
  }

  get width(): number {
    return this.doc.page.width - MARGIN * 2;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  /** Starts a new page unless `height` points still fit on this one. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, subtitle: string): void {
    this.doc.font('Helvetica-Bold').fontSize(22).text(text, MARGIN);
    this.doc.moveDown(0.2).font('Helvetica').fontSize(13).fillColor(MUTED).text(subtitle).fillColor(INK).moveDown(0.8);
  }

  heading(text: string): void {
    this.ensureSpace(90);
    this.doc.moveDown(0.6).font('Helvetica-Bold').fontSize(14).text(text, MARGIN);
    const y = this.doc.y + 2;
    this.doc
      .moveTo(MARGIN, y)
      .lineTo(MARGIN + this.width, y)
      .lineWidth(0.75)
      .stroke(INK);
    this.doc.moveDown(0.5).font('Helvetica').fontSize(10);
  }

  subheading(text: string): void {
    this.ensureSpace(60);
    this.doc.moveDown(0.3).font('Helvetica-Bold').fontSize(11).text(text, MARGIN).font('Helvetica').fontSize(10).moveDown(0.2);
  }

  paragraph(text: string, options: { muted?: boolean } = {}): void {
    this.doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor(options.muted ? MUTED : INK)
      .text(text, MARGIN, undefined, { width: this.width })
      .fillColor(INK)
      .moveDown(0.4);
  }

  field(label: string, value: string): void {
    this.doc.font('Helvetica-Bold').fontSize(10).text(`${label}: `, MARGIN, undefined, { continued: true, width: this.width });
    this.doc
      .font('Helvetica')
      .text(value || '—')
      .moveDown(0.2);
  }

  bullets(items: readonly string[]): void {
    if (items.length === 0) return this.paragraph('None recorded.', { muted: true });
    this.doc
      .font('Helvetica')
      .fontSize(10)
      .list([...items], MARGIN + 6, undefined, { width: this.width - 6, bulletRadius: 1.8 })
      .moveDown(0.4);
  }

  /** A table; rows that do not fit go to the next page under a repeated header. */
  table(columns: readonly Column[], rows: readonly string[][]): void {
    const drawRow = (cells: readonly string[], bold: boolean): void => {
      this.doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(9);
      const height = Math.max(...cells.map((c, i) => this.doc.heightOfString(c, { width: columns[i]!.width - 6 }))) + 6;
      if (this.doc.y + height > this.bottom) {
        this.doc.addPage();
        if (!bold)
          drawRow(
            columns.map((c) => c.header),
            true,
          );
      }
      const y = this.doc.y;
      let x = MARGIN;
      cells.forEach((cell, i) => {
        this.doc.text(cell, x + 3, y + 3, { width: columns[i]!.width - 6, align: columns[i]!.align ?? 'left' });
        x += columns[i]!.width;
      });
      this.doc.y = y + height;
      this.doc
        .moveTo(MARGIN, this.doc.y)
        .lineTo(x, this.doc.y)
        .lineWidth(bold ? 0.75 : 0.25)
        .stroke(bold ? INK : '#999999');
    };
    this.ensureSpace(40);
    drawRow(
      columns.map((c) => c.header),
      true,
    );
    for (const row of rows) drawRow(row, false);
    this.doc.x = MARGIN;
    this.doc.moveDown(0.6);
  }

  /** A labelled bar from 0 to 1 (outline plus solid fill: legible in grey), with a note that may wrap. */
  progress(label: string, share: number | null, note: string): void {
    const labelW = 180;
    const barW = 110;
    const noteX = MARGIN + labelW + barW + 16;
    const noteW = this.width - (noteX - MARGIN);
    this.doc.font('Helvetica').fontSize(9);
    const height = Math.max(this.doc.heightOfString(label, { width: labelW - 6 }), this.doc.heightOfString(note, { width: noteW })) + 6;
    this.ensureSpace(height);
    const y = this.doc.y;
    this.doc.text(label, MARGIN, y, { width: labelW - 6 });
    const barX = MARGIN + labelW;
    this.doc.rect(barX, y, barW, 9).lineWidth(0.75).stroke(INK);
    if (share !== null) this.doc.rect(barX, y, barW * Math.max(0, Math.min(1, share)), 9).fill(INK);
    this.doc.fillColor(INK).text(note, noteX, y, { width: noteW });
    this.doc.y = y + height;
    this.doc.x = MARGIN;
  }

  /** A chart under its own title, kept together on one page, with a caption. */
  svg(svg: string, width: number, height: number, caption: string, title?: string): void {
    this.ensureSpace(height + (title ? 50 : 24));
    if (title) this.subheading(title);
    const y = this.doc.y;
    SVGtoPDF(this.doc, svg, MARGIN, y, { width, height, assumePt: true });
    this.doc.y = y + height + 2;
    this.doc
      .font('Helvetica-Oblique')
      .fontSize(8)
      .fillColor(MUTED)
      .text(caption, MARGIN, undefined, { width: this.width })
      .fillColor(INK)
      .font('Helvetica')
      .moveDown(0.6);
  }

  /** Running header and footer with "page n of N" on every page, then the bytes. */
  async finish(): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const { width, height } = this.doc.page;
      // Text in the margins must not trigger pdfkit's automatic page break.
      const margins = this.doc.page.margins;
      this.doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
      this.doc.font('Helvetica').fontSize(8).fillColor(MUTED);
      this.doc.text(this.header, MARGIN, MARGIN - 10, { width: width - MARGIN * 2, lineBreak: false });
      this.doc
        .moveTo(MARGIN, MARGIN + 2)
        .lineTo(width - MARGIN, MARGIN + 2)
        .lineWidth(0.5)
        .stroke('#999999');
      this.doc.text(this.footer, MARGIN, height - MARGIN + 4, { width: width - MARGIN * 2, lineBreak: false });
      this.doc.text(`Page ${i + 1} of ${range.count}`, MARGIN, height - MARGIN + 4, {
        width: width - MARGIN * 2,
        align: 'right',
        lineBreak: false,
      });
      this.doc.page.margins = margins;
    }
    this.doc.end();
    return this.done;
  }
}
