import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Logger } from '@nestjs/common';
import * as tf from '@tensorflow/tfjs';

/** TensorFlow.js backends in the order they are tried: native libtensorflow, WebAssembly, plain JavaScript. */
export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

export function isBackendName(value: unknown): value is BackendName {
  return typeof value === 'string' && (BACKENDS as readonly string[]).includes(value);
}

const logger = new Logger('MlBackend');
const announced = new Set<BackendName>();
let selection: Promise<BackendName> | undefined;
let wasmPathsSet = false;

/**
 * Makes a TensorFlow.js backend current and returns its name, to be stored with each model.
 * Without `force`: the backend chosen before, or on the first call the first of tfjs-node,
 * wasm and cpu that starts. With `force`: that backend, or an error if it cannot start.
 *
 * TensorFlow.js has one current backend per process: pick one when the process starts (the
 * first call costs 10–50 ms for wasm, more for tfjs-node), not per job.
 */
export async function useBackend(force?: BackendName): Promise<BackendName> {
  if (force) {
    selection = undefined;
    const reasons: string[] = [];
    if (!(await start(force, reasons))) throw new Error(`The TensorFlow.js backend could not start: ${reasons.join('; ')}`);
    announce(force, 'as asked');
    selection = Promise.resolve(force);
    return force;
  }
  selection ??= chooseFirstThatStarts();
  const name = await selection;
  if (tf.getBackend() !== name) await tf.setBackend(name);
  return name;
}

async function chooseFirstThatStarts(): Promise<BackendName> {
  const skipped: string[] = [];
  for (const name of BACKENDS) {
    if (await start(name, skipped)) {
      announce(name, skipped.length ? `(${skipped.join('; ')})` : '');
      return name;
    }
  }
  throw new Error(`No TensorFlow.js backend could start: ${skipped.join('; ')}`);
}

async function start(name: BackendName, skipped: string[] = []): Promise<boolean> {
  // Production mode: no debug checks, and no console advice to install tfjs-node on every start.
  tf.enableProdMode();
  try {
    if (name === 'tensorflow') await importTfjsNode();
    if (name === 'wasm') await registerWasm();
    if (await tf.setBackend(name)) {
      await tf.ready();
      return true;
    }
    skipped.push(`${name} did not initialize`);
  } catch (error) {
    skipped.push(`${name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }
  return false;
}

/** An optional dependency: its installer downloads libtensorflow, which fails offline and leaves it out. */
async function importTfjsNode(): Promise<void> {
  const specifier = '@tensorflow/tfjs-node';
  await import(specifier);
}

/** The .wasm binaries ship inside the npm package: load them from disk, never over the network. */
async function registerWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (wasmPathsSet) return;
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  wasm.setWasmPaths(`${join(packageDir, 'dist')}/`);
  wasmPathsSet = true;
}

function announce(name: BackendName, note: string): void {
  if (announced.has(name)) return;
  announced.add(name);
  logger.log(`TensorFlow.js backend: ${name} ${note}`.trimEnd());
}
