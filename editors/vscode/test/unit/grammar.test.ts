// The TextMate grammar, tokenized by vscode-textmate as VS Code does.
// Each check names a piece of a line and the innermost scope it must get.

import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import * as oniguruma from 'vscode-oniguruma';
import * as textmate from 'vscode-textmate';

const root = path.resolve(__dirname, '../../..');
let grammar: textmate.IGrammar;

before(async () => {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async () =>
      textmate.parseRawGrammar(fs.readFileSync(path.join(root, 'syntaxes/ims.tmLanguage.json'), 'utf8'), 'ims.tmLanguage.json'),
  });
  const loaded = await registry.loadGrammar('source.ims');
  assert.ok(loaded);
  grammar = loaded;
});

/** Each token of `lines` as `text: innermost scope`, one line after the other. */
function tokens(...lines: string[]): string[] {
  let state = textmate.INITIAL;
  const result: string[] = [];
  for (const line of lines) {
    const tokenized = grammar.tokenizeLine(line, state);
    for (const token of tokenized.tokens) {
      const text = line.slice(token.startIndex, token.endIndex);
      if (text.trim() !== '') {
        result.push(`${text.trim()}: ${token.scopes[token.scopes.length - 1]}`);
      }
    }
    state = tokenized.ruleStack;
  }
  return result;
}

describe('TextMate grammar', () => {
  it('colours a declaration, its keywords, names and clause references', () => {
    assert.deepEqual(tokens('process supplier-management "Supplier" { owner procurement; covers 20000-1:8.3.4, 27001@2013:A.15.1.1 }'), [
      'process: storage.type.declaration.ims',
      'supplier-management: entity.name.type.ims',
      '": punctuation.definition.string.begin.ims',
      'Supplier: string.quoted.double.ims',
      '": punctuation.definition.string.end.ims',
      '{: punctuation.section.block.begin.ims',
      'owner: keyword.other.statement.ims',
      'procurement: variable.other.name.ims',
      ';: punctuation.terminator.statement.ims',
      'covers: keyword.other.statement.ims',
      '20000-1: entity.name.namespace.standard.ims',
      ':: punctuation.separator.clause.ims',
      '8.3.4: constant.numeric.clause.ims',
      ',: punctuation.separator.comma.ims',
      '27001: entity.name.namespace.standard.ims',
      '@: punctuation.separator.edition.ims',
      '2013: constant.numeric.edition.ims',
      ':: punctuation.separator.clause.ims',
      'A.15.1.1: constant.numeric.clause.ims',
      '}: punctuation.section.block.end.ims',
    ]);
  });

  it('knows the header, editions, modifiers, attributes, ranges and via', () => {
    assert.deepEqual(tokens('ims "A" { standards iso27001@2022 }'), [
      'ims: storage.type.declaration.ims',
      '": punctuation.definition.string.begin.ims',
      'A: string.quoted.double.ims',
      '": punctuation.definition.string.end.ims',
      '{: punctuation.section.block.begin.ims',
      'standards: keyword.other.statement.ims',
      'iso27001: entity.name.namespace.standard.ims',
      '@: punctuation.separator.edition.ims',
      '2022: constant.numeric.edition.ims',
      '}: punctuation.section.block.end.ims',
    ]);
    assert.deepEqual(tokens('scope location { sites dc1 } applicable 27001:A.5.19 .. 27001:A.5.23 covers 20000-1:8.7.3 via ISMS description "x"').filter((t) => !t.includes('punctuation')), [
      'scope: keyword.other.statement.ims',
      'location: storage.modifier.ims',
      'sites: keyword.other.statement.ims',
      'dc1: variable.other.name.ims',
      'applicable: keyword.other.statement.ims',
      '27001: entity.name.namespace.standard.ims',
      'A.5.19: constant.numeric.clause.ims',
      '..: keyword.operator.range.ims',
      '27001: entity.name.namespace.standard.ims',
      'A.5.23: constant.numeric.clause.ims',
      'covers: keyword.other.statement.ims',
      '20000-1: entity.name.namespace.standard.ims',
      '8.7.3: constant.numeric.clause.ims',
      'via: keyword.other.statement.ims',
      'ISMS: variable.other.name.ims',
      'description: support.type.property-name.ims',
      'x: string.quoted.double.ims',
    ]);
  });

  it('reads a lower-case annex letter as part of the clause number', () => {
    assert.deepEqual(tokens('covers 27001:a.5.19').filter((t) => !t.includes('punctuation')), [
      'covers: keyword.other.statement.ims',
      '27001: entity.name.namespace.standard.ims',
      'a.5.19: constant.numeric.clause.ims',
    ]);
  });

  it('does not see keywords inside hyphenated names', () => {
    assert.deepEqual(tokens('unit owner-team "O" at site-a'), [
      'unit: storage.type.declaration.ims',
      'owner-team: entity.name.type.ims',
      '": punctuation.definition.string.begin.ims',
      'O: string.quoted.double.ims',
      '": punctuation.definition.string.end.ims',
      'at: keyword.other.statement.ims',
      'site-a: variable.other.name.ims',
    ]);
  });

  it('colours escapes, and ends an unterminated string at the end of its line', () => {
    assert.deepEqual(tokens('description "a \\"b\\" \\q', 'site hq'), [
      'description: support.type.property-name.ims',
      '": punctuation.definition.string.begin.ims',
      'a: string.quoted.double.ims',
      '\\": constant.character.escape.ims',
      'b: string.quoted.double.ims',
      '\\": constant.character.escape.ims',
      '\\q: invalid.illegal.unknown-escape.ims',
      'site: storage.type.declaration.ims',
      'hq: entity.name.type.ims',
    ]);
  });

  it('colours comments, across lines, and the ims-allow in them', () => {
    assert.deepEqual(tokens('// ims-allow(scope-gap): reason', '/* site', 'x */ site hq'), [
      '//: punctuation.definition.comment.ims',
      'ims-allow: keyword.other.suppression.ims',
      '(: punctuation.definition.parameters.begin.ims',
      'scope-gap: constant.other.diagnostic-code.ims',
      '): punctuation.definition.parameters.end.ims',
      ': reason: comment.line.double-slash.ims',
      '/*: punctuation.definition.comment.begin.ims',
      'site: comment.block.ims',
      'x: comment.block.ims',
      '*/: punctuation.definition.comment.end.ims',
      'site: storage.type.declaration.ims',
      'hq: entity.name.type.ims',
    ]);
  });

  it('tokenizes every example file without an invalid token', () => {
    const repo = path.resolve(root, '../..');
    const files = fs.readdirSync(path.join(repo, 'examples'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ims'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const lines = fs.readFileSync(path.join(repo, 'examples', file), 'utf8').split(/\r?\n/);
      const invalid = tokens(...lines).filter((t) => t.includes('invalid'));
      assert.deepEqual(invalid, [], file);
    }
  });
});
