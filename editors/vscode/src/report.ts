// "IMS: Show Integration Report": the correlation and coverage report of the
// server's `ims/report` request (docs/report.md, the same report as `ims
// report --format html`), in a webview beside the editor that refreshes as
// the IMS changes; a click on a process, system, scope row, clause or
// finding opens it in the editor.

import * as vscode from 'vscode';
import { ErrorCodes, LanguageClient, ResponseError } from 'vscode-languageclient/node';

import {
  EXPORT_FORMATS,
  EXPORT_PARTS,
  isOpenSourceMessage,
  makeNonce,
  OpenSourceMessage,
  reportBytes,
  reportHtml,
  reportPage,
  sourcePosition,
} from './reportPage';

export const REPORT_REQUEST = 'ims/report';

/** How long edits must pause before the open report is fetched again. */
const REFRESH_DELAY_MS = 500;

let panel: ReportPanel | undefined;

export async function showReport(context: vscode.ExtensionContext, client: LanguageClient | undefined): Promise<void> {
  if (client === undefined || !client.isRunning()) {
    void vscode.window.showErrorMessage('IMS: the language server is not running, so there is no report to show.');
    return;
  }
  const html = await fetchReport(client);
  if (html === undefined) {
    return;
  }
  if (panel === undefined) {
    panel = new ReportPanel(client, () => (panel = undefined));
    context.subscriptions.push(panel);
  }
  panel.show(html);
}

/**
 * "IMS: Export Report": the report, or the SoA or the registers alone, as
 * XLSX, HTML, Markdown or CSV, written where the user chooses (the same
 * files `ims report --section ... -o FILE` writes).
 */
export async function exportReport(client: LanguageClient | undefined): Promise<void> {
  if (client === undefined || !client.isRunning()) {
    void vscode.window.showErrorMessage('IMS: the language server is not running, so there is no report to export.');
    return;
  }
  const part = await vscode.window.showQuickPick(
    EXPORT_PARTS.map((p) => ({ label: p.label, part: p })),
    { title: 'IMS: Export Report', placeHolder: 'What to export' },
  );
  if (part === undefined) {
    return;
  }
  const format = await vscode.window.showQuickPick(
    EXPORT_FORMATS.map((f) => ({ label: f.label, format: f })),
    { title: 'IMS: Export Report', placeHolder: 'In which format' },
  );
  if (format === undefined) {
    return;
  }
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const target = await vscode.window.showSaveDialog({
    defaultUri: folder && vscode.Uri.joinPath(folder, `${part.part.file}.${format.format.extension}`),
    filters: { [format.format.label]: [format.format.extension] },
  });
  if (target === undefined) {
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const params: Record<string, unknown> = { format: format.format.format };
  if (part.part.sections !== undefined) {
    params.sections = part.part.sections;
  }
  if (editor?.document.languageId === 'ims') {
    params.textDocument = { uri: editor.document.uri.toString() };
  }
  let bytes: Uint8Array | undefined;
  try {
    bytes = reportBytes(await client.sendRequest(REPORT_REQUEST, params));
  } catch (error) {
    void vscode.window.showErrorMessage(`IMS: the report could not be exported: ${String(error)}`);
    return;
  }
  if (bytes === undefined) {
    void vscode.window.showErrorMessage(`IMS: the server answered ${REPORT_REQUEST} with something that is not a report.`);
    return;
  }
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(`IMS: wrote ${vscode.workspace.asRelativePath(target)}`);
}

/** The report's HTML, or undefined after telling the user why there is none. */
async function fetchReport(client: LanguageClient): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  // Without a document the server reports on the whole workspace.
  const params =
    editor?.document.languageId === 'ims'
      ? { textDocument: { uri: editor.document.uri.toString() }, format: 'html' }
      : { format: 'html' };
  let answer: unknown;
  try {
    answer = await client.sendRequest(REPORT_REQUEST, params);
  } catch (error) {
    if (error instanceof ResponseError && error.code === ErrorCodes.MethodNotFound) {
      void vscode.window.showWarningMessage(
        `IMS: this version of the ims language server has no integration report (it does not know ${REPORT_REQUEST}). ` +
          'Update ims, or set ims.server.path to a newer one.',
      );
    } else {
      void vscode.window.showErrorMessage(`IMS: the integration report failed: ${String(error)}`);
    }
    return undefined;
  }
  const html = reportHtml(answer);
  if (html === undefined) {
    void vscode.window.showErrorMessage(`IMS: the server answered ${REPORT_REQUEST} with something that is not a report.`);
  }
  return html;
}

class ReportPanel implements vscode.Disposable {
  private readonly panel: vscode.WebviewPanel;
  private readonly subscriptions: vscode.Disposable[] = [];
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: LanguageClient,
    onDispose: () => void,
  ) {
    this.panel = vscode.window.createWebviewPanel('ims.report', 'IMS Integration Report', vscode.ViewColumn.Beside, {
      // Only the page's own click handler runs (reportPage: nonce policy).
      enableScripts: true,
      localResourceRoots: [],
      retainContextWhenHidden: false,
    });
    this.subscriptions.push(
      this.panel.onDidDispose(() => {
        onDispose();
        this.dispose();
      }),
      this.panel.webview.onDidReceiveMessage((message) => {
        if (isOpenSourceMessage(message)) {
          void openSource(message);
        }
      }),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.document.languageId === 'ims' && event.contentChanges.length > 0) {
          this.scheduleRefresh();
        }
      }),
    );
  }

  show(html: string): void {
    this.panel.webview.html = reportPage(html, this.panel.webview.cspSource, makeNonce());
    this.panel.reveal(undefined, true);
  }

  private scheduleRefresh(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      if (this.client.isRunning()) {
        void fetchReport(this.client).then((html) => {
          if (html !== undefined) {
            this.panel.webview.html = reportPage(html, this.panel.webview.cspSource, makeNonce());
          }
        });
      }
    }, REFRESH_DELAY_MS);
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const subscription of this.subscriptions.splice(0)) {
      subscription.dispose();
    }
    this.panel.dispose();
  }
}

/** Opens the place a report element names, in the first editor column. */
async function openSource(message: OpenSourceMessage): Promise<void> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.file(message.file));
  const { line, character } = sourcePosition(document.getText(), message.line, message.offset);
  const position = new vscode.Position(line, character);
  await vscode.window.showTextDocument(document, {
    viewColumn: vscode.ViewColumn.One,
    selection: new vscode.Range(position, position),
  });
}
