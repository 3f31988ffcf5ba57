import { runProcess } from './run.js';

// The production entry: the gateway alone. The demo with its emulators is `demo/src/main.ts` (`pnpm start`).
runProcess();
