#!/usr/bin/env node
// Runs the TypeScript CLI in place (no build step): tsx compiles on load.
import { register } from 'tsx/esm/api';

register();
await import('../packages/cli/src/main.ts');
