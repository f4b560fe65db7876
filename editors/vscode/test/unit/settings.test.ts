import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { reactionTo, readSettings, serverSection } from '../../src/settings';

/** A getter over a flat map, as `WorkspaceConfiguration.get` on the `ims` section. */
function getter(values: Record<string, unknown>): (key: string) => unknown {
  return (key) => values[key];
}

describe('readSettings', () => {
  it('gives the defaults of package.json when nothing is set', () => {
    assert.deepEqual(readSettings(getter({})), {
      settings: { serverPath: '', severity: {}, inlayHints: true, maxFileSize: 8, catalogs: [] },
      problems: [],
    });
  });

  it('reads every setting', () => {
    const { settings, problems } = readSettings(
      getter({
        'server.path': '/opt/ims',
        'diagnostics.severity': { 'scope-gap': 'error', 'harmonized-additions': 'off' },
        'inlayHints.enable': false,
        maxFileSize: 64,
        catalogs: ['/home/me/iso14001.toml'],
      }),
    );
    assert.deepEqual(problems, []);
    assert.deepEqual(settings, {
      serverPath: '/opt/ims',
      severity: { 'scope-gap': 'error', 'harmonized-additions': 'off' },
      inlayHints: false,
      maxFileSize: 64,
      catalogs: ['/home/me/iso14001.toml'],
    });
  });

  it('drops bad levels and values of the wrong type, and names them', () => {
    const { settings, problems } = readSettings(
      getter({
        'server.path': 42,
        'diagnostics.severity': { 'scope-gap': 'loud', 'no-scope': 'hint' },
        'inlayHints.enable': 'yes',
        maxFileSize: 0.5,
        catalogs: ['/ok.toml', 7],
      }),
    );
    assert.deepEqual(settings, {
      serverPath: '',
      severity: { 'no-scope': 'hint' },
      inlayHints: true,
      maxFileSize: 8,
      catalogs: ['/ok.toml'],
    });
    assert.deepEqual(problems, [
      'ims.maxFileSize: expected a whole number of MiB from 1 to 4096',
      'ims.catalogs: expected a list of paths',
      'ims.diagnostics.severity.scope-gap: expected one of error, warning, info, hint, off',
    ]);
    assert.deepEqual(readSettings(getter({ 'diagnostics.severity': ['scope-gap'] })).problems, [
      'ims.diagnostics.severity: expected an object from diagnostic code to level',
    ]);
  });
});

describe('serverSection', () => {
  it('is the shape server/lsp/src/settings.rs reads', () => {
    const { settings } = readSettings(
      getter({ 'server.path': '/x', 'diagnostics.severity': { 'scope-gap': 'error' }, 'inlayHints.enable': false }),
    );
    assert.deepEqual(serverSection(settings), {
      diagnostics: { severity: { 'scope-gap': 'error' } },
      inlayHints: { enable: false },
      maxFileSize: 8,
      catalogs: [],
    });
  });
});

describe('reactionTo', () => {
  /** `affectsConfiguration` for a change of `changed`: true for it and its parents. */
  const change = (changed: string) => (section: string) => changed === section || changed.startsWith(section + '.');

  it('restarts for another server, notifies for what the server reads', () => {
    assert.equal(reactionTo(change('ims.server.path')), 'restart');
    assert.equal(reactionTo(change('ims.diagnostics.severity')), 'notify');
    assert.equal(reactionTo(change('ims.inlayHints.enable')), 'notify');
    assert.equal(reactionTo(change('ims.maxFileSize')), 'notify');
    assert.equal(reactionTo(change('ims.catalogs')), 'notify');
    // vscode-languageclient follows ims.trace.server by itself.
    assert.equal(reactionTo(change('ims.trace.server')), 'none');
    assert.equal(reactionTo(change('editor.fontSize')), 'none');
  });
});
