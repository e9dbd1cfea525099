/**
 * Everything the benchmark starts registers how to stop it here; `runAll` runs the stops newest first,
 * each at most once, whatever failed before, on success, on error and on Ctrl-C.
 */
export class Cleanup {
  private readonly stops: Array<{ what: string; stop: () => Promise<void> | void }> = [];

  add(what: string, stop: () => Promise<void> | void): void {
    this.stops.push({ what, stop });
  }

  async runAll(): Promise<void> {
    while (this.stops.length > 0) {
      const { what, stop } = this.stops.pop()!;
      try {
        await stop();
      } catch (error) {
        console.error(`cleanup of ${what} failed: ${(error as Error).message}`);
      }
    }
  }
}
