/** Requests from the hub to the sentence-encoder worker thread (encoder-worker.ts). */
export type EncoderWorkerRequest =
  /** Sent once, first: loads the model, so a broken install fails at start-up rather than at a question. */
  | { kind: 'load' }
  | { kind: 'embed'; texts: string[] };
