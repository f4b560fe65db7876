// The IMS extension: starts the `ims lsp` language server and connects it to
// VS Code. Highlighting, brackets and snippets are declared in package.json;
// everything else (diagnostics, hover, completion, inlay hints, quick fixes,
// ...) comes from the server.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ProvideCompletionItemsSignature,
  ServerOptions,
} from 'vscode-languageclient/node';

import { exportReport, showReport } from './report';
import { bundledServerPath, nodeEnvironment, resolveServerPath } from './serverPath';
import { reactionTo, readSettings, serverSection } from './settings';

let client: LanguageClient | undefined;
/** Starts and stops run one after the other, never interleaved. */
let lifecycle: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  // Both channels outlive restarts, so earlier sessions stay readable.
  const output = vscode.window.createOutputChannel('IMS Language Server');
  const traceOutput = vscode.window.createOutputChannel('IMS Language Server Trace');
  context.subscriptions.push(output, traceOutput);

  const start = () => serialized(async () => {
    client = await startClient(context, output, traceOutput);
  });
  const restart = () => serialized(async () => {
    await stopClient();
    client = await startClient(context, output, traceOutput);
  });

  context.subscriptions.push(
    vscode.commands.registerCommand('ims.restartServer', restart),
    vscode.commands.registerCommand('ims.showServerOutput', () => output.show(true)),
    vscode.commands.registerCommand('ims.showReport', () => showReport(context, client)),
    vscode.commands.registerCommand('ims.exportReport', () => exportReport(client)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      switch (reactionTo((section) => event.affectsConfiguration(section))) {
        case 'restart':
          return restart();
        case 'notify':
          return sendSettings(output);
        case 'none':
          return undefined;
      }
    }),
  );
  return start();
}

export function deactivate(): Promise<void> {
  return serialized(stopClient);
}

function serialized(step: () => Promise<void>): Promise<void> {
  lifecycle = lifecycle.then(step, step);
  return lifecycle;
}

function currentSettings(output: vscode.OutputChannel) {
  const configuration = vscode.workspace.getConfiguration('ims');
  const { settings, problems } = readSettings((key) => configuration.get(key));
  for (const problem of problems) {
    output.appendLine(`Settings: ${problem}`);
  }
  return settings;
}

async function startClient(
  context: vscode.ExtensionContext,
  output: vscode.OutputChannel,
  traceOutput: vscode.OutputChannel,
): Promise<LanguageClient | undefined> {
  const settings = currentSettings(output);
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  const bundled = bundledServerPath(context.extensionPath, process.platform);
  const server = resolveServerPath(settings.serverPath, bundled, nodeEnvironment(folders));
  if (!server.ok) {
    output.appendLine(server.message);
    void vscode.window.showErrorMessage(server.message, 'Open Settings').then((choice) => {
      if (choice !== undefined) {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'ims.server.path');
      }
    });
    return undefined;
  }
  output.appendLine(`Starting ${server.command} lsp (from ${server.source})`);

  const serverOptions: ServerOptions = { command: server.command, args: ['lsp'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'ims' }],
    outputChannel: output,
    traceOutputChannel: traceOutput,
    middleware: { provideCompletionItem: askAgainAsTheWordGrows },
  };
  const started = new LanguageClient('ims', 'IMS Language Server', serverOptions, clientOptions);
  try {
    await started.start();
  } catch (error) {
    const message = `The IMS language server (${server.command}) did not start: ${String(error)}`;
    output.appendLine(message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
  return started;
}

/**
 * Marks every completion list incomplete, so VS Code asks the server again
 * at each keystroke instead of filtering the first answer. The word pattern
 * keeps `9001:8.4` one word, and VS Code ignores trigger characters typed at
 * the end of a word; without this, the standards offered after `covers `
 * would still be the list after `covers 9001:8.`, where the server offers
 * the 8.x clauses. The server answers in a few milliseconds.
 */
async function askAgainAsTheWordGrows(
  document: vscode.TextDocument,
  position: vscode.Position,
  context: vscode.CompletionContext,
  token: vscode.CancellationToken,
  next: ProvideCompletionItemsSignature,
): Promise<vscode.CompletionList | undefined> {
  const result = await next(document, position, context, token);
  if (result === undefined || result === null) {
    return undefined;
  }
  return new vscode.CompletionList(Array.isArray(result) ? result : result.items, true);
}

async function stopClient(): Promise<void> {
  const stopping = client;
  client = undefined;
  if (stopping !== undefined) {
    // stop() rejects when the server already died; there is nothing left to do then.
    await stopping.stop().catch(() => undefined);
  }
}

/** Pushes the `ims` section to the running server (docs/lsp.md, Settings). */
async function sendSettings(output: vscode.OutputChannel): Promise<void> {
  if (client?.isRunning()) {
    const settings = currentSettings(output);
    await client.sendNotification(DidChangeConfigurationNotification.type, {
      settings: { ims: serverSection(settings) },
    });
  }
}
