// A real Sentinel for the tests: the built host (dotnet build -c Release first) in embedded mode on a temp data
// folder and a free port, with a project made by its own `projects create` command.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const here = dirname(fileURLToPath(import.meta.url));
export const hostDll = process.env.SENTINEL_HOST_DLL ?? resolve(here, '../../../../Sentinel.Web/bin/Release/net10.0/Sentinel.Web.dll');

export async function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

export async function waitFor(check, timeoutMs, describe) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`timed out: ${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts Sentinel; `stop()` kills it and removes its data. */
export async function startSentinel() {
  if (!existsSync(hostDll)) {
    throw new Error(`${hostDll} is missing: run 'dotnet build Sentinel.sln -c Release' first (or set SENTINEL_HOST_DLL)`);
  }
  const data = mkdtempSync(join(tmpdir(), 'sentinel-node-sdk-'));
  const env = { ...process.env, Sentinel__Mode: 'Embedded', Sentinel__DataDirectory: data, Bootstrap__AdminPassword: 'Admin-Password-123!' };
  const cwd = dirname(hostDll);
  const { stdout } = await promisify(execFile)('dotnet', [hostDll, 'projects', 'create', 'Node SDK tests'], { env, cwd });
  const project = JSON.parse(stdout);
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn('dotnet', [hostDll, '--urls', endpoint], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  await waitFor(async () => (await fetch(`${endpoint}/healthz`)).ok, 60_000, () => `Sentinel did not start:\n${output}`);
  return {
    endpoint,
    project,
    key: project.keys.ingest,
    get output() {
      return output;
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r() : child.once('exit', r)));
      rmSync(data, { recursive: true, force: true });
    },
  };
}
