// The declarative parts of the extension: package.json, the language
// configuration and the snippets, checked against the rest of the repository.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const repo = path.resolve(root, '../..');
const readJson = (file: string) => JSON.parse(fs.readFileSync(path.join(root, file), 'utf8'));
const manifest = readJson('package.json');

describe('package.json', () => {
  it('offers a severity setting for every diagnostic code in docs/diagnostics.md', () => {
    const docs = fs.readFileSync(path.join(repo, 'docs/diagnostics.md'), 'utf8');
    const documented = [...docs.matchAll(/^## ([a-z]+(?:-[a-z]+)*)$/gm)].map((m) => m[1]).sort();
    const severity = manifest.contributes.configuration.properties['ims.diagnostics.severity'];
    assert.deepEqual(Object.keys(severity.properties).sort(), documented);
    for (const code of documented) {
      assert.deepEqual(severity.properties[code].enum, ['error', 'warning', 'info', 'hint', 'off'], code);
    }
  });

  it('lets only the user set what reads files or runs a binary', () => {
    const properties = manifest.contributes.configuration.properties;
    // Application scope: VS Code ignores workspace values (a cloned repository's
    // .vscode/settings.json cannot raise the limit or point at files outside it).
    assert.equal(properties['ims.maxFileSize'].scope, 'application');
    assert.equal(properties['ims.catalogs'].scope, 'application');
    // In Restricted Mode a workspace cannot choose the server binary.
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['ims.server.path']);
  });

  it('declares exactly the commands that src/extension.ts registers', () => {
    const source = fs.readFileSync(path.join(root, 'src/extension.ts'), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    const declared = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    assert.deepEqual(declared, registered);
    assert.deepEqual(
      manifest.contributes.commands.map((c: { category: string; title: string }) => `${c.category}: ${c.title}`),
      ['IMS: Restart Language Server', 'IMS: Show Server Output', 'IMS: Show Integration Report'],
    );
  });
});

describe('language-configuration.json', () => {
  const configuration = readJson('language-configuration.json');
  const words = (line: string) => line.match(new RegExp(configuration.wordPattern, 'g'));

  it('keeps clause references, editions, controls and hyphenated names whole', () => {
    assert.deepEqual(words('covers 20000-1:8.3.4, 9001:8.4, 27001@2013:A.15.1.1'), [
      'covers',
      '20000-1:8.3.4',
      '9001:8.4',
      '27001@2013:A.15.1.1',
    ]);
    assert.deepEqual(words('standards iso20000-1@2018, iso27001@2022'), ['standards', 'iso20000-1@2018', 'iso27001@2022']);
    assert.deepEqual(words('A.5.19 team-a supplier-management delivered-by'), [
      'A.5.19',
      'team-a',
      'supplier-management',
      'delivered-by',
    ]);
  });

  it('keeps a half-typed reference whole, and stops before the range operator', () => {
    assert.deepEqual(words('covers 9001:8.'), ['covers', '9001:8.']);
    assert.deepEqual(words('covers 9001:'), ['covers', '9001:']);
    assert.deepEqual(words('27001:A.5.19..27001:A.5.23'), ['27001:A.5.19', '27001:A.5.23']);
  });

  it('indents after an open brace, also behind a title', () => {
    const increase = new RegExp(configuration.indentationRules.increaseIndentPattern);
    assert.ok(increase.test('ims "Acme Managed Services" {'));
    assert.ok(increase.test('  scope location { // physical security'));
    assert.ok(!increase.test('  scope { units ops }'));
    assert.ok(new RegExp(configuration.indentationRules.decreaseIndentPattern).test('  }'));
  });
});

describe('snippets', () => {
  const snippets: Record<string, { prefix: string; body: string[] }> = readJson('snippets/ims.json');
  const prefixes = Object.values(snippets).map((s) => s.prefix);

  it('has one for each declaration and block', () => {
    for (const keyword of [
      'ims',
      'site',
      'unit',
      'supplier',
      'service',
      'system',
      'process',
      'party',
      'objective',
      'document',
      'scope',
      'controls',
      'not-applicable',
    ]) {
      assert.ok(prefixes.includes(keyword), `no snippet for ${keyword}`);
    }
  });

  it('writes every body as a valid IMS statement', () => {
    // Expand placeholders to their defaults (choices to the first choice).
    const expand = (body: string[]) =>
      body
        .join('\n')
        .replace(/\$\{\d+\|([^,|]+)[^}]*\}/g, '$1')
        .replace(/\$\{\d+:([^}]*)\}/g, '$1')
        .replace(/\$\d+/g, '');
    for (const [name, snippet] of Object.entries(snippets)) {
      const text = expand(snippet.body);
      assert.doesNotMatch(text, /\$/, name);
      // Braces balance: each snippet is a whole declaration or block.
      assert.equal((text.match(/\{/g) ?? []).length, (text.match(/\}/g) ?? []).length, name);
    }
  });
});
