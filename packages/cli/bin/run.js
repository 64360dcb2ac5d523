#!/usr/bin/env node
// The `openclaw` / `clawport` entry: main() lifts --profile/--dev out of argv, then hands the rest to oclif.
import { main } from '../dist/index.js';

process.exitCode = await main(process.argv.slice(2));
