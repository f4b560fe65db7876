// The integration report's page in the webview: the server's HTML, a
// content security policy, and a small script that sends clicks on linked
// elements back to the extension so it can open the source.
//
// This module does not import `vscode`, so the unit tests run under plain Node.

/** Sent by the page when the user clicks an element the report links to the IMS. */
export interface OpenSourceMessage {
  type: 'open';
  /** Absolute path, as the server knows the file (`data-file`). */
  file: string;
  /** One-based line (`data-line`). */
  line: number;
  /** Byte offset into the file (`data-offset`), when given. */
  offset?: number;
}

/**
 * The HTML of an `ims/report` answer (docs/report.md: `{ "content": ... }`),
 * or undefined when the answer is something else.
 */
export function reportHtml(answer: unknown): string | undefined {
  if (typeof answer === 'string') {
    return answer;
  }
  if (answer !== null && typeof answer === 'object') {
    const { content, html } = answer as { content?: unknown; html?: unknown };
    const found = content ?? html;
    return typeof found === 'string' ? found : undefined;
  }
  return undefined;
}

/**
 * The report with a policy that fetches nothing and runs only our script
 * (with `nonce`), and that script: a click on an element carrying
 * `data-file` and `data-line` (process names, systems, scope rows, clause
 * cells, findings) asks the extension to open that place.
 */
export function reportPage(html: string, cspSource: string, nonce: string): string {
  const policy =
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; ` +
    `style-src 'unsafe-inline' ${cspSource}; img-src data: ${cspSource}; script-src 'nonce-${nonce}';">`;
  const script = `<script nonce="${nonce}">
(() => {
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-file][data-line]') : null;
    if (!target) { return; }
    const offset = Number(target.getAttribute('data-offset'));
    vscode.postMessage({
      type: 'open',
      file: target.getAttribute('data-file'),
      line: Number(target.getAttribute('data-line')),
      offset: Number.isFinite(offset) ? offset : undefined,
    });
  });
})();
</script>`;
  let page = html;
  const head = /<head[^>]*>/i.exec(page);
  page = head
    ? page.slice(0, head.index + head[0].length) + policy + page.slice(head.index + head[0].length)
    : `<!DOCTYPE html><html><head>${policy}</head><body>${page}</body></html>`;
  const bodyEnd = page.toLowerCase().lastIndexOf('</body>');
  return bodyEnd >= 0 ? page.slice(0, bodyEnd) + script + page.slice(bodyEnd) : page + script;
}

/** Whether a message from the page is a well-formed `OpenSourceMessage`. */
export function isOpenSourceMessage(message: unknown): message is OpenSourceMessage {
  const m = message as Partial<OpenSourceMessage> | null;
  return (
    m !== null &&
    typeof m === 'object' &&
    m.type === 'open' &&
    typeof m.file === 'string' &&
    m.file !== '' &&
    typeof m.line === 'number' &&
    Number.isInteger(m.line) &&
    m.line >= 1 &&
    (m.offset === undefined || (typeof m.offset === 'number' && Number.isInteger(m.offset) && m.offset >= 0))
  );
}

/**
 * Where to put the cursor: the UTF-16 offset of byte `offset` in `text`, if
 * it lies on line `line` (one-based); otherwise the start of that line.
 * The server counts bytes of UTF-8, VS Code counts UTF-16 code units.
 */
export function sourcePosition(text: string, line: number, offset?: number): { line: number; character: number } {
  const lineIndex = line - 1;
  if (offset !== undefined) {
    const before = Buffer.from(text, 'utf8').subarray(0, offset).toString('utf8');
    const lines = before.split(/\r\n|\r|\n/);
    if (lines.length - 1 === lineIndex) {
      return { line: lineIndex, character: lines[lines.length - 1].length };
    }
  }
  return { line: lineIndex, character: 0 };
}

/** A random nonce for the page's script. */
export function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let nonce = '';
  for (let i = 0; i < 32; i++) {
    nonce += alphabet.charAt(Math.floor(Math.random() * alphabet.length));
  }
  return nonce;
}

/** A format `ims/report` can answer in, for "IMS: Export Report". */
export interface ExportFormat {
  /** The `format` of the request. */
  format: 'html' | 'markdown' | 'csv' | 'xlsx';
  label: string;
  extension: string;
}

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  { format: 'xlsx', label: 'Excel workbook (XLSX), one sheet per section', extension: 'xlsx' },
  { format: 'html', label: 'HTML, for reading and printing', extension: 'html' },
  { format: 'markdown', label: 'Markdown', extension: 'md' },
  { format: 'csv', label: 'CSV, one long table', extension: 'csv' },
];

/** What to export: the whole report, or the SoA alone (docs/report.md `sections`). */
export const EXPORT_PARTS: readonly { label: string; sections?: string[]; file: string }[] = [
  { label: 'The whole report', file: 'ims-report' },
  { label: 'The Statement of Applicability alone', sections: ['soa'], file: 'statement-of-applicability' },
  { label: 'The registers: interested parties, objectives, documented information', sections: ['parties', 'objectives', 'documents'], file: 'ims-registers' },
];

/**
 * The bytes of an `ims/report` answer: `content` as UTF-8 text, or decoded
 * from base64 when the answer says `"encoding": "base64"` (XLSX).
 */
export function reportBytes(answer: unknown): Uint8Array | undefined {
  if (answer === null || typeof answer !== 'object') {
    return undefined;
  }
  const { content, encoding } = answer as { content?: unknown; encoding?: unknown };
  if (typeof content !== 'string') {
    return undefined;
  }
  if (encoding === 'base64') {
    return new Uint8Array(Buffer.from(content, 'base64'));
  }
  return encoding === undefined ? new Uint8Array(Buffer.from(content, 'utf8')) : undefined;
}
