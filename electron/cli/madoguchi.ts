// Entry of the packaged technician CLI (bundled to dist/electron/cli/madoguchi.js by
// electron/main/bundle-cli.ts). In a source checkout bin/madoguchi.mjs runs main.ts through tsx.
import { main } from './main';

process.exitCode = await main(process.argv.slice(2));
