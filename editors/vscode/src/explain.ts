// The documentation of a diagnostic code, in a Markdown preview: from the
// code link of a diagnostic (its hover and the Problems panel) or from the
// command palette (IMS: Explain Diagnostic Code). The text is the code's
// section of docs/diagnostics.md, compiled into the `ims` binary and
// printed by `ims explain CODE`, so it works offline from an installed
// .vsix; a URL is used only when the server was given one (IMS_DOCS_URL).

import { execFile } from 'node:child_process';
import * as vscode from 'vscode';

/** The scheme of the read-only explanation documents. */
export const EXPLAIN_SCHEME = 'ims-explain';

/** The command a diagnostic's code link runs, with the code as its argument. */
export function explainLink(code: string): vscode.Uri {
  return vscode.Uri.parse(`command:ims.explainDiagnostic?${encodeURIComponent(JSON.stringify([code]))}`);
}

/**
 * Gives each IMS diagnostic without a documentation link a link that opens
 * its explanation (in place: the diagnostics are the client's fresh copies).
 */
export function linkCodes(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const diagnostic of diagnostics) {
    const code = diagnostic.code;
    if (typeof code === 'string' || typeof code === 'number') {
      diagnostic.code = { value: code, target: explainLink(String(code)) };
    }
  }
  return diagnostics;
}

function run(binary: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { encoding: 'utf8', maxBuffer: 4 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        reject(new Error((stderr || error.message).trim()));
      } else {
        resolve(stdout);
      }
    });
  });
}

/** Registers the explanation documents and the command. */
export function registerExplain(
  context: vscode.ExtensionContext,
  binary: () => string | undefined,
  output: vscode.OutputChannel,
): void {
  const texts = new Map<string, string>();
  const changed = new vscode.EventEmitter<vscode.Uri>();
  context.subscriptions.push(
    changed,
    vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, {
      onDidChange: changed.event,
      provideTextDocumentContent: (uri) => texts.get(uri.path) ?? '',
    }),
    vscode.commands.registerCommand('ims.explainDiagnostic', async (argument?: unknown) => {
      const command = binary();
      if (command === undefined) {
        void vscode.window.showErrorMessage('No IMS binary to explain the code with: see the IMS Language Server output.');
        return;
      }
      const code = typeof argument === 'string' ? argument : await chooseCode(command);
      if (code === undefined) {
        return;
      }
      let text: string;
      try {
        text = await run(command, ['explain', code]);
      } catch (error) {
        output.appendLine(`ims explain ${code} failed: ${String(error)}`);
        void vscode.window.showErrorMessage(`No explanation for ${code}: ${String(error)}`);
        return;
      }
      const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${code}.md` });
      texts.set(uri.path, text);
      changed.fire(uri);
      await vscode.commands.executeCommand('markdown.showPreview', uri);
    }),
  );
}

/** The codes of the IMS diagnostics at the cursor, else every code, to pick from. */
async function chooseCode(binary: string): Promise<string | undefined> {
  const editor = vscode.window.activeTextEditor;
  const here = new Set<string>();
  if (editor !== undefined) {
    for (const diagnostic of vscode.languages.getDiagnostics(editor.document.uri)) {
      const code = typeof diagnostic.code === 'object' ? diagnostic.code.value : diagnostic.code;
      if (diagnostic.source === 'ims' && code !== undefined && diagnostic.range.contains(editor.selection.active)) {
        here.add(String(code));
      }
    }
  }
  if (here.size === 1) {
    return [...here][0];
  }
  let items: vscode.QuickPickItem[];
  if (here.size > 1) {
    items = [...here].map((code) => ({ label: code }));
  } else {
    const list = await run(binary, ['explain', '--list']).catch(() => '');
    items = list
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        const [code, severity, ...summary] = line.trim().split(/\s{2,}/);
        return { label: code, description: severity, detail: summary.join(' ') };
      });
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'The diagnostic code to explain' });
  return picked?.label;
}
