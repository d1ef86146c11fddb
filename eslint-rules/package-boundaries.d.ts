import type { Rule } from 'eslint';

/** See package-boundaries.js. */
export declare const noRelativePackages: Rule.RuleModule;
