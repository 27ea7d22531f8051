import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

// The user guide (docs/) kept true of the app: every chapter is in the
// index, every link leads somewhere, every picture is one that
// scripts/screenshots makes from the real window (and every picture there
// is used), and every screen word the guide quotes in 「」 is a word the
// screens or the core's messages really say — so a renamed button fails
// the build until the guide follows. In a quote, 〔…〕 stands for what
// varies (a name, a number): 「按 Enter 借给 〔读者姓名〕」.

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const docs = path.join(root, 'docs');
const read = (file) => fs.readFileSync(file, 'utf8');

// The guide's pages: the index, the numbered chapters, the appendix and the
// glossary. A new chapter is a file `NN-name.md` with its line in the index.
const CHAPTER = /^(\d\d-[a-z0-9-]+|appendix-[a-z0-9-]+|glossary)\.md$/;
const chapters = fs.readdirSync(docs).filter((f) => CHAPTER.test(f)).sort();
const pages = ['README.md', ...chapters].map((name) => ({ name, text: read(path.join(docs, name)) }));

// The pictures scripts/screenshots makes: tests/e2e/screenshots/mod.rs lists them.
function picturesMade() {
  const source = read(path.join(root, 'tests/e2e/screenshots/mod.rs'));
  const list = /pub const PICTURES: &\[&str\] = &\[([^\]]*)\]/.exec(source);
  assert.ok(list, 'tests/e2e/screenshots/mod.rs names its pictures in PICTURES');
  return new Set([...list[1].matchAll(/"([^"]+\.png)"/g)].map((m) => m[1]));
}

// Every file under `dir` whose name passes `keep`.
function filesUnder(dir, keep) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'tests' && entry.name !== 'test') out.push(...filesUnder(full, keep));
    } else if (keep(entry.name)) out.push(full);
  }
  return out;
}

// What the screens and the core say: the window (ui/), the core's words
// (its messages, and the vocabulary the window receives from it), the
// readers' pages (host/) and the window's shell; not the tests.
function screenWords() {
  const rust = (name) => name.endsWith('.rs') && name !== 'tests.rs';
  const files = [
    ...filesUnder(path.join(root, 'ui'), (n) => /\.(js|html)$/.test(n)),
    path.join(root, 'ui/test/vocabulary.gen.json'),
    ...['core/src', 'commands/src', 'host/src', 'src-tauri/src'].flatMap((d) => filesUnder(path.join(root, d), rust)),
  ];
  return files.map(read).join('\n').replace(/\s+/g, ' ');
}

const linksIn = (text) => [...text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => ({ target: m[1], image: m[0].startsWith('!') }));

test('every chapter of the guide is linked from its index', () => {
  const index = pages[0].text;
  assert.ok(chapters.length >= 14, `the guide has its chapters, appendix and glossary (found ${chapters.join(', ')})`);
  for (const name of chapters) {
    assert.ok(index.includes(`](${name})`), `docs/README.md links ${name}`);
  }
});

test('every link in the guide leads to a file that is there', () => {
  for (const page of pages) {
    for (const { target } of linksIn(page.text)) {
      if (/^(https?:|mailto:|#)/.test(target)) continue;
      const file = path.join(docs, decodeURI(target.split('#')[0]));
      assert.ok(fs.existsSync(file), `${page.name} links ${target}, which is not in docs/`);
    }
  }
});

test('every picture the guide shows is made by scripts/screenshots, and every picture made is shown', () => {
  const made = picturesMade();
  const shown = new Set();
  for (const page of pages) {
    for (const { target, image } of linksIn(page.text)) {
      if (!image) continue;
      const m = /^images\/([^/]+\.png)$/.exec(target);
      assert.ok(m, `${page.name}: the picture ${target} is a PNG in docs/images/`);
      assert.ok(made.has(m[1]), `${page.name} shows ${m[1]}, which scripts/screenshots does not make (tests/e2e/screenshots/mod.rs PICTURES)`);
      assert.ok(fs.existsSync(path.join(docs, 'images', m[1])), `${page.name} shows ${m[1]}: run scripts/screenshots`);
      shown.add(m[1]);
    }
  }
  for (const file of fs.readdirSync(path.join(docs, 'images'))) {
    assert.ok(shown.has(file), `docs/images/${file} is shown by no chapter: remove it, or show it`);
  }
  for (const name of made) assert.ok(shown.has(name), `scripts/screenshots makes ${name}, which no chapter shows`);
});

test('every screen word the guide quotes in 「」 is said by the screens or the core', () => {
  const words = screenWords();
  const missing = [];
  let quotes = 0;
  for (const page of pages) {
    for (const m of page.text.matchAll(/「([^」]+)」/g)) {
      quotes += 1;
      const parts = m[1]
        .split(/〔[^〕]*〕/)
        .map((p) => p.replace(/\s+/g, ' ').trim())
        .filter(Boolean);
      assert.ok(parts.length, `${page.name}: 「${m[1]}」 quotes nothing but placeholders`);
      for (const part of parts) if (!words.includes(part)) missing.push(`${page.name}: 「${m[1]}」 (“${part}”)`);
    }
  }
  assert.ok(quotes > 100, `the guide quotes the screens' words (found ${quotes} quotes)`);
  assert.deepEqual(missing, [], 'quoted words that no screen or core message says');
});
