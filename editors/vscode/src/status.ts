// What the status bar item says about the language server, and when the
// extension stops restarting a server that keeps dying.
//
// This module does not import `vscode`, so the unit tests run under plain
// Node; extension.ts shows the result in a StatusBarItem.

/** The state of the language server, as the user should see it. */
export type ServerState =
  | { kind: 'starting'; detail?: string }
  | { kind: 'ready'; version?: string; source?: string }
  | { kind: 'error'; message: string };

export interface StatusView {
  /** With a codicon, as StatusBarItem.text takes it. */
  text: string;
  tooltip: string;
  /** An error state gets the status bar's error colours. */
  error: boolean;
}

/** The status bar item for a state: short text, the story in the tooltip. */
export function statusView(state: ServerState): StatusView {
  const click = 'Click for the server output and a restart.';
  switch (state.kind) {
    case 'starting':
      return {
        text: '$(loading~spin) IMS',
        tooltip: `IMS language server: starting${state.detail ? ` (${state.detail})` : ''}…`,
        error: false,
      };
    case 'ready': {
      const version = state.version ? ` ${state.version}` : '';
      const source = state.source ? ` (${state.source} binary)` : '';
      return { text: '$(check) IMS', tooltip: `IMS language server${version}${source} is running. ${click}`, error: false };
    }
    case 'error':
      return {
        text: '$(error) IMS',
        tooltip: `IMS language server stopped: ${state.message.replace(/\.?$/, '.')} ${click}`,
        error: true,
      };
  }
}

/**
 * Counts the server's unexpected exits: it is restarted until it has
 * stopped `limit` times within `windowMs`, then left stopped and the user
 * told (rust-analyzer and the YAML extension do the same).
 */
export class CrashCounter {
  private exits: number[] = [];

  constructor(
    readonly limit = 5,
    readonly windowMs = 3 * 60_000,
  ) {}

  /** Records an exit at `now`; whether to restart, and how many exits are in the window. */
  record(now: number): { restart: boolean; count: number } {
    this.exits = this.exits.filter((t) => now - t < this.windowMs);
    this.exits.push(now);
    return { restart: this.exits.length < this.limit, count: this.exits.length };
  }

  /** A restart asked for by the user starts the count afresh. */
  reset(): void {
    this.exits = [];
  }
}

/** The message after the last exit: says what happened and what to do. */
export function crashMessage(count: number, windowMs: number): string {
  const minutes = Math.round(windowMs / 60_000);
  return `The IMS language server stopped ${count} times in ${minutes} minutes and is not restarted again: its diagnostics, hovers and completions are off until it runs. The output has its log.`;
}
