import { builtinModules } from 'node:module';
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeModules = [...builtinModules, ...builtinModules.map((name) => `node:${name}`), 'node:*'];
const layer = (message, { paths = [], patterns = [] }) => ['error', { paths: paths.map((name) => ({ name, message })), patterns: patterns.map((p) => ({ ...p, message })) }];

// The layering of DESIGN.md, enforced rather than remembered.
export default defineConfig(
  { ignores: ['dist/', 'release/', 'node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  { files: ['**/*.{js,mjs,cjs}'], languageOptions: { globals: globals.node } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': layer('shared/ is pure TypeScript used by main and renderer: no platform imports.', {
        paths: [...nodeModules, 'electron', 'react', 'react-dom', 'dexie', 'zustand', 'fuse.js'],
        patterns: [{ regex: '^(\\.\\./)+(main|renderer)(/|$)' }],
      }),
    },
  },
  {
    files: ['main/ingest/**/*.ts'],
    rules: {
      'no-restricted-imports': layer('main/ingest/ is plain Node (app, CLI and tests run it): never import electron.', {
        paths: ['electron'],
        patterns: [{ group: ['electron/*'] }, { regex: '(^|/)renderer(/|$)' }],
      }),
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': layer('renderer/ is a sandboxed web page: no Node modules, electron or main/ code.', {
        paths: [...nodeModules, 'electron'],
        patterns: [{ regex: '^(\\.\\./)+main(/|$)' }],
      }),
    },
  },
);
