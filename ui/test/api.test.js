import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COMMANDS } from '../commands.gen.js';

// Every function of api.js, called as a view would, reaches a command the
// table knows, by the door its kind says, with only arguments it takes:
// a name or an argument cannot drift between the UI and the Rust side.
test('every api.js function calls a known command with its own arguments', async () => {
  const sent = [];
  globalThis.window = { dispatchEvent() {} };
  globalThis.__TAURI__ = {
    core: {
      invoke: async (command, payload) => {
        sent.push({ command, payload });
        return null;
      },
    },
  };
  const api = await import('../api.js');
  const functions = Object.entries(api).filter(([, f]) => typeof f === 'function' && f !== api.ApiError);
  assert.ok(functions.length > 100, `${functions.length} functions`);
  for (const [name, f] of functions) {
    sent.length = 0;
    await f({}, {}, {}, {}, {});
    assert.equal(sent.length, 1, `${name} makes one call`);
    const { command, payload } = sent[0];
    const [called, args] = command === 'call' || command === 'export' ? [payload.command, payload.args] : [command, payload];
    const spec = COMMANDS[called];
    assert.ok(spec, `${name} calls ${called}, which the table does not have`);
    const door = { data: 'call', export: 'export', window: called, import: called }[spec.kind];
    assert.equal(command, door, `${name}: ${called} goes through ${door}`);
    if (spec.kind !== 'import') {
      for (const key of Object.keys(args ?? {})) assert.ok(spec.args.includes(key), `${name}: ${called} takes no ${key}`);
    }
  }
});

