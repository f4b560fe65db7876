import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { CrashCounter, crashMessage, statusView } from '../../src/status';

describe('statusView', () => {
  it('shows starting, ready and error, and says what a click does', () => {
    assert.equal(statusView({ kind: 'starting' }).text, '$(loading~spin) IMS');
    const ready = statusView({ kind: 'ready', version: '0.1.0', source: 'bundled' });
    assert.equal(ready.text, '$(check) IMS');
    assert.equal(ready.tooltip, 'IMS language server 0.1.0 (bundled binary) is running. Click for the server output and a restart.');
    const error = statusView({ kind: 'error', message: 'it could not start' });
    assert.equal(error.error, true);
    assert.match(error.tooltip, /stopped: it could not start\. Click for the server output and a restart\./);
  });
});

describe('CrashCounter', () => {
  it('restarts until the fifth exit within three minutes', () => {
    const crashes = new CrashCounter();
    const minute = 60_000;
    assert.deepEqual(crashes.record(0), { restart: true, count: 1 });
    crashes.record(1 * minute);
    crashes.record(2 * minute);
    // The first exit is out of the window by now.
    assert.deepEqual(crashes.record(3.5 * minute), { restart: true, count: 3 });
    assert.deepEqual(crashes.record(3.6 * minute), { restart: true, count: 4 });
    assert.deepEqual(crashes.record(3.7 * minute), { restart: false, count: 5 });
    crashes.reset();
    assert.deepEqual(crashes.record(4 * minute), { restart: true, count: 1 });
  });

  it('says what happened without doubling a word', () => {
    const message = crashMessage(5, 3 * 60_000);
    assert.equal(
      message,
      'The IMS language server stopped 5 times in 3 minutes and is not restarted again: its diagnostics, hovers and completions are off until it runs. The output has its log.',
    );
    assert.doesNotMatch(message, /\b(\w+) \1\b/);
  });
});
