/**
 * Process entry point: `npm start` (all roles), `npm run start:web`, `npm run start:worker`.
 * Reads configuration once, starts the hub, and shuts down cleanly on SIGTERM / SIGINT so in-flight jobs
 * finish (or are re-run by another worker) and nothing accepted is lost.
 */
// First: V8 flags must be set before any WebAssembly is compiled.
import './v8-flags.ts';
import { channelSettingsSchemas } from '../adapters/registry.ts';
import { loadConfig, type ProcessRole } from '../core/config/config.ts';
import { ConfigError } from '../core/errors.ts';
import { createLogger } from '../core/logger.ts';
import { startHub } from './hub.ts';
import { startHubWithWorkerThread } from './hub-with-worker-thread.ts';

const roleArgument = process.argv.find((argument) => argument.startsWith('--role='))?.slice('--role='.length);

try {
  const env = roleArgument ? { ...process.env, ROLE: roleArgument as ProcessRole } : process.env;
  const config = loadConfig(env, channelSettingsSchemas());
  const logger = createLogger(config.logLevel);
  const hub =
    config.role === 'all' && config.workerThread
      ? await startHubWithWorkerThread(config, { logger, onWorkerThreadExit: () => process.exit(70) }) // EX_SOFTWARE: let the supervisor restart us
      : await startHub(config, { logger });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await hub.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(`Kefu Hub cannot start: ${error.message}`);
    process.exit(78); // EX_CONFIG
  }
  throw error;
}
