#!/usr/bin/env node
// Technician CLI launcher: registers the TypeScript loader, then runs electron/cli/main.ts.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
