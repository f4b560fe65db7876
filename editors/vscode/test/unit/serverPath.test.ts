import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { bundledServerPath, Environment, expandVariables, findOnPath, resolveServerPath } from '../../src/serverPath';

/** An environment whose executable files are exactly `executables`. */
function env(executables: string[], overrides: Partial<Environment> = {}): Environment {
  return {
    platform: 'linux',
    searchPath: '/usr/local/bin:/usr/bin',
    pathExt: undefined,
    homeDir: '/home/ann',
    workspaceFolders: ['/work/acme'],
    isExecutableFile: (file) => executables.includes(file),
    ...overrides,
  };
}

const BUNDLED = '/ext/server/ims';

describe('resolveServerPath', () => {
  it('prefers the bundled binary when the setting is empty', () => {
    const result = resolveServerPath('', BUNDLED, env([BUNDLED, '/usr/bin/ims']));
    assert.deepEqual(result, { ok: true, command: BUNDLED, source: 'bundled' });
  });

  it('falls back to ims on PATH, in PATH order', () => {
    const result = resolveServerPath('  ', BUNDLED, env(['/usr/bin/ims', '/usr/local/bin/ims']));
    assert.deepEqual(result, { ok: true, command: '/usr/local/bin/ims', source: 'PATH' });
  });

  it('uses the setting, and only the setting, when it is set', () => {
    const exists = env([BUNDLED, '/opt/ims/bin/ims']);
    assert.deepEqual(resolveServerPath('/opt/ims/bin/ims', BUNDLED, exists), {
      ok: true,
      command: '/opt/ims/bin/ims',
      source: 'setting',
    });
    const missing = resolveServerPath('/opt/nope/ims', BUNDLED, exists);
    assert.equal(missing.ok, false);
    assert.match(!missing.ok ? missing.message : '', /ims\.server\.path is "\/opt\/nope\/ims", but \/opt\/nope\/ims is not an executable file/);
    // It says what is wrong with the configured path, never "no bundled binary".
    const described = (what: 'missing' | 'directory') =>
      resolveServerPath('/opt/nope/ims', BUNDLED, env([BUNDLED], { describe: () => what }));
    const gone = described('missing');
    assert.match(!gone.ok ? gone.message : '', /\/opt\/nope\/ims does not exist\. Correct the setting, or clear it/);
    assert.doesNotMatch(!gone.ok ? gone.message : '', /bundled `ims` binary \(/);
    const folder = described('directory');
    assert.match(!folder.ok ? folder.message : '', /is a folder, not the ims binary/);
  });

  it('resolves a relative setting against the first workspace folder', () => {
    const result = resolveServerPath('target/release/ims', BUNDLED, env(['/work/acme/target/release/ims']));
    assert.deepEqual(result, { ok: true, command: '/work/acme/target/release/ims', source: 'setting' });
    const noFolder = resolveServerPath('target/release/ims', BUNDLED, env([], { workspaceFolders: [] }));
    assert.equal(noFolder.ok, false);
    assert.match(!noFolder.ok ? noFolder.message : '', /no folder is open/);
  });

  it('expands ~, ${userHome} and ${workspaceFolder}', () => {
    const e = env(['/home/ann/bin/ims', '/work/acme/bin/ims']);
    assert.equal(resolveServerPath('~/bin/ims', BUNDLED, e).ok, true);
    assert.equal(resolveServerPath('${userHome}/bin/ims', BUNDLED, e).ok, true);
    assert.deepEqual(resolveServerPath('${workspaceFolder}/bin/ims', BUNDLED, e), {
      ok: true,
      command: '/work/acme/bin/ims',
      source: 'setting',
    });
    assert.deepEqual(expandVariables('${workspaceFolder}/ims', { homeDir: '/h', workspaceFolders: [] }).ok, false);
    assert.deepEqual(expandVariables('a~b', { homeDir: '/h', workspaceFolders: [] }), { ok: true, value: 'a~b' });
  });

  it('says how to get a server when there is none', () => {
    const result = resolveServerPath('', BUNDLED, env([]));
    assert.equal(result.ok, false);
    assert.match(!result.ok ? result.message : '', /no bundled `ims` binary \(\/ext\/server\/ims is missing.* no `ims` on PATH.*ims\.server\.path/);
  });
});

describe('Windows', () => {
  const windows = (executables: string[]) =>
    env(executables, {
      platform: 'win32',
      searchPath: 'C:\\Tools;C:\\Windows',
      pathExt: '.COM;.EXE;.BAT',
      homeDir: 'C:\\Users\\ann',
      workspaceFolders: ['C:\\work\\acme'],
    });

  it('bundles ims.exe and finds ims.exe on Path', () => {
    assert.equal(bundledServerPath('C:\\ext', 'win32'), 'C:\\ext\\server\\ims.exe');
    assert.equal(bundledServerPath('/ext', 'linux'), '/ext/server/ims');
    assert.equal(findOnPath('ims', windows(['C:\\Windows\\ims.exe'])), 'C:\\Windows\\ims.exe');
    const result = resolveServerPath('bin\\ims.exe', 'C:\\ext\\server\\ims.exe', windows(['C:\\work\\acme\\bin\\ims.exe']));
    assert.deepEqual(result, { ok: true, command: 'C:\\work\\acme\\bin\\ims.exe', source: 'setting' });
  });
});
