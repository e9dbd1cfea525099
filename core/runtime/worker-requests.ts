/**
 * Requests to a worker thread and their replies, matched by id: the one mechanism behind the hub's worker
 * threads (bot/training/, bot/meaning/). A worker is referenced only while a request waits, so an idle one
 * never keeps the process alive, and a worker that dies fails the requests it held instead of leaving
 * them hanging.
 */
import { parentPort, type TransferListItem, type Worker } from 'node:worker_threads';

/** What a worker posts back for request `id`. */
type Reply<Result> = { id: number; result: Result } | { id: number; error: string };

type Waiting<Result> = { resolve: (result: Result) => void; reject: (error: Error) => void };

/**
 * Worker side: answers every request with `handle`'s result (awaited when it is a promise, e.g. a model's
 * inference), or with the message of what it threw.
 */
export function answerRequests<Request, Result>(handle: (request: Request) => Result | Promise<Result>): void {
  const port = parentPort;
  if (!port) throw new Error('answerRequests runs in a worker thread');
  port.on('message', ({ id, request }: { id: number; request: Request }) => {
    const post = (reply: Reply<Result>) => port.postMessage(reply);
    const fail = (error: unknown) => post({ id, error: error instanceof Error ? error.message : String(error) });
    let result: Result | Promise<Result>;
    try {
      result = handle(request);
    } catch (error) {
      fail(error);
      return;
    }
    if (result instanceof Promise) result.then((value) => post({ id, result: value }), fail);
    else post({ id, result });
  });
}

/** Main-thread side of a worker that answers requests (`answerRequests`). */
export class WorkerRequests<Request, Result> {
  private isAlive = true;
  private retiring = false;
  private nextId = 0;
  private readonly waiting = new Map<number, Waiting<Result>>();

  constructor(
    private readonly worker: Worker,
    private readonly name: string,
  ) {
    worker.unref();
    worker.on('message', (reply: Reply<Result>) => this.settle(reply));
    worker.once('error', (error) => this.stop(error));
    worker.once('exit', (code) => this.stop(new Error(`${name} worker exited (code ${code})`)));
  }

  /** False once the worker has stopped (retired, terminated or crashed). */
  get alive(): boolean {
    return this.isAlive;
  }

  /** @param transfer - buffers in `request` to move to the worker rather than copy (unusable here afterwards) */
  send(request: Request, transfer?: readonly TransferListItem[]): Promise<Result> {
    if (!this.isAlive || this.retiring) return Promise.reject(new Error(`${this.name} worker has stopped`));
    const id = this.nextId++;
    if (this.waiting.size === 0) this.worker.ref();
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, request }, transfer);
    });
  }

  /** Stops the worker once the requests it holds are answered. */
  retire(): void {
    this.retiring = true;
    if (this.waiting.size === 0) void this.worker.terminate();
  }

  /** Stops the worker now; the requests it holds fail. */
  async terminate(): Promise<void> {
    this.retiring = true;
    await this.worker.terminate();
  }

  private settle(reply: Reply<Result>): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) waiting.reject(new Error(`${this.name}: ${reply.error}`));
    else waiting.resolve(reply.result);
    if (this.waiting.size > 0) return;
    if (this.retiring) void this.worker.terminate();
    else this.worker.unref();
  }

  private stop(error: Error): void {
    this.isAlive = false;
    for (const { reject } of this.waiting.values()) reject(error);
    this.waiting.clear();
  }
}
