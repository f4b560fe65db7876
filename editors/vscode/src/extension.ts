// The IMS extension: starts the `ims lsp` language server and connects it to
// VS Code. Highlighting, brackets and snippets are declared in package.json;
// everything else (diagnostics, hover, completion, inlay hints, quick fixes,
// ...) comes from the server.

import * as vscode from 'vscode';
import {
  CloseAction,
  DidChangeConfigurationNotification,
  ErrorAction,
  LanguageClient,
  LanguageClientOptions,
  ProvideCompletionItemsSignature,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';

import { linkCodes, registerExplain } from './explain';
import { exportReport, showReport } from './report';
import { bundledServerPath, nodeEnvironment, resolveServerPath } from './serverPath';
import { reactionTo, readSettings, serverSection } from './settings';
import { CrashCounter, crashMessage, ServerState, statusView } from './status';

let client: LanguageClient | undefined;
/** The binary the last start resolved, for `ims explain`. */
let serverBinary: string | undefined;
/** Starts and stops run one after the other, never interleaved. */
let lifecycle: Promise<void> = Promise.resolve();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  // Both channels outlive restarts, so earlier sessions stay readable.
  const output = vscode.window.createOutputChannel('IMS Language Server');
  const traceOutput = vscode.window.createOutputChannel('IMS Language Server Trace');
  const status = vscode.window.createStatusBarItem('ims.status', vscode.StatusBarAlignment.Left, 0);
  status.name = 'IMS Language Server';
  status.command = 'ims.serverStatus';
  context.subscriptions.push(output, traceOutput, status);
  const show = (state: ServerState) => {
    const view = statusView(state);
    status.text = view.text;
    status.tooltip = view.tooltip;
    status.backgroundColor = view.error ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    status.show();
  };
  const crashes = new CrashCounter();
  const session: Session = { context, output, traceOutput, show, crashes };

  const start = () => serialized(async () => {
    client = await startClient(session);
  });
  const restart = () => serialized(async () => {
    crashes.reset();
    await stopClient();
    client = await startClient(session);
  });
  session.restart = restart;

  registerExplain(context, () => serverBinary, output);
  context.subscriptions.push(
    vscode.commands.registerCommand('ims.restartServer', restart),
    vscode.commands.registerCommand('ims.showServerOutput', () => output.show(true)),
    vscode.commands.registerCommand('ims.serverStatus', () => serverMenu()),
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

/** What a start needs, and what it reports to. */
interface Session {
  context: vscode.ExtensionContext;
  output: vscode.OutputChannel;
  traceOutput: vscode.OutputChannel;
  show(state: ServerState): void;
  crashes: CrashCounter;
  restart?: () => Promise<void>;
}

/** The status item's menu: the output, a restart, an explanation. */
async function serverMenu(): Promise<void> {
  const items: (vscode.QuickPickItem & { command: string })[] = [
    { label: '$(output) Show Server Output', command: 'ims.showServerOutput' },
    { label: '$(debug-restart) Restart Language Server', command: 'ims.restartServer' },
    { label: '$(book) Explain Diagnostic Code', command: 'ims.explainDiagnostic' },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: 'IMS language server' });
  if (picked !== undefined) {
    await vscode.commands.executeCommand(picked.command);
  }
}

/** Shows `message` as an error with the buttons that help, and does what is chosen. */
function reportError(message: string, ...actions: ('Show Output' | 'Restart' | 'Open Settings')[]): void {
  void vscode.window.showErrorMessage(message, ...actions).then((choice) => {
    switch (choice) {
      case 'Show Output':
        return vscode.commands.executeCommand('ims.showServerOutput');
      case 'Restart':
        return vscode.commands.executeCommand('ims.restartServer');
      case 'Open Settings':
        return vscode.commands.executeCommand('workbench.action.openSettings', 'ims.server');
    }
    return undefined;
  });
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

async function startClient(session: Session): Promise<LanguageClient | undefined> {
  const { context, output, traceOutput, show, crashes } = session;
  const settings = currentSettings(output);
  const folders = (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath);
  const bundled = bundledServerPath(context.extensionPath, process.platform);
  const server = resolveServerPath(settings.serverPath, bundled, nodeEnvironment(folders));
  if (!server.ok) {
    serverBinary = undefined;
    output.appendLine(server.message);
    show({ kind: 'error', message: server.message });
    reportError(server.message, 'Open Settings', 'Show Output');
    return undefined;
  }
  serverBinary = server.command;
  show({ kind: 'starting', detail: server.source });
  output.appendLine(`Starting ${server.command} lsp (from ${server.source}, IMS_LOG=${settings.logLevel})`);

  const serverOptions: ServerOptions = {
    command: server.command,
    args: ['lsp'],
    options: { env: { ...process.env, IMS_LOG: settings.logLevel } },
  };
  let starting = true;
  let started: LanguageClient | undefined;
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'ims' }],
    outputChannel: output,
    traceOutputChannel: traceOutput,
    middleware: {
      provideCompletionItem: askAgainAsTheWordGrows,
      handleDiagnostics: (uri, diagnostics, next) => next(uri, linkCodes(diagnostics)),
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && report.kind === 'full') {
          linkCodes(report.items);
        }
        return report;
      },
    },
    errorHandler: {
      // A write to a dying server fails before `closed` says so: the log
      // has it, the user gets the one message of `closed`.
      error: (error, _message, count) => {
        output.appendLine(`Connection to the server: ${error.message}`);
        return (count ?? 0) <= 3
          ? { action: ErrorAction.Continue, handled: true }
          : { action: ErrorAction.Shutdown, handled: true };
      },
      closed: () => {
        if (starting) {
          // The failed start is reported where start() rejects.
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        const { restart, count } = crashes.record(Date.now());
        if (restart) {
          output.appendLine(`The server stopped unexpectedly (${count} of ${crashes.limit}); restarting it.`);
          show({ kind: 'starting', detail: `restart ${count} of ${crashes.limit - 1}` });
          return { action: CloseAction.Restart, handled: true };
        }
        const message = crashMessage(count, crashes.windowMs);
        output.appendLine(message);
        show({ kind: 'error', message: `it stopped ${count} times in a row` });
        reportError(message, 'Restart', 'Show Output');
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    },
  };
  started = new LanguageClient('ims', 'IMS', serverOptions, clientOptions);
  context.subscriptions.push(
    started.onDidChangeState((change) => {
      if (change.newState === State.Running) {
        show({ kind: 'ready', version: started?.initializeResult?.serverInfo?.version, source: server.source });
      }
    }),
  );
  try {
    await started.start();
  } catch (error) {
    const message = `The IMS language server (${server.command} lsp) could not start: ${String(error)}. The output has its log.`;
    output.appendLine(message);
    show({ kind: 'error', message: 'it could not start' });
    reportError(message, 'Show Output', 'Open Settings');
    await started.dispose().catch(() => undefined);
    return undefined;
  } finally {
    starting = false;
  }
  show({ kind: 'ready', version: started.initializeResult?.serverInfo?.version, source: server.source });
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
