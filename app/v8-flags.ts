/**
 * V8 settings for the hub's processes, imported first by app/main.ts so they hold before any WebAssembly is
 * compiled (V8 flags are process-wide, so worker threads get them too).
 *
 * Why a larger wasm tiering budget: Prisma's query compiler is a WebAssembly module that V8 first runs
 * with its baseline compiler and, once a function has run "enough", compiles again with its optimizing
 * compiler, keeping both. At the default budget the hub's ordinary queries re-tier a large part of the
 * module within minutes, about 45 MB of code per process for no measurable speed (queries spend their
 * time in the database, not in the compiler). Ten times the budget leaves the baseline code in place.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's default (Node 20), times ten. */
const WASM_TIERING_BUDGET = 18_000_000;

setFlagsFromString(`--wasm-tiering-budget=${WASM_TIERING_BUDGET}`);
