import os from 'node:os';
import SqliteDatabase from 'better-sqlite3';
import { postgresVersion } from './engines.js';
import type { MachineInfo } from './types.js';

export async function machineInfo(): Promise<MachineInfo> {
  const cpus = os.cpus();
  const memory = new SqliteDatabase(':memory:');
  const sqlite = memory.prepare('select sqlite_version() as v').pluck().get() as string;
  memory.close();
  const engines: Record<string, string> = { sqlite };
  const postgres = await postgresVersion();
  if (postgres) engines.postgres = postgres;
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    engines,
  };
}
