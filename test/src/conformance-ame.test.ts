import { ameProvider } from './support/ame.js';
import { conformanceSuite } from './support/conformance.js';

// Ame's capture step under races (two callbacks and the reconciler at once) is in ame-capture.test.ts.
await conformanceSuite('ame, against the Ame emulator', (t) => ameProvider(t), 'ame');
