// The extension's settings (`ims.*` in package.json) and how a change to
// them reaches the server.
//
// This module does not import `vscode`: settings are read through a getter,
// so the unit tests run under plain Node.

/** The levels `ims.diagnostics.severity` accepts for a code (docs/lsp.md). */
export const SEVERITY_LEVELS = ['error', 'warning', 'info', 'hint', 'off'] as const;
export type SeverityLevel = (typeof SEVERITY_LEVELS)[number];

export interface ImsSettings {
  /** `ims.server.path`; empty means the bundled binary, then PATH. */
  serverPath: string;
  /** `ims.diagnostics.severity`: code name -> level. */
  severity: Record<string, SeverityLevel>;
  /** `ims.inlayHints.enable`. */
  inlayHints: boolean;
  /**
   * `ims.maxFileSize` in MiB, and `ims.catalogs`: application-scoped in
   * package.json, so VS Code gives only the user's own values, never a
   * workspace's (a cloned repository cannot raise the limit or name files
   * outside itself).
   */
  maxFileSize: number;
  catalogs: string[];
}

/** The default of `ims.maxFileSize` (MiB), as `ims check --max-file-size`. */
export const DEFAULT_MAX_FILE_SIZE = 8;

/**
 * Reads a configuration section, as `vscode.workspace.getConfiguration('ims').get`.
 * Values of the wrong type fall back to the default; levels that are not
 * known are dropped and named in `problems`, so one typo does not discard
 * the rest.
 */
export function readSettings(get: (key: string) => unknown): { settings: ImsSettings; problems: string[] } {
  const problems: string[] = [];
  const serverPath = get('server.path');
  const inlayHints = get('inlayHints.enable');
  const maxFileSize = get('maxFileSize');
  let size = DEFAULT_MAX_FILE_SIZE;
  if (maxFileSize !== undefined && maxFileSize !== null) {
    if (typeof maxFileSize === 'number' && Number.isInteger(maxFileSize) && maxFileSize >= 1 && maxFileSize <= 4096) {
      size = maxFileSize;
    } else {
      problems.push('ims.maxFileSize: expected a whole number of MiB from 1 to 4096');
    }
  }
  const catalogs: string[] = [];
  const listed = get('catalogs');
  if (Array.isArray(listed)) {
    for (const entry of listed) {
      if (typeof entry === 'string') {
        catalogs.push(entry);
      } else {
        problems.push('ims.catalogs: expected a list of paths');
      }
    }
  } else if (listed !== undefined && listed !== null) {
    problems.push('ims.catalogs: expected a list of paths');
  }
  const severity: Record<string, SeverityLevel> = {};
  const levels = get('diagnostics.severity');
  if (levels !== undefined && levels !== null) {
    if (typeof levels === 'object' && !Array.isArray(levels)) {
      for (const [code, level] of Object.entries(levels as Record<string, unknown>)) {
        if (typeof level === 'string' && (SEVERITY_LEVELS as readonly string[]).includes(level)) {
          severity[code] = level as SeverityLevel;
        } else {
          problems.push(`ims.diagnostics.severity.${code}: expected one of ${SEVERITY_LEVELS.join(', ')}`);
        }
      }
    } else {
      problems.push('ims.diagnostics.severity: expected an object from diagnostic code to level');
    }
  }
  return {
    settings: {
      serverPath: typeof serverPath === 'string' ? serverPath : '',
      severity,
      inlayHints: typeof inlayHints === 'boolean' ? inlayHints : true,
      maxFileSize: size,
      catalogs,
    },
    problems,
  };
}

/**
 * The `ims` section as the server reads it (server/lsp/src/settings.rs),
 * sent with `workspace/didChangeConfiguration` so that a change applies
 * without a round trip.
 */
export function serverSection(settings: ImsSettings): object {
  return {
    diagnostics: { severity: { ...settings.severity } },
    inlayHints: { enable: settings.inlayHints },
    maxFileSize: settings.maxFileSize,
    catalogs: [...settings.catalogs],
  };
}

/** What the extension does when settings change. */
export type ConfigurationReaction =
  /** Another binary: stop the server and start the new one. */
  | 'restart'
  /** Tell the running server (`workspace/didChangeConfiguration`). */
  | 'notify'
  /** Nothing: not ours, or handled elsewhere (`ims.trace.server` by vscode-languageclient). */
  | 'none';

/** Decides from `ConfigurationChangeEvent.affectsConfiguration`. */
export function reactionTo(affects: (section: string) => boolean): ConfigurationReaction {
  if (affects('ims.server.path')) {
    return 'restart';
  }
  if (
    affects('ims.diagnostics') ||
    affects('ims.inlayHints') ||
    affects('ims.maxFileSize') ||
    affects('ims.catalogs')
  ) {
    return 'notify';
  }
  return 'none';
}
