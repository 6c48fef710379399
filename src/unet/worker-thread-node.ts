import { Worker } from 'node:worker_threads';
import type { WorkerEnvelope, WorkerRequest, WorkerResponse } from './worker-protocol';

interface Pending {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

function isWorkerResponse(message: unknown): message is WorkerResponse {
  return typeof message === 'object' && message !== null && 'id' in message && 'ok' in message;
}

/**
 * One worker thread with request–reply messaging. Every request settles: with the reply, with the error
 * the worker reports, or with a rejection when the thread fails, exits or is terminated.
 */
export class WorkerThread {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private failure: Error | undefined;

  constructor(
    script: string | URL,
    private readonly label: string,
  ) {
    this.worker = new Worker(script);
    this.worker.on('message', (message: unknown) => this.settle(message));
    this.worker.on('error', (error: Error) => this.fail(new Error(`${this.label} failed: ${error.message}`)));
    this.worker.on('exit', (code: number) => this.fail(new Error(`${this.label} exited with code ${code}`)));
  }

  /** Posts a request and resolves to the worker's result. `transfer` lists buffers moved, not copied. */
  request(request: WorkerRequest, transfer: ArrayBuffer[] = []): Promise<unknown> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    const id = this.nextId++;
    const envelope: WorkerEnvelope = { id, request };
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage(envelope, transfer);
    });
  }

  /** Stops the thread; pending requests reject. */
  async terminate(): Promise<void> {
    this.fail(new Error(`${this.label} was terminated`));
    await this.worker.terminate();
  }

  private settle(message: unknown): void {
    if (!isWorkerResponse(message)) return;
    const pending = this.pending.get(message.id);
    if (pending === undefined) return;
    this.pending.delete(message.id);
    if (message.ok) pending.resolve(message.result);
    else pending.reject(new Error(`${this.label}: ${message.error}`));
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
