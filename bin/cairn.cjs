#!/usr/bin/env node
// Built by `npm install` (the prepare script); run `npm run build:main` if it is missing.
require('../dist/main/cli.cjs');
