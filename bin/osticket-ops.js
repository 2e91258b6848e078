#!/usr/bin/env node
// The osticket-ops CLI: runs the compiled dispatcher in dist/ (build it first with `npm run build`).
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'dist', 'shared', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'osticket-ops is not built yet: run `npm run build` in ' + path.join(__dirname, '..') + ' first.\n',
  );
  process.exit(2);
}
require(entry).runCli();
