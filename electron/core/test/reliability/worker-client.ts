import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { CommandResult } from '../../../../shared/contract/errors';

const WORKER = fileURLToPath(new URL('./core-worker.ts', import.meta.url));

export interface WorkerOptions {
  dataDir: string;
  keychainService: string;
  requestTimeoutMs?: number;
  syncIntervalMs?: number;
}

/** The parent's handle on a core running in `core-worker.ts`. */
export interface CoreWorker {
  readonly pid: number;
  dispatch(command: string, input?: unknown): Promise<CommandResult<unknown>>;
  /** Like dispatch, but throws on `{ ok: false }`. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read loosely typed results
  call<T = any>(command: string, input?: unknown): Promise<T>;
  /** SIGKILL: no close(), no flush, no goodbye. Resolves once the process is gone. */
  kill(): Promise<void>;
  close(): Promise<void>;
  readonly alive: boolean;
}

export class WorkerDied extends Error {}

export async function startCoreWorker(options: WorkerOptions): Promise<CoreWorker> {
  const child: ChildProcess = fork(WORKER, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      NEXUS_WORKER_DATA_DIR: options.dataDir,
      NEXUS_WORKER_KEYCHAIN_SERVICE: options.keychainService,
      NEXUS_WORKER_TIMEOUT_MS: String(options.requestTimeoutMs ?? 15_000),
      NEXUS_WORKER_SYNC_INTERVAL_MS: String(options.syncIntervalMs ?? 0),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const pending = new Map<number, { resolve: (r: CommandResult<unknown>) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let alive = true;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      alive = false;
      for (const waiter of pending.values()) waiter.reject(new WorkerDied('the core process died'));
      pending.clear();
      resolve();
    }),
  );
  child.on('message', (message: { id?: number; result?: CommandResult<unknown> }) => {
    if (message.id === undefined) return;
    pending.get(message.id)?.resolve(message.result!);
    pending.delete(message.id);
  });
  await new Promise<void>((resolve, reject) => {
    const onMessage = (message: { ready?: boolean }) => {
      if (!message.ready) return;
      child.off('message', onMessage);
      resolve();
    };
    child.on('message', onMessage);
    void exited.then(() => reject(new WorkerDied('the core process exited while starting')));
  });

  const dispatch = (command: string, input?: unknown) =>
    new Promise<CommandResult<unknown>>((resolve, reject) => {
      if (!alive) return reject(new WorkerDied('the core process is not running'));
      const id = nextId++;
      pending.set(id, { resolve, reject });
      child.send({ id, command, input: input ?? {} });
    });
  return {
    pid: child.pid!,
    get alive() {
      return alive;
    },
    dispatch,
    async call(command, input) {
      const result = await dispatch(command, input);
      if (!result.ok) throw new Error(`${command} failed: ${JSON.stringify(result.error)}`);
      return result.value as never;
    },
    async kill() {
      if (alive) child.kill('SIGKILL');
      await exited;
    },
    async close() {
      if (!alive) return;
      child.send({ close: true });
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
