// End-to-end test of the packaged extension in a real VS Code: code-server
// (VS Code's workbench served to a browser, the same extension host as the
// desktop editor) driven through headless Chromium with playwright-core.
// See ../shared/recipes/vscode-e2e.md and scripts/install-e2e-deps.sh.
//
// It installs the .vsix that `npm run package` made into a private profile,
// opens a workspace holding a copy of examples/acme.ims and checks what a
// user sees, one step after the other: TextMate highlighting, the scope-gap
// squiggles and the Problems count, the hover of 20000-1:8.3.4 with the
// correlated 9001:8.4, the clause-title inlay hints, settings that apply
// without a reload, the completion of `9001:8.`, a quick fix from the light
// bulb (which must lower the count), the explanation of a diagnostic code
// opened from its link in the hover, the integration report and its links,
// a wrong ims.server.path, the status bar item and its menu (output,
// restart), the server's log at the default level, and a server that keeps
// dying: restarted four times, then left stopped with a message that offers
// a restart. Every step waits for the event it
// expects, never for a fixed time. Expected findings come from the bundled
// binary's `ims check --format json` on the same file, so the editor must
// agree with the command line. Each step leaves a screenshot in
// .e2e/screenshots; a failing step leaves NN-step-FAILED.png, and the page's
// HTML and code-server's log in .e2e/logs.

import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, chromium, Page } from 'playwright-core';

const extensionDir = path.resolve(__dirname, '../../..');
const repoRoot = path.resolve(extensionDir, '../..');
const e2eDir = path.join(extensionDir, '.e2e');
const screenshotDir = path.join(e2eDir, 'screenshots');
const logDir = path.join(e2eDir, 'logs');
const codeServer = path.join(e2eDir, 'deps/node_modules/code-server/out/node/entry.js');
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** How long any one awaited event may take. The first diagnostics include the server's start. */
const TIMEOUT_MS = 45_000;

// ---------------------------------------------------------------------------
// What `ims check` says about the workspace: the expectations.

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Fix {
  title: string;
  edits: { file: string; range: Range; newText: string }[];
}
interface CheckDiagnostic {
  range: Range;
  severity: 'error' | 'warning' | 'info' | 'hint';
  code: string;
  message: string;
  fixes?: Fix[];
}

function imsCheck(file: string): CheckDiagnostic[] {
  const binary = path.join(extensionDir, 'server', 'ims');
  const result = spawnSync(binary, ['check', '--format', 'json', file], { encoding: 'utf8' });
  if (result.status === 2 || result.error) {
    throw new Error(`ims check failed: ${result.error ?? result.stderr}`);
  }
  return JSON.parse(result.stdout);
}

/** The Problems counts VS Code shows: hints are not counted. */
function problemCounts(diagnostics: CheckDiagnostic[]) {
  const count = (severity: string) => diagnostics.filter((d) => d.severity === severity).length;
  return { errors: count('error'), warnings: count('warning'), infos: count('info') };
}

function applyEdits(text: string, edits: Fix['edits']): string {
  const lines = text.split('\n');
  const offset = (p: Position) => lines.slice(0, p.line).reduce((sum, l) => sum + l.length + 1, 0) + p.character;
  const sorted = [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, offset(edit.range.start)) + edit.newText + result.slice(offset(edit.range.end));
  }
  return result;
}

// ---------------------------------------------------------------------------
// code-server in a private profile.

interface Profile {
  root: string;
  userData: string;
  extensions: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
}

function makeProfile(): Profile {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'ims-e2e-'));
  const profile: Profile = {
    root,
    userData: path.join(root, 'user-data'),
    extensions: path.join(root, 'extensions'),
    workspace: path.join(root, 'acme'),
    env: {
      ...process.env,
      // Nothing may be written to the real home, nor fetched from outside.
      HOME: path.join(root, 'home'),
      XDG_CONFIG_HOME: path.join(root, 'home/.config'),
      XDG_DATA_HOME: path.join(root, 'home/.local/share'),
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: 'http://127.0.0.1:9/gallery', itemUrl: 'http://127.0.0.1:9/item' }),
    },
  };
  for (const dir of [profile.userData + '/User', profile.extensions, profile.workspace, profile.env.XDG_CONFIG_HOME!]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  fs.copyFileSync(path.join(repoRoot, 'examples/acme.ims'), path.join(profile.workspace, 'acme.ims'));
  fs.writeFileSync(path.join(root, 'config.yaml'), 'auth: none\ncert: false\n');
  writeUserSettings(profile, {});
  return profile;
}

const BASE_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'editor.hover.delay': 300,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  // IMS_E2E_TRACE=1 records the LSP traffic in the kept profile's logs.
  ...(process.env.IMS_E2E_TRACE === '1' ? { 'ims.trace.server': 'verbose' } : {}),
};

function writeUserSettings(profile: Profile, extra: Record<string, unknown>): void {
  const file = path.join(profile.userData, 'User', 'settings.json');
  fs.writeFileSync(file, JSON.stringify({ ...BASE_SETTINGS, ...extra }, null, 2));
}

function installExtension(profile: Profile, vsix: string): void {
  const result = spawnSync(
    process.execPath,
    [codeServer, '--user-data-dir', profile.userData, '--extensions-dir', profile.extensions, '--install-extension', vsix],
    { env: profile.env, encoding: 'utf8' },
  );
  if (result.status !== 0 || !/successfully installed/.test(result.stdout)) {
    throw new Error(`installing ${vsix} failed:\n${result.stdout}\n${result.stderr}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts code-server in its own process group; resolves once it listens. */
function startCodeServer(profile: Profile, port: number, log: fs.WriteStream): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      codeServer,
      '--config', path.join(profile.root, 'config.yaml'),
      '--user-data-dir', profile.userData,
      '--extensions-dir', profile.extensions,
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      profile.workspace,
    ],
    { env: profile.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('code-server did not start listening in time')), TIMEOUT_MS);
    let seen = '';
    const onData = (chunk: Buffer) => {
      log.write(chunk);
      seen += chunk.toString();
      if (/HTTP server listening on/.test(seen)) {
        seen = '';
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited with ${code} before it listened; see ${log.path}`));
    });
  });
}

/** Ends code-server's whole process group (it starts the extension host and the server). */
function stopCodeServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.pid === undefined) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const force = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, 5_000);
    child.on('exit', () => {
      clearTimeout(force);
      resolve();
    });
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      clearTimeout(force);
      resolve();
    }
  });
}

// ---------------------------------------------------------------------------
// Reading the workbench. Everything runs in the page; waits use
// page.waitForFunction, which re-checks as the page changes.

/** The editor of acme.ims, its rendered lines by line number, and its squiggles. */
async function installPageHelpers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const text = (el: Element) => (el.textContent ?? '').replace(/\u00a0/g, ' ');
    const top = (el: Element) => parseFloat((el as HTMLElement).style.top);
    const helpers = {
      editor: () => document.querySelector('.monaco-editor[data-uri$="acme.ims"]'),
      /** Rendered lines: 1-based line number -> { top, text }. */
      lines(): Map<number, { top: number; text: string; element: Element }> {
        const editor = helpers.editor();
        const result = new Map<number, { top: number; text: string; element: Element }>();
        if (!editor) {
          return result;
        }
        const byTop = new Map<number, Element>();
        for (const line of editor.querySelectorAll('.view-lines .view-line')) {
          byTop.set(top(line), line);
        }
        for (const number of editor.querySelectorAll('.margin-view-overlays .line-numbers')) {
          const row = number.parentElement!;
          const line = byTop.get(top(row));
          if (line) {
            result.set(parseInt(text(number), 10), { top: top(row), text: text(line), element: line });
          }
        }
        return result;
      },
      /** Line numbers that carry a squiggle of `kind` (error, warning, info, hint). */
      squiggledLines(kind: string): number[] {
        const editor = helpers.editor();
        if (!editor) {
          return [];
        }
        const tops = new Set(
          [...editor.querySelectorAll(`.view-overlays .squiggly-${kind}`)].map((s) => top(s.parentElement!)),
        );
        return [...helpers.lines()].filter(([, l]) => tops.has(l.top)).map(([n]) => n);
      },
      /** The screen box of `needle` in rendered line `lineNumber`. */
      box(lineNumber: number, needle: string) {
        const line = helpers.lines().get(lineNumber);
        if (!line) {
          return undefined;
        }
        const at = line.text.indexOf(needle);
        if (at < 0) {
          return undefined;
        }
        const walker = document.createTreeWalker(line.element, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        let offset = 0;
        let started = false;
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const length = node.textContent!.length;
          if (!started && at < offset + length) {
            range.setStart(node, at - offset);
            started = true;
          }
          if (started && at + needle.length <= offset + length) {
            range.setEnd(node, at + needle.length - offset);
            const r = range.getBoundingClientRect();
            return { x: r.x, y: r.y, width: r.width, height: r.height };
          }
          offset += length;
        }
        return undefined;
      },
    };
    (window as unknown as { ims: typeof helpers }).ims = helpers;
  });
}

type Helpers = {
  lines(): Map<number, { top: number; text: string }>;
  squiggledLines(kind: string): number[];
  box(line: number, needle: string): { x: number; y: number; width: number; height: number } | undefined;
};
declare const ims: Helpers;

async function waitFor<T>(page: Page, what: string, predicate: (arg: T) => unknown, arg: T): Promise<void> {
  try {
    // The predicate runs in the page, where `ims` is defined (installPageHelpers).
    await page.waitForFunction(predicate as (arg: unknown) => unknown, arg as unknown, { timeout: TIMEOUT_MS });
  } catch (error) {
    throw new Error(`timed out waiting for ${what}: ${String(error).split('\n')[0]}`);
  }
}

/** Runs a command from the palette by its title. */
async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await row.click();
}

/** Opens a file of the workspace with Quick Open. */
async function openFile(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await input.fill(name);
  // Click the row: Enter could take a recently opened file listed before the filter applies.
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor({ timeout: TIMEOUT_MS });
  await row.click();
  await page.locator(`.tab.active[data-resource-name="${name}"]`).waitFor({ timeout: TIMEOUT_MS });
}

/**
 * Changes settings as a user does: edits a settings.json in VS Code and
 * saves it. (code-server does not notice a change made on disk behind its
 * back.) `where` is the palette command that opens the file.
 */
async function editSettings(
  page: Page,
  where: 'Preferences: Open User Settings (JSON)' | 'Preferences: Open Workspace Settings (JSON)',
  settings: Record<string, unknown>,
): Promise<void> {
  await runCommand(page, where);
  const editor = page.locator('.monaco-editor[data-uri$="settings.json"]');
  await editor.locator('.view-line').first().waitFor({ timeout: TIMEOUT_MS });
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+A');
  // One line, inserted at once, so auto-indenting does not interfere. The
  // JSON editor still auto-closes the first `{"` (the [jsonc] settings do not
  // reach inserted text): what is left after the cursor is that, and goes.
  await page.keyboard.insertText(JSON.stringify(settings));
  await page.keyboard.press('Shift+End');
  await page.keyboard.press('Delete');
  await page.keyboard.press('Control+S');
  await page.locator('.tab.active:not(.dirty)[data-resource-name="settings.json"]').waitFor({ timeout: TIMEOUT_MS });
  await openFile(page, 'acme.ims');
}

function editUserSettings(page: Page, extra: Record<string, unknown>): Promise<void> {
  return editSettings(page, 'Preferences: Open User Settings (JSON)', { ...BASE_SETTINGS, ...extra });
}

async function goToLine(page: Page, line: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  await input.fill(`:${line}`);
  await page.keyboard.press('Enter');
  await waitFor(page, `line ${line} to be rendered`, (n) => ims.lines().has(n), line);
}

async function textBox(page: Page, line: number, needle: string) {
  const box = await page.evaluate(([l, n]) => ims.box(l, n), [line, needle] as const);
  if (box === undefined) {
    throw new Error(`"${needle}" is not rendered on line ${line}`);
  }
  return box;
}

/** Takes a screenshot once fade-ins and other finite animations are over. */
async function screenshot(page: Page, file: string): Promise<void> {
  await waitFor(
    page,
    'animations to finish',
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity),
    undefined,
  );
  await page.screenshot({ path: path.join(screenshotDir, file) });
}

/** Waits for the IMS status bar item to show `icon` (check, error, loading). */
async function waitForStatus(page: Page, icon: 'check' | 'error' | 'loading'): Promise<void> {
  await waitFor(
    page,
    `the IMS status item showing $(${icon})`,
    (i) => document.querySelector(`[id$="ims.status"] .codicon-${i}`) !== null,
    icon,
  );
}

async function problemsLabel(page: Page): Promise<string | null> {
  return page.locator('#status\\.problems').first().getAttribute('aria-label');
}

// ---------------------------------------------------------------------------
// The steps.

interface Context {
  page: Page;
  profile: Profile;
  diagnostics: CheckDiagnostic[];
  acmeText: string;
}

type Step = { name: string; run: (c: Context) => Promise<string> };

/** The 1-based number of the first line of acme.ims that starts with `needle` (after indentation). */
function lineOf(text: string, needle: string): number {
  const index = text.split('\n').findIndex((l) => l.trimStart().startsWith(needle));
  if (index < 0) {
    throw new Error(`acme.ims has no line with "${needle}"`);
  }
  return index + 1;
}

function countsPredicate(expected: { errors: number; warnings: number; infos: number }) {
  return (e: typeof expected) => {
    const label = document.querySelector('#status\\.problems')?.getAttribute('aria-label') ?? '';
    const count = (name: string) => Number(new RegExp(`${name}: (\\d+)`).exec(label)?.[1] ?? 0);
    return /Errors|Warnings|Problems/.test(label) && count('Errors') === e.errors && count('Warnings') === e.warnings && count('Infos') === e.infos;
  };
}

const steps: Step[] = [
  {
    name: 'open-acme',
    async run({ page }) {
      await page.locator('.monaco-workbench').waitFor({ timeout: TIMEOUT_MS });
      await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'acme.ims' }).waitFor({ timeout: TIMEOUT_MS });
      await openFile(page, 'acme.ims');
      await waitFor(page, 'acme.ims in an editor', () => ims.lines().size > 10, undefined);
      const language = page.locator('#status\\.editor\\.mode');
      await language.filter({ hasText: 'IMS' }).waitFor({ timeout: TIMEOUT_MS });
      await waitForStatus(page, 'check');
      return 'acme.ims is open, its language is IMS, and the IMS status item shows the server running';
    },
  },
  {
    name: 'textmate-highlighting',
    async run({ page, acmeText }) {
      // Different TextMate scopes get different token colours (mtkN classes).
      await waitFor(
        page,
        'coloured tokens',
        () => new Set([...document.querySelectorAll('.monaco-editor[data-uri$="acme.ims"] .view-line span span')].map((s) => s.className)).size >= 5,
        undefined,
      );
      // And the scopes are ours: inspect the `site` keyword of the first site.
      const line = lineOf(acmeText, 'site hq');
      await goToLine(page, line);
      const box = await textBox(page, line, 'site');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await runCommand(page, 'Developer: Inspect Editor Tokens and Scopes');
      await waitFor(
        page,
        'the token inspector showing storage.type.declaration.ims',
        () => /storage\.type\.declaration\.ims/.test(document.querySelector('.token-inspect-widget')?.textContent ?? ''),
        undefined,
      );
      return `line ${line}: \`site\` has the TextMate scope storage.type.declaration.ims`;
    },
  },
  {
    name: 'diagnostics',
    async run({ page, diagnostics }) {
      await page.keyboard.press('Escape');
      const expected = problemCounts(diagnostics);
      await waitFor(page, `the Problems count ${JSON.stringify(expected)}`, countsPredicate(expected), expected);
      // Every scope gap that `ims check` reports is squiggled on its line.
      const gapLines = [...new Set(diagnostics.filter((d) => d.code === 'scope-gap').map((d) => d.range.start.line + 1))];
      await waitFor(
        page,
        `warning squiggles on the scope-gap lines ${gapLines.join(', ')}`,
        (lines) => lines.every((l) => ims.squiggledLines('warning').includes(l)),
        gapLines,
      );
      await page.locator('#status\\.problems').first().click();
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'scope-gap' }).first().waitFor({ timeout: TIMEOUT_MS });
      return `status bar: "${await problemsLabel(page)}"; scope-gap squiggles on lines ${gapLines.join(', ')}`;
    },
  },
  {
    name: 'hover-correlation',
    async run({ page, acmeText }) {
      // Close the Problems panel again, for room.
      await page.locator('#status\\.problems').first().click();
      const line = lineOf(acmeText, 'covers 20000-1:8.3.4');
      await goToLine(page, line);
      const box = await textBox(page, line, '20000-1:8.3.4');
      await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
      await waitFor(
        page,
        'a hover with the correlated 9001:8.4',
        () => {
          const hover = [...document.querySelectorAll('.monaco-hover:not(.hidden)')].map((h) => h.textContent ?? '').join(' ');
          return /20000-1:2018 8\.3\.4/.test(hover) && /ISO 9001:2015/.test(hover) && /8\.4 Control of externally provided processes, products and services/.test(hover);
        },
        undefined,
      );
      return `hover on 20000-1:8.3.4 (line ${line}) lists ISO 9001:2015 8.4 Control of externally provided processes, products and services`;
    },
  },
  {
    name: 'inlay-hints',
    async run({ page, acmeText }) {
      await page.mouse.move(5, 500);
      const line = lineOf(acmeText, 'covers 20000-1:8.3.4');
      await waitFor(
        page,
        'clause titles after the references',
        (n) => {
          const text = ims.lines().get(n)?.text ?? '';
          // Four references on the line: each keeps a title, together within
          // VS Code's editor.inlayHints.maximumLength (43).
          return (
            /20000-1:8\.3\.4\s*Supplier…,/.test(text) &&
            /9001:8\.4\s*Control…,/.test(text) &&
            /27001:A\.5\.19\s*Informat…,/.test(text) &&
            /27001:A\.5\.20\s*Addressi…/.test(text)
          );
        },
        line,
      );
      const text = await page.evaluate((n) => ims.lines().get(n)?.text, line);
      return `line ${line} reads "${text?.trim()}"`;
    },
  },
  {
    name: 'settings-without-reload',
    async run({ page, diagnostics, acmeText }) {
      // Scope gaps as errors and no inlay hints: the running server must follow.
      await editUserSettings(page, { 'ims.diagnostics.severity': { 'scope-gap': 'error' }, 'ims.inlayHints.enable': false });
      const gaps = diagnostics.filter((d) => d.code === 'scope-gap' && d.severity !== 'error').length;
      const counts = problemCounts(diagnostics);
      const expected = { errors: counts.errors + gaps, warnings: counts.warnings - gaps, infos: counts.infos };
      await waitFor(page, `the Problems count ${JSON.stringify(expected)}`, countsPredicate(expected), expected);
      const line = lineOf(acmeText, 'covers 20000-1:8.3.4');
      await waitFor(page, 'the inlay hints to go', (n) => !/Supplier…/.test(ims.lines().get(n)?.text ?? 'Supplier…'), line);
      const label = await problemsLabel(page);
      await screenshot(page, '06a-scope-gap-as-error-no-hints.png');
      await editUserSettings(page, {});
      await waitFor(page, 'the Problems count back to normal', countsPredicate(counts), counts);
      await waitFor(page, 'the inlay hints to return', (n) => /Supplier…/.test(ims.lines().get(n)?.text ?? ''), line);
      return `with scope-gap = error and inlay hints off: "${label}", no hints; back to "${await problemsLabel(page)}" and hints after resetting`;
    },
  },
  {
    name: 'completion',
    async run({ page, acmeText }) {
      const line = lineOf(acmeText, 'covers 20000-1:9.3, 9001:9.3, 27001:9.3');
      await goToLine(page, line);
      await page.keyboard.press('End');
      // Type as a person does, one trigger character at a time, waiting for
      // the list each one brings (typed all at once, VS Code keeps the first
      // list and filters it instead of asking again).
      // Every row of the visible suggestion list matches `every`, one matches `some`.
      const listed = ({ every, some }: { every: string; some: string }) => {
        const rows = [...document.querySelectorAll('.suggest-widget.visible .monaco-list-row')].map((r) => r.textContent ?? '');
        return rows.length > 0 && rows.every((r) => new RegExp(every).test(r)) && rows.some((r) => new RegExp(some).test(r));
      };
      await page.keyboard.type(', ');
      await waitFor(page, 'the standards offered after ", "', listed, { every: '.', some: '^9001' });
      await page.keyboard.type('9001:');
      await waitFor(page, 'the clauses of 9001 offered after "9001:"', listed, { every: '^\\d', some: '^4' });
      await page.keyboard.type('8.');
      await waitFor(page, 'the 8.x clauses offered after "9001:8."', listed, { every: '^8\\.\\d', some: '^8\\.1' });
      await waitFor(
        page,
        'the title of 8.1 beside it',
        () => /8\.1.*Operational planning and control/.test(document.querySelector('.suggest-widget.visible .monaco-list-row.focused')?.textContent ?? ''),
        undefined,
      );
      // Every row shows its title (labelDetails), not only the focused one,
      // and 8.3, which service-design covers, says so (the list renders only
      // the rows in view).
      await waitFor(page, 'a title on every row', listed, { every: '^8\\.[\\d.]+ [A-Z]', some: '^8\\.3 Design and development of products and services\\s*covered' });
      await screenshot(page, '07a-completion-titles.png');
      const rows = await page.locator('.suggest-widget .monaco-list-row').allTextContents();
      return `after typing "9001:8." the list offers ${rows.slice(0, 4).map((r) => r.replace(/^([\d.]+)/, '$1 ')).join(' | ')} ...`;
    },
  },
  {
    name: 'quick-fix',
    async run({ page, diagnostics, acmeText, profile }) {
      // Leave the completion: close it and revert the typing.
      await page.keyboard.press('Escape');
      await runCommand(page, 'File: Revert File');
      await waitFor(page, 'the typing reverted', (n) => !/9001:8\./.test(ims.lines().get(n)?.text ?? '9001:8.'), lineOf(acmeText, 'covers 20000-1:9.3'));

      const target = diagnostics.find((d) => d.code === 'scope-gap' && /`team-a`/.test(d.message) && d.fixes?.length === 1);
      if (target === undefined) {
        throw new Error('ims check reports no scope-gap for team-a with one fix');
      }
      const fix = target.fixes![0];
      const fixed = applyEdits(acmeText, fix.edits);
      const fixedFile = path.join(profile.root, 'acme-fixed.ims');
      fs.writeFileSync(fixedFile, fixed);
      const after = problemCounts(imsCheck(fixedFile));
      const before = problemCounts(diagnostics);
      const total = (c: typeof after) => c.errors + c.warnings + c.infos;
      if (total(after) >= total(before)) {
        throw new Error(`"${fix.title}" does not lower the count: ${JSON.stringify(before)} -> ${JSON.stringify(after)}`);
      }
      const line = target.range.start.line + 1;

      await goToLine(page, line);
      const box = await textBox(page, line, 'team-a');
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      const bulb = page.locator('.lightBulbWidget');
      await bulb.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      await bulb.first().click();
      // The menu focuses its first action; a pointer block over the menu makes
      // Enter, not a click, the way to apply it.
      const action = page.locator(`.action-widget .monaco-list-row.focused[aria-label="${fix.title}"]`);
      await action.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      await screenshot(page, '08a-quick-fix-menu.png');
      await page.keyboard.press('Enter');

      await waitFor(page, `the scope-gap squiggle on line ${line} to go`, (n) => ims.lines().has(n) && !ims.squiggledLines('warning').includes(n), line);
      await waitFor(page, `the Problems count ${JSON.stringify(after)}`, countsPredicate(after), after);
      const editedLine = fix.edits[0].range.start.line + 1;
      await goToLine(page, editedLine);
      const text = await page.evaluate((n) => ims.lines().get(n)?.text, editedLine);
      if (!text?.includes(fix.edits[0].newText.trim().replace(/^,\s*/, ''))) {
        throw new Error(`line ${editedLine} does not show the fix: ${text}`);
      }
      return `"${fix.title}" from the light bulb: line ${line} lost its squiggle, line ${editedLine} reads "${text?.trim()}", status "${await problemsLabel(page)}"`;
    },
  },
  {
    name: 'explain-from-the-code-link',
    async run({ page, acmeText }) {
      // The hover of a squiggle links its code; the link opens the code's
      // documentation (ims explain, from the bundled binary) in a preview.
      // (After the quick fix, the scope gap of the service hosting is still there.)
      const line = lineOf(acmeText, 'service hosting');
      await goToLine(page, line);
      const box = await textBox(page, line, 'hosting');
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const link = page.locator('.monaco-hover:not(.hidden) a.code-link', { hasText: 'scope-gap' }).first();
      await link.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      await screenshot(page, '09a-hover-code-link.png');
      await link.click();
      await page.locator('.tab', { hasText: 'scope-gap.md' }).first().waitFor({ timeout: TIMEOUT_MS });
      const preview = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await preview.locator('h2', { hasText: 'scope-gap' }).waitFor({ timeout: TIMEOUT_MS });
      await preview.locator('text=Default severity').first().waitFor({ timeout: TIMEOUT_MS });
      await screenshot(page, '09b-explain-preview.png');
      // Close the preview with its tab's close button (keys typed now would
      // go to the preview's frame), back to acme.ims.
      await page.locator('.tab', { hasText: 'scope-gap.md' }).locator('.codicon-close').first().click();
      await page.locator('.tab[data-resource-name="acme.ims"]').first().click();
      await page.locator('.tab.active[data-resource-name="acme.ims"]').waitFor({ timeout: TIMEOUT_MS });
      return `the scope-gap link in the hover of line ${line} opened "scope-gap.md" in a Markdown preview with its documentation`;
    },
  },
  {
    name: 'integration-report',
    async run({ page }) {
      await runCommand(page, 'IMS: Show Integration Report');
      await page.locator('.tab', { hasText: 'IMS Integration Report' }).waitFor({ timeout: TIMEOUT_MS });
      // The page lives in the webview's inner frame.
      const report = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const matrix = report.locator('h2', { hasText: 'Integration matrix' });
      await matrix.waitFor({ timeout: TIMEOUT_MS });
      await report.locator('tr', { hasText: 'Supplier management' }).first().waitFor({ timeout: TIMEOUT_MS });
      await matrix.scrollIntoViewIfNeeded();
      await screenshot(page, '09a-report-matrix.png');
      // The document control block and the SoA's own columns (issue 14).
      await report.locator('caption', { hasText: 'Document control' }).waitFor({ timeout: TIMEOUT_MS });
      const soaReason = report.locator('table.soa th', { hasText: 'Reason' });
      await soaReason.waitFor({ timeout: TIMEOUT_MS });
      await soaReason.scrollIntoViewIfNeeded();
      await screenshot(page, '09b-report-soa.png');
      // A click on a process name opens its definition in the editor.
      const process = report.locator('[data-process="supplier-management"][data-file]').first();
      const line = await process.getAttribute('data-line');
      await process.click();
      await page.locator('#status\\.editor\\.selection', { hasText: `Ln ${line},` }).waitFor({ timeout: TIMEOUT_MS });
      return `the report opened beside the editor with its integration matrix; clicking supplier-management put the cursor on line ${line}`;
    },
  },
  {
    name: 'server-path-restarts',
    async run({ page, profile }) {
      // A wrong ims.server.path stops the server and says why. The setting is
      // machine-overridable: code-server's user settings belong to the
      // browser's machine, so a workspace setting is the one that counts.
      const counts = await page.evaluate(() => document.querySelector('#status\\.problems')?.getAttribute('aria-label'));
      const missing = path.join(profile.root, 'no-such-ims');
      await editSettings(page, 'Preferences: Open Workspace Settings (JSON)', { 'ims.server.path': missing });
      await page
        .locator('.notifications-toasts .notification-toast', { hasText: `${missing} does not exist` })
        .waitFor({ timeout: TIMEOUT_MS });
      await waitForStatus(page, 'error');
      await waitFor(page, 'the diagnostics of the stopped server to go', countsPredicate({ errors: 0, warnings: 0, infos: 0 }), { errors: 0, warnings: 0, infos: 0 });
      await screenshot(page, '10a-wrong-server-path.png');
      // ...and clearing it starts the bundled one again, without a reload.
      await editSettings(page, 'Preferences: Open Workspace Settings (JSON)', {});
      await waitFor(page, `the Problems count back to "${counts}"`, (label) => document.querySelector('#status\\.problems')?.getAttribute('aria-label') === label, counts);
      await waitForStatus(page, 'check');
      return `ims.server.path = ${missing}: "${missing} does not exist", the status item in error and no diagnostics; cleared: "${counts}" again`;
    },
  },
  {
    name: 'restart-and-output',
    async run({ page, profile }) {
      // The status item's menu offers the output and a restart.
      await page.locator('[id$="ims.status"]').first().click();
      const restart = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Restart Language Server' }).first();
      await restart.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      await screenshot(page, '12a-status-menu.png');
      await restart.click();
      await waitForStatus(page, 'check');
      await page.locator('[id$="ims.status"]').first().click();
      const output = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Server Output' }).first();
      await output.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
      await output.click();
      await page.locator('.panel .monaco-editor .view-line', { hasText: 'ims lsp' }).first().waitFor({ timeout: TIMEOUT_MS });
      // The panel renders only the lines in view: count in the channel's log file.
      // Three starts so far: at activation, after the path was cleared, and now;
      // and what the server logs at the default level, info.
      await waitForFile(
        profile.userData,
        () => {
          const log = outputLog(profile, 'IMS Language Server');
          return (log.match(/Starting .*server\/ims lsp \(from bundled, IMS_LOG=info\)/g) ?? []).length === 3 && /\[info\] ims lsp: project .* files/.test(log);
        },
        'the output log showing the third start of the bundled server and its info log',
        true,
      );
      return 'the status menu restarted the server and opened its output, which shows each start and the server\'s info log';
    },
  },
  {
    name: 'crash-loop',
    async run({ page, profile }) {
      // A server that keeps dying: the wrapper notes each start's process id
      // and runs the bundled server; the test ends each of them. Four times
      // the extension restarts it, the fifth it stops and says so.
      const pids = path.join(profile.root, 'server-pids');
      const wrapper = path.join(profile.root, 'ims-wrapper.sh');
      const bundled = path.join(profile.extensions, fs.readdirSync(profile.extensions).find((d) => d.startsWith('ims-language-tools.ims'))!, 'server', 'ims');
      fs.writeFileSync(wrapper, `#!/bin/sh\necho $$ >> '${pids}'\nexec '${bundled}' "$@"\n`, { mode: 0o755 });
      const started = () => (fs.existsSync(pids) ? fs.readFileSync(pids, 'utf8').split('\n').filter((l) => l !== '') : []);
      // A server is up once it has asked for the settings, after `initialized`.
      const initialized = () => (outputLog(profile, 'IMS Language Server').match(/\[info\] ims lsp: settings:/g) ?? []).length;
      const before = initialized();
      await editSettings(page, 'Preferences: Open Workspace Settings (JSON)', { 'ims.server.path': wrapper });
      for (let kill = 1; kill <= 5; kill++) {
        await waitForFile(
          profile.root,
          () => started().length >= kill && initialized() >= before + kill,
          `start ${kill} of the wrapped server`,
          true,
        );
        await waitForStatus(page, 'check');
        process.kill(Number(started()[kill - 1]), 'SIGKILL');
      }
      const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'stopped 5 times in 3 minutes' });
      await toast.waitFor({ timeout: TIMEOUT_MS });
      await waitForStatus(page, 'error');
      const text = (await toast.textContent()) ?? '';
      if (/server server/i.test(text)) {
        throw new Error(`a doubled word in "${text}"`);
      }
      await screenshot(page, '13a-crash-loop-message.png');
      await toast.locator('a.monaco-button, .monaco-button', { hasText: 'Restart' }).first().click();
      await waitForFile(profile.root, () => started().length >= 6, 'the start the Restart button asked for', true);
      await waitForStatus(page, 'check');
      await editSettings(page, 'Preferences: Open Workspace Settings (JSON)', {});
      await waitForStatus(page, 'check');
      return `four restarts after four exits; after the fifth "${text.trim().slice(0, 90)}…" with a Restart button, which started it again`;
    },
  },
];

/** The text of an output channel, from the log file VS Code keeps of it. */
function outputLog(profile: Profile, channel: string): string {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(full);
      } else if (entry.name.endsWith(`-${channel}.log`)) {
        found.push(full);
      }
    }
  };
  walk(path.join(profile.userData, 'logs'));
  return found.map((file) => fs.readFileSync(file, 'utf8')).join('\n');
}

/**
 * Waits until `ready()` holds for a file in `dir`: checked once the watch
 * is set up (so a change just before is not missed), then at each change.
 */
function waitForFile(dir: string, ready: () => boolean, what: string, recursive = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const watcher = fs.watch(dir, { recursive });
    const done = (error?: Error) => {
      clearTimeout(timer);
      watcher.close();
      if (error) {
        reject(error);
      } else {
        resolve();
      }
    };
    const timer = setTimeout(() => done(new Error(`timed out waiting for ${what}`)), TIMEOUT_MS);
    const check = () => {
      if (ready()) {
        done();
      }
    };
    watcher.on('change', check);
    check();
  });
}

// ---------------------------------------------------------------------------

async function main(): Promise<number> {
  for (const required of [codeServer, chromiumPath]) {
    if (!fs.existsSync(required)) {
      console.error(`e2e: ${required} is missing: run scripts/install-e2e-deps.sh`);
      return 1;
    }
  }
  const vsix = fs
    .readdirSync(extensionDir)
    .filter((f) => /^ims-linux-x64-.*\.vsix$/.test(f))
    .map((f) => path.join(extensionDir, f))[0];
  if (vsix === undefined) {
    console.error('e2e: no ims-linux-x64-*.vsix: run npm run package first');
    return 1;
  }
  for (const dir of [screenshotDir, logDir]) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
  }

  const profile = makeProfile();
  const acmeFile = path.join(profile.workspace, 'acme.ims');
  const context: Omit<Context, 'page'> = {
    profile,
    diagnostics: imsCheck(acmeFile),
    acmeText: fs.readFileSync(acmeFile, 'utf8'),
  };
  const log = fs.createWriteStream(path.join(logDir, 'code-server.log'));
  let server: ChildProcess | undefined;
  let browser: Browser | undefined;
  let passed = 0;
  let failed = 0;
  const started = Date.now();
  try {
    installExtension(profile, vsix);
    console.log(`e2e: installed ${path.basename(vsix)} into ${profile.extensions}`);
    const port = await freePort();
    server = await startCodeServer(profile, port, log);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    if (health.status !== 200) {
      throw new Error(`code-server /healthz answered ${health.status}`);
    }
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      // Chromium writes crash-report settings under $HOME: keep them in the profile.
      env: profile.env as Record<string, string>,
      args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await installPageHelpers(page);
    await page.goto(`http://127.0.0.1:${port}/`);
    for (const [index, step] of steps.entries()) {
      const name = `${String(index + 1).padStart(2, '0')}-${step.name}`;
      const stepStart = Date.now();
      try {
        const detail = await step.run({ ...context, page });
        await screenshot(page, `${name}.png`);
        console.log(`ok   ${name} (${Date.now() - stepStart} ms): ${detail}`);
        passed++;
      } catch (error) {
        await page.screenshot({ path: path.join(screenshotDir, `${name}-FAILED.png`) }).catch(() => undefined);
        // The DOM too, to find out what a selector missed.
        fs.writeFileSync(path.join(logDir, `${name}-FAILED.html`), await page.content().catch(() => ''));
        console.log(`FAIL ${name} (${Date.now() - stepStart} ms): ${error instanceof Error ? error.message : String(error)}`);
        failed++;
        // Later steps build on this one.
        break;
      }
    }
    failed += steps.length - passed - failed;
  } catch (error) {
    console.log(`FAIL setup: ${error instanceof Error ? error.stack : String(error)}`);
    failed = steps.length - passed;
  } finally {
    await browser?.close();
    if (server) {
      await stopCodeServer(server);
    }
    log.end();
    if (failed === 0) {
      fs.rmSync(profile.root, { recursive: true, force: true });
    } else {
      console.log(`e2e: the profile is kept in ${profile.root}; code-server's log is ${log.path}`);
    }
  }
  console.log(`e2e: screenshots in ${path.relative(process.cwd(), screenshotDir)} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
