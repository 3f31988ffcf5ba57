import { runProcess } from '@tillgate/gateway/run';
import { startDemoEmulators } from './emulators.js';

// `pnpm start`: the gateway with the provider emulators beside it, the demo merchant's wallets routed to them.
runProcess(startDemoEmulators);
