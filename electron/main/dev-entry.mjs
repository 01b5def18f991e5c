// Electron cannot load TypeScript itself: register tsx, then run the dev entry inside Electron.
import { register } from 'tsx/esm/api';

register();
await import('./start-dev.ts');
