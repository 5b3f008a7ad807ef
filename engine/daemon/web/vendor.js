#!/usr/bin/env node
// Copies the dashboard's third-party browser files from node_modules into the daemon's build
// output (argument: the target folder), running `npm ci` first when node_modules does not hold
// the versions package-lock.json pins. Run by the arb-daemon Maven build (generate-resources).
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const here = __dirname;
const target = process.argv[2];
if (!target) {
  console.error('usage: node vendor.js TARGET_DIR');
  process.exit(2);
}

// file in node_modules -> name in the jar
const FILES = [
  ['uplot/dist/uPlot.iife.min.js', 'uPlot.iife.min.js'],
  ['uplot/dist/uPlot.min.css', 'uPlot.min.css'],
  ['uplot/LICENSE', 'uPlot.LICENSE.txt'],
];

function pinned() {
  const lock = JSON.parse(fs.readFileSync(path.join(here, 'package-lock.json'), 'utf8'));
  const out = {};
  for (const [key, v] of Object.entries(lock.packages || {})) {
    if (key.startsWith('node_modules/')) out[key.slice('node_modules/'.length)] = v.version;
  }
  return out;
}

function installed(name) {
  try {
    const p = path.join(here, 'node_modules', name, 'package.json');
    return JSON.parse(fs.readFileSync(p, 'utf8')).version;
  } catch (e) {
    return null;
  }
}

const want = pinned();
const stale = Object.keys(want).filter((n) => installed(n) !== want[n]);
if (stale.length > 0) {
  console.log('dashboard: npm ci in ' + here + ' (missing or other version: ' + stale.join(', ') + ')');
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(
      'dashboard: npm ci failed in ' + here + '; the page needs the npm packages pinned in' +
        ' package-lock.json: run `npm ci` there where the npm registry is reachable, then build again');
    process.exit(1);
  }
}

fs.mkdirSync(target, { recursive: true });
for (const [from, to] of FILES) {
  fs.copyFileSync(path.join(here, 'node_modules', from), path.join(target, to));
}
console.log('dashboard: copied ' + FILES.length + ' files into ' + target);
