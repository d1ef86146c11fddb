#!/usr/bin/env node
// `npm run generate [-- --check]`: the stages that write generated/, each given the same flags.
// authz-core compiles permissions.yaml first; the two stages that derive proven patterns from its output
// (IAM policies, the authorizer's cached-policy patterns) depend only on it, so they run side by side.
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);

/** Runs a workspace bin; resolves with its exit code and its output, held back so the two stages don't interleave. */
function stage(bin) {
  return new Promise((resolve) => {
    const child = spawn(bin, ['generate', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push([process.stdout, chunk]));
    child.stderr.on('data', (chunk) => output.push([process.stderr, chunk]));
    child.on('error', (error) => resolve({ code: 2, output: [[process.stderr, `error: ${bin}: ${error.message}\n`]] }));
    child.on('close', (code) => resolve({ code: code ?? 2, output }));
  });
}

function print({ output }) {
  for (const [stream, chunk] of output) stream.write(chunk);
}

const core = await stage('authz');
print(core);
if (core.code !== 0) process.exit(core.code);
const downstream = await Promise.all([stage('iam-policies'), stage('authorizer-patterns')]);
downstream.forEach(print);
process.exit(Math.max(...downstream.map((s) => s.code)));
