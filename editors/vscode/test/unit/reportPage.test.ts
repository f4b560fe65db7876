import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { EXPORT_FORMATS, EXPORT_PARTS, isOpenSourceMessage, makeNonce, reportBytes, reportHtml, reportPage, sourcePosition } from '../../src/reportPage';

describe('reportHtml', () => {
  it('takes the content of an ims/report answer (docs/report.md)', () => {
    assert.equal(reportHtml({ content: '<p>r</p>' }), '<p>r</p>');
    assert.equal(reportHtml({ html: '<p>r</p>' }), '<p>r</p>');
    assert.equal(reportHtml('<p>r</p>'), '<p>r</p>');
    assert.equal(reportHtml({ content: 42 }), undefined);
    assert.equal(reportHtml(null), undefined);
  });
});

describe('reportPage', () => {
  it('adds a policy that fetches nothing and runs only the nonce script', () => {
    const page = reportPage('<!DOCTYPE html>\n<html><head><title>R</title></head><body><p>r</p></body></html>', 'vscode-resource:', 'N0NCE');
    assert.match(page, /<head><meta http-equiv="Content-Security-Policy" content="default-src 'none'; [^"]*script-src 'nonce-N0NCE';"><title>/);
    assert.match(page, /<p>r<\/p><script nonce="N0NCE">[\s\S]*acquireVsCodeApi[\s\S]*<\/script><\/body><\/html>$/);
  });

  it('wraps a fragment into a document', () => {
    const page = reportPage('<p>r</p>', 'x:', 'n');
    assert.match(page, /^<!DOCTYPE html><html><head><meta [^>]*><\/head><body><p>r<\/p><script nonce="n">/);
  });

  it('makes a fresh nonce each time', () => {
    assert.match(makeNonce(), /^[A-Za-z0-9]{32}$/);
    assert.notEqual(makeNonce(), makeNonce());
  });
});

describe('isOpenSourceMessage', () => {
  it('accepts what the page sends and nothing else', () => {
    assert.ok(isOpenSourceMessage({ type: 'open', file: '/w/acme.ims', line: 3, offset: 10 }));
    assert.ok(isOpenSourceMessage({ type: 'open', file: '/w/acme.ims', line: 3 }));
    assert.ok(!isOpenSourceMessage({ type: 'open', file: '/w/acme.ims', line: 0 }));
    assert.ok(!isOpenSourceMessage({ type: 'open', file: '', line: 1 }));
    assert.ok(!isOpenSourceMessage({ type: 'open', file: '/w/a.ims', line: 1, offset: -1 }));
    assert.ok(!isOpenSourceMessage({ type: 'run', file: '/w/a.ims', line: 1 }));
    assert.ok(!isOpenSourceMessage(null));
  });
});

describe('sourcePosition', () => {
  it('turns a byte offset into a UTF-16 column on the line', () => {
    const text = 'site hq "Zürich"\nunit ops "Ops" at hq\n';
    // `ops` starts at byte 23: "site hq \"Zürich\"\n" is 18 bytes (ü is two).
    assert.deepEqual(sourcePosition(text, 2, 23), { line: 1, character: 5 });
    assert.deepEqual(sourcePosition('a\r\nbb cc', 2, 6), { line: 1, character: 3 });
  });

  it('falls back to the start of the line when the offset is elsewhere or missing', () => {
    assert.deepEqual(sourcePosition('a\nb\n', 2, 0), { line: 1, character: 0 });
    assert.deepEqual(sourcePosition('a\nb\n', 2), { line: 1, character: 0 });
  });
});

describe('reportBytes', () => {
  it('decodes an XLSX answer from base64 and takes text as UTF-8', () => {
    assert.deepEqual(reportBytes({ content: 'UEsDBA==', encoding: 'base64' }), new Uint8Array([0x50, 0x4b, 0x03, 0x04]));
    assert.deepEqual(reportBytes({ content: 'Maß' }), new Uint8Array([0x4d, 0x61, 0xc3, 0x9f]));
    assert.equal(reportBytes({ content: 'x', encoding: 'gzip' }), undefined);
    assert.equal(reportBytes({ content: 1 }), undefined);
    assert.equal(reportBytes('x'), undefined);
  });

  it('offers every format of the request, XLSX first', () => {
    assert.deepEqual(EXPORT_FORMATS.map((f) => f.format), ['xlsx', 'html', 'markdown', 'csv']);
    assert.deepEqual(EXPORT_PARTS[1].sections, ['soa']);
  });
});
