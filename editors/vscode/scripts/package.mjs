// npm run package [-- --target TARGET] [-- --binary PATH] [-- --build]
// npm run package -- --universal
//
// Builds the platform-specific .vsix: the bundled extension plus the `ims`
// binary as server/ims (server/ims.exe on Windows), which the extension
// starts as `ims lsp`. TARGET is a VS Code platform (linux-x64,
// linux-arm64, darwin-arm64, win32-x64, ...) and defaults to this machine's.
// The binary is --binary PATH, or cargo's release build for TARGET: for this
// machine target/release/ims, otherwise target/<rust triple>/release/ims,
// built with cargo when it is missing (or always, with --build). Another
// platform is then one CI matrix entry away: the same command with its
// --target on a runner of that platform, or with a cross-built --binary.
//
// --universal packages the extension without a binary, for every platform
// (ims-VERSION.vsix): it then runs the `ims` of ims.server.path or PATH.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const extensionDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(extensionDir, '../..');

/** VS Code platform -> Rust target triple. */
const RUST_TRIPLES = {
  'linux-x64': 'x86_64-unknown-linux-gnu',
  'linux-arm64': 'aarch64-unknown-linux-gnu',
  'linux-armhf': 'armv7-unknown-linux-gnueabihf',
  'alpine-x64': 'x86_64-unknown-linux-musl',
  'alpine-arm64': 'aarch64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
  'win32-x64': 'x86_64-pc-windows-msvc',
  'win32-arm64': 'aarch64-pc-windows-msvc',
};

function parseArguments(argv) {
  const options = { target: undefined, binary: undefined, build: false, universal: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--target' || arg === '--binary') {
      options[arg.slice(2)] = argv[++i];
    } else if (arg.startsWith('--target=') || arg.startsWith('--binary=')) {
      const [key, value] = arg.slice(2).split('=', 2);
      options[key] = value;
    } else if (arg === '--build') {
      options.build = true;
    } else if (arg === '--universal') {
      options.universal = true;
    } else if (!arg.startsWith('-') && options.target === undefined) {
      options.target = arg;
    } else {
      fail(`unknown argument ${arg}; usage: package.mjs [--target TARGET] [--binary PATH] [--build] | --universal`);
    }
  }
  return options;
}

function fail(message) {
  console.error(`package: ${message}`);
  process.exit(1);
}

function run(command, args, cwd, hint = '') {
  console.log(`$ ${command} ${args.join(' ')}`);
  try {
    execFileSync(command, args, { cwd, stdio: 'inherit' });
  } catch (error) {
    fail(`${command} failed (${error.status ?? error.code})${hint}`);
  }
}

function hasCommand(command) {
  try {
    execFileSync(command, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const hostTarget = `${process.platform}-${process.arch}`;
const options = parseArguments(process.argv.slice(2));
if (options.universal) {
  if (options.target !== undefined || options.binary !== undefined || options.build) {
    fail('--universal packages no binary: it takes no --target, --binary or --build');
  }
  packageUniversal();
  process.exit(0);
}
const target = options.target ?? hostTarget;
const triple = RUST_TRIPLES[target];
if (triple === undefined) {
  fail(`unknown target ${target}; one of ${Object.keys(RUST_TRIPLES).join(', ')}`);
}
const exe = target.startsWith('win32-') ? 'ims.exe' : 'ims';

// 1. The server binary.
let binary = options.binary && path.resolve(options.binary);
if (binary === undefined) {
  const native = target === hostTarget;
  binary = native
    ? path.join(repoRoot, 'target', 'release', exe)
    : path.join(repoRoot, 'target', triple, 'release', exe);
  if (options.build || !fs.existsSync(binary)) {
    const hint = native ? '' : `; for ${target}, \`rustup target add ${triple}\` (and a linker for it), or pass --binary`;
    run('cargo', ['build', '--release', '-p', 'ims', ...(native ? [] : ['--target', triple])], repoRoot, hint);
  }
}
if (!fs.existsSync(binary)) {
  fail(`no server binary at ${binary}`);
}
const serverDir = path.join(extensionDir, 'server');
fs.rmSync(serverDir, { recursive: true, force: true });
fs.mkdirSync(serverDir);
fs.copyFileSync(binary, path.join(serverDir, exe));
fs.chmodSync(path.join(serverDir, exe), 0o755);
console.log(`server/${exe} <- ${path.relative(repoRoot, binary)}`);
// The diagnostics reference beside the binary: the server links each
// diagnostic code to server/docs/diagnostics.md (see Code::docs_url).
fs.mkdirSync(path.join(serverDir, 'docs'));
fs.copyFileSync(path.join(repoRoot, 'docs', 'diagnostics.md'), path.join(serverDir, 'docs', 'diagnostics.md'));
// The release profile keeps line tables for backtraces; users need none of
// that, and stripping makes the .vsix seven times smaller.
if (target === hostTarget && process.platform === 'linux' && hasCommand('strip')) {
  run('strip', [path.join(serverDir, exe)], extensionDir);
}

// 2. The extension's JavaScript, one minified file.
run(process.execPath, ['scripts/bundle.mjs', '--minify'], extensionDir);

// 3. The .vsix. Its dependencies are in the bundle, so node_modules stays out.
const { name, version } = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
const vsix = `${name}-${target}-${version}.vsix`;
for (const old of fs.readdirSync(extensionDir).filter((f) => f.startsWith(`${name}-${target}-`) && f.endsWith('.vsix'))) {
  fs.rmSync(path.join(extensionDir, old));
}
const vsce = path.join(extensionDir, 'node_modules', '@vscode', 'vsce', 'vsce');
run(process.execPath, [vsce, 'package', '--target', target, '--no-dependencies', '--out', vsix], extensionDir);
console.log(`packaged ${path.join(path.relative(process.cwd(), extensionDir) || '.', vsix)}`);

/** The .vsix without a server binary: `ims` comes from the settings or PATH. */
function packageUniversal() {
  fs.rmSync(path.join(extensionDir, 'server'), { recursive: true, force: true });
  run(process.execPath, ['scripts/bundle.mjs', '--minify'], extensionDir);
  const { name, version } = JSON.parse(fs.readFileSync(path.join(extensionDir, 'package.json'), 'utf8'));
  const vsix = `${name}-${version}.vsix`;
  fs.rmSync(path.join(extensionDir, vsix), { force: true });
  const vsce = path.join(extensionDir, 'node_modules', '@vscode', 'vsce', 'vsce');
  run(process.execPath, [vsce, 'package', '--no-dependencies', '--out', vsix], extensionDir);
  console.log(`packaged ${path.join(path.relative(process.cwd(), extensionDir) || '.', vsix)} (universal: no bundled ims)`);
}
