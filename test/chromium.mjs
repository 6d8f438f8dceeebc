// Debian's chromium driven by playwright-core, headless, with the background chatter switched off
// (see issue 7). The one launch of every browser test, check script and benchmark.
import { chromium } from 'playwright-core';

/** The browser binary: CHROMIUM_PATH (as test/e2e uses it), CHROMIUM, else Debian's. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? process.env.CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Launches that chromium headless with those flags. */
export const launchChromium = () =>
  chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
