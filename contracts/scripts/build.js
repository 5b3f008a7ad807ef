#!/usr/bin/env node
// Compiles contracts/src/**/*.sol with the pinned solc-js into contracts/build/**/<Name>.json
// (ABI + creation and runtime bytecode). `--check` compiles in memory and fails if the committed
// build output differs from what the sources produce (run by scripts/test).
//
// Both also guard the storage layout of the upgradeable contracts (UPGRADEABLE below) against
// storage-layout.json, the layout of the deployed versions: every variable recorded there must
// keep its slot, offset, name and type (a proxy keeps its storage across an upgrade), new ones may
// only be appended. A build records appended variables in storage-layout.json (commit it with the
// sources); --check fails if it is out of date. Namespaced (ERC-7201) storage does not appear in
// solc's layout: its slots are constants in the sources, checked by the defi ITs on raw storage.
'use strict';

const fs = require('fs');
const path = require('path');
const solc = require('solc');

const ROOT = path.resolve(__dirname, '..');
const SRC = path.join(ROOT, 'src');
const BUILD = path.join(ROOT, 'build');
const NODE_MODULES = path.join(ROOT, 'node_modules');
const LAYOUT_FILE = path.join(ROOT, 'storage-layout.json');

// Implementations that run behind FlashLoanArbitrageProxy (and so share its storage).
const UPGRADEABLE = ['FlashLoanArbitrage', 'FlashLoanArbitrageV2'];

// Settings are part of the build output's identity: change them only on purpose.
const SETTINGS = {
  evmVersion: 'cancun',
  optimizer: { enabled: true, runs: 200 },
  metadata: { bytecodeHash: 'ipfs' },
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
};
// The storage layout is asked for on top; it does not change the bytecode (the metadata that is
// hashed into it does not include the output selection).
const OUTPUT = ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object', 'storageLayout'];

function listSources(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) return listSources(full);
      return e.name.endsWith('.sol') ? [full] : [];
    });
}

function unitName(file) {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

function findImport(importPath) {
  const candidates = [path.join(ROOT, importPath), path.join(NODE_MODULES, importPath)];
  for (const c of candidates) {
    if (fs.existsSync(c)) return { contents: fs.readFileSync(c, 'utf8') };
  }
  return { error: `not found: ${importPath} (run npm ci in contracts/)` };
}

function compile() {
  const files = listSources(SRC);
  const sources = {};
  for (const f of files) sources[unitName(f)] = { content: fs.readFileSync(f, 'utf8') };
  const settings = { ...SETTINGS, outputSelection: { '*': { '*': OUTPUT } } };
  const input = { language: 'Solidity', sources, settings };
  const output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImport }));
  const errors = (output.errors || []).filter((e) => e.severity === 'error');
  // Warnings located in library code (e.g. solc's generic note on OpenZeppelin's transient
  // storage helper) are counted, not printed; everything about our own sources is printed.
  let libraryWarnings = 0;
  for (const e of output.errors || []) {
    const file = e.sourceLocation ? e.sourceLocation.file : '';
    if (e.severity !== 'error' && file.startsWith('@')) libraryWarnings++;
    else process.stderr.write(e.formattedMessage + '\n');
  }
  if (libraryWarnings > 0) process.stderr.write(`contracts: ${libraryWarnings} warning(s) in library code not shown\n`);
  if (errors.length > 0) throw new Error(`solc reported ${errors.length} error(s)`);

  const artifacts = {};
  const layouts = {};
  for (const unit of Object.keys(sources)) {
    const relDir = path.dirname(path.relative('src', unit));
    for (const [name, c] of Object.entries(output.contracts[unit] || {})) {
      const bytecode = c.evm.bytecode.object;
      if (bytecode.length === 0) continue; // interfaces and abstract contracts
      if (UPGRADEABLE.includes(name) && relDir === '.') layouts[name] = layoutOf(c.storageLayout);
      const rel = path.join(relDir === '.' ? '' : relDir, `${name}.json`);
      artifacts[rel] = JSON.stringify(
        {
          contractName: name,
          sourceName: unit,
          compiler: { name: 'solc-js', version: solc.version(), settings: { evmVersion: SETTINGS.evmVersion, optimizer: SETTINGS.optimizer } },
          abi: c.abi,
          bytecode: '0x' + bytecode,
          deployedBytecode: '0x' + c.evm.deployedBytecode.object,
        },
        null,
        2,
      ) + '\n';
    }
  }
  return { artifacts, layouts };
}

/** solc's storage layout without its AST ids: slot, offset, name and type of each variable. */
function layoutOf(storageLayout) {
  return storageLayout.storage.map((v) => ({ slot: Number(v.slot), offset: v.offset, label: v.label, type: v.type }));
}

/**
 * Problems of `layouts` against the recorded `baseline`: a recorded contract missing, or a
 * recorded variable moved, renamed or retyped. Appended variables are no problem.
 */
function layoutProblems(baseline, layouts) {
  const problems = [];
  for (const [name, recorded] of Object.entries(baseline)) {
    const now = layouts[name];
    if (!now) {
      problems.push(`${name}: no longer compiled, but proxies run it (storage-layout.json)`);
      continue;
    }
    recorded.forEach((v, i) => {
      const n = now[i];
      const same = n && n.slot === v.slot && n.offset === v.offset && n.label === v.label && n.type === v.type;
      if (!same) {
        const was = `${v.label} (${v.type}) at slot ${v.slot} offset ${v.offset}`;
        const is = n ? `${n.label} (${n.type}) at slot ${n.slot} offset ${n.offset}` : 'nothing';
        problems.push(`${name}: storage variable ${i} was ${was}, is now ${is}`);
      }
    });
  }
  return problems;
}

/** storage-layout.json: one line per variable, contracts by name. */
function layoutText(layouts) {
  const blocks = Object.keys(layouts)
    .sort()
    .map((name) => {
      const vars = layouts[name].map((v) => '    ' + JSON.stringify(v));
      return `  ${JSON.stringify(name)}: [\n${vars.join(',\n')}\n  ]`;
    });
  return `{\n${blocks.join(',\n')}\n}\n`;
}

function existingArtifacts(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return existingArtifacts(full, base);
    return e.name.endsWith('.json') ? [path.relative(base, full)] : [];
  });
}

function main() {
  const check = process.argv.includes('--check');
  const { artifacts, layouts } = compile();
  const baseline = fs.existsSync(LAYOUT_FILE) ? JSON.parse(fs.readFileSync(LAYOUT_FILE, 'utf8')) : {};
  const unsafe = layoutProblems(baseline, layouts);
  if (unsafe.length > 0) {
    process.stderr.write(
      unsafe.join('\n') +
        '\ncontracts: storage layout changed in a way deployed proxies cannot follow; only append new' +
        ' state variables (or use namespaced ERC-7201 storage)\n',
    );
    process.exit(1);
  }
  if (check) {
    const problems = [];
    if (!fs.existsSync(LAYOUT_FILE) || fs.readFileSync(LAYOUT_FILE, 'utf8') !== layoutText(layouts)) {
      problems.push('differs from sources: storage-layout.json');
    }
    for (const [rel, text] of Object.entries(artifacts)) {
      const file = path.join(BUILD, rel);
      if (!fs.existsSync(file)) problems.push(`missing: build/${rel}`);
      else if (fs.readFileSync(file, 'utf8') !== text) problems.push(`differs from sources: build/${rel}`);
    }
    for (const rel of existingArtifacts(BUILD)) {
      if (!(rel in artifacts)) problems.push(`stale (no source): build/${rel}`);
    }
    if (problems.length > 0) {
      process.stderr.write(problems.join('\n') + '\ncontracts: committed build output is out of date; run `npm run build` in contracts/ and commit contracts/build and contracts/storage-layout.json\n');
      process.exit(1);
    }
    process.stdout.write(
      `contracts: ${Object.keys(artifacts).length} artifacts and the storage layout match the sources (solc ${solc.version()})\n`,
    );
    return;
  }
  fs.writeFileSync(LAYOUT_FILE, layoutText(layouts));
  fs.rmSync(BUILD, { recursive: true, force: true });
  for (const [rel, text] of Object.entries(artifacts)) {
    const file = path.join(BUILD, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  process.stdout.write(`contracts: wrote ${Object.keys(artifacts).length} artifacts to build/ (solc ${solc.version()})\n`);
}

try {
  main();
} catch (e) {
  process.stderr.write(`contracts: ${e.message}\n`);
  process.exit(1);
}
