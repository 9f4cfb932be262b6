/**
 * Run by `npm test` before Jest: one line saying which Chromium the browser tests drive and whether the suites that
 * need MySQL run, so that a skipped part is never a surprise. It also unpacks the npm Chromium, when that is the
 * one, before Jest's workers start.
 */
import { chooseChromium } from './e2e/browser';

const chromium = await chooseChromium();
const browser = {
  CHROMIUM_PATH: `CHROMIUM_PATH (${chromium.executablePath})`,
  system: `Debian's Chromium (${chromium.executablePath})`,
  bundled: `the Chromium @sparticuz/chromium ships (${chromium.executablePath})`,
}[chromium.source];
const mysql = process.env.DVCS_TEST_MYSQL_URL ? 'the MySQL suites run on DVCS_TEST_MYSQL_URL' : 'the MySQL suites are skipped (set DVCS_TEST_MYSQL_URL to run them; CI must)';
console.log(`Tests: browser tests in ${browser}; ${mysql}.`);
