import { chooseChromium } from './browser';

/** Which Chromium the browser tests drive: CHROMIUM_PATH, then Debian's, then the npm one; DVCS_CHROMIUM=bundled forces the last. */
describe('chooseChromium', () => {
  const saved = { path: process.env.CHROMIUM_PATH, choice: process.env.DVCS_CHROMIUM };
  afterEach(() => {
    for (const [name, value] of [
      ['CHROMIUM_PATH', saved.path],
      ['DVCS_CHROMIUM', saved.choice],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('takes CHROMIUM_PATH first, and says so when it names nothing', async () => {
    delete process.env.DVCS_CHROMIUM;
    process.env.CHROMIUM_PATH = process.execPath;
    expect(await chooseChromium()).toEqual({ source: 'CHROMIUM_PATH', executablePath: process.execPath, env: {} });
    process.env.CHROMIUM_PATH = '/nowhere/chromium';
    await expect(chooseChromium()).rejects.toThrow('CHROMIUM_PATH is /nowhere/chromium, which does not exist.');
  });

  it('uses the npm Chromium, with its libraries and fonts, when DVCS_CHROMIUM=bundled, whatever else is installed', async () => {
    process.env.CHROMIUM_PATH = process.execPath;
    process.env.DVCS_CHROMIUM = 'bundled';
    const choice = await chooseChromium();
    expect(choice.source).toBe('bundled');
    expect(choice.env.LD_LIBRARY_PATH?.split(':')[0]).toBe(choice.executablePath.replace(/chromium$/, 'lib'));
    expect(choice.env.FONTCONFIG_PATH).toBe(choice.executablePath.replace(/\/chromium$/, ''));
  });
});
