// Finding the `ims` binary that serves the language (`ims lsp`).
//
// This module does not import `vscode`: the file system and the environment
// come in as an `Environment`, so the unit tests run under plain Node.

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Where the server binary came from, for the output channel. */
export type ServerSource = 'setting' | 'bundled' | 'PATH';

export type Resolution =
  | { ok: true; command: string; source: ServerSource }
  | { ok: false; message: string };

/** What resolution may look at; `nodeEnvironment` gives the real one. */
export interface Environment {
  platform: NodeJS.Platform;
  /** The value of PATH (Path on Windows). */
  searchPath: string | undefined;
  /** PATHEXT on Windows: the extensions that make a file executable. */
  pathExt: string | undefined;
  homeDir: string;
  workspaceFolders: readonly string[];
  isExecutableFile(file: string): boolean;
  /** What is at `file` when it is not an executable file, to say so. */
  describe?(file: string): 'missing' | 'directory' | 'not executable';
}

/** The binary's file name on `platform`. */
export function binaryName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'ims.exe' : 'ims';
}

/** Where `npm run package` puts the binary inside the extension. */
export function bundledServerPath(extensionPath: string, platform: NodeJS.Platform): string {
  return pathFor(platform).join(extensionPath, 'server', binaryName(platform));
}

/**
 * Chooses the server binary: the `ims.server.path` setting when it is set
 * (and then only that: a mistyped path is reported, not silently replaced by
 * another binary), else the binary bundled with the extension, else `ims`
 * on PATH.
 */
export function resolveServerPath(configured: string, bundled: string, env: Environment): Resolution {
  const p = pathFor(env.platform);
  const setting = configured.trim();
  if (setting !== '') {
    const expanded = expandVariables(setting, env);
    if (!expanded.ok) {
      return expanded;
    }
    let file = expanded.value;
    if (!p.isAbsolute(file)) {
      if (env.workspaceFolders.length === 0) {
        return {
          ok: false,
          message: `ims.server.path is the relative path "${setting}", but no folder is open to resolve it against.`,
        };
      }
      file = p.resolve(env.workspaceFolders[0], file);
    }
    if (!env.isExecutableFile(file)) {
      const what = env.describe?.(file) ?? 'not executable';
      const problem =
        what === 'missing'
          ? 'does not exist'
          : what === 'directory'
            ? 'is a folder, not the ims binary'
            : 'is not an executable file';
      return {
        ok: false,
        message: `The IMS language server is not started: the setting ims.server.path is "${setting}", but ${file} ${problem}. Correct the setting, or clear it to use the binary bundled with the extension.`,
      };
    }
    return { ok: true, command: file, source: 'setting' };
  }
  if (env.isExecutableFile(bundled)) {
    return { ok: true, command: bundled, source: 'bundled' };
  }
  const onPath = findOnPath(binaryName(env.platform).replace(/\.exe$/, ''), env);
  if (onPath !== undefined) {
    return { ok: true, command: onPath, source: 'PATH' };
  }
  return {
    ok: false,
    message:
      `No IMS language server found: ims.server.path is not set, this extension has no bundled \`ims\` binary (${bundled} is missing: a package built without one, or for another platform) and there is no \`ims\` on PATH. ` +
      'Install it (`cargo install --path server/cli` in the IMS language tools repository) or set ims.server.path.',
  };
}

/** Expands `~`, `${userHome}` and `${workspaceFolder}` as VS Code users expect. */
export function expandVariables(
  value: string,
  env: Pick<Environment, 'homeDir' | 'workspaceFolders'>,
): { ok: true; value: string } | { ok: false; message: string } {
  let result = value;
  if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
    result = env.homeDir + result.slice(1);
  }
  result = result.replace(/\$\{userHome\}/g, () => env.homeDir);
  if (result.includes('${workspaceFolder}')) {
    const folder = env.workspaceFolders[0];
    if (folder === undefined) {
      return {
        ok: false,
        message: `ims.server.path "${value}" uses \${workspaceFolder}, but no folder is open.`,
      };
    }
    result = result.replace(/\$\{workspaceFolder\}/g, () => folder);
  }
  return { ok: true, value: result };
}

/** The first executable `name` in the search path, as a shell would find it. */
export function findOnPath(name: string, env: Environment): string | undefined {
  const p = pathFor(env.platform);
  const separator = env.platform === 'win32' ? ';' : ':';
  const extensions =
    env.platform === 'win32' ? (env.pathExt ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e !== '') : [''];
  for (const dir of (env.searchPath ?? '').split(separator)) {
    if (dir === '') {
      continue;
    }
    for (const extension of extensions) {
      const candidate = p.join(dir, name + extension.toLowerCase());
      if (env.isExecutableFile(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** The real environment of this process, with the given workspace folders. */
export function nodeEnvironment(workspaceFolders: readonly string[]): Environment {
  return {
    platform: process.platform,
    searchPath: process.env.PATH ?? process.env.Path,
    pathExt: process.env.PATHEXT,
    homeDir: os.homedir(),
    workspaceFolders,
    describe(file: string) {
      try {
        return fs.statSync(file).isDirectory() ? 'directory' : 'not executable';
      } catch {
        return 'missing';
      }
    },
    isExecutableFile(file: string): boolean {
      try {
        if (!fs.statSync(file).isFile()) {
          return false;
        }
        // Windows has no execute bit; there the extension decides (findOnPath).
        if (process.platform !== 'win32') {
          fs.accessSync(file, fs.constants.X_OK);
        }
        return true;
      } catch {
        return false;
      }
    },
  };
}

function pathFor(platform: NodeJS.Platform): path.PlatformPath {
  return platform === 'win32' ? path.win32 : path.posix;
}
