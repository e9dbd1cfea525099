import { cpus, freemem, release, totalmem, type as osType } from 'node:os';

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryBytes: number;
  freeMemoryBytes: number;
  os: string;
  node: string;
}

/** What the figures were measured on: absolute numbers mean little without it. */
export function describeMachine(): MachineInfo {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model ?? 'unknown',
    memoryBytes: totalmem(),
    freeMemoryBytes: freemem(),
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}
