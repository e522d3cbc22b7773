import { describe, expect, it } from '@jest/globals';
import { eventually } from '../support/queues.js';
import { useBrowser, type GuardedContext } from './support/browser.js';

/** The guards every browser test relies on catch what they are for: otherwise a green run would prove nothing. */
export const guardsSuite = (): void =>
  describe('the guards of the browser tests', () => {
    const { open } = useBrowser();

    const caught = async (context: GuardedContext, expected: unknown[]) => {
      const problems = await eventually(
        async () => [...context.problems],
        (all) => expected.every((e) => all.some((p) => (typeof e === 'string' ? p === e : (e as RegExp).test(p)))),
        5_000,
        `problems matching ${expected.join(', ')}`,
      );
      context.problems.length = 0; // seen, so that this test's own guard passes
      return problems;
    };

    it('catch a console error, an uncaught exception and a CSP violation', async () => {
      const context = await open();
      const page = await context.newPage();
      await page.goto('/health');
      await page.evaluate(`console.error('boom')`);
      await page.evaluate(`setTimeout(() => { throw new Error('thrown') }, 0)`);
      // The gateway's CSP (helmet, script-src 'self') refuses an inline script.
      await page.evaluate(`{ const s = document.createElement('script'); s.textContent = '1'; document.body.append(s); }`);
      expect(await caught(context, ['console error: boom', 'uncaught: thrown', /^console error: CSP violation: script-src/])).toBeDefined();
    });

    it('catch a request leaving the origin, even where no CSP stops it', async () => {
      const context = await open({ bypassCSP: true });
      const page = await context.newPage();
      await page.goto('/health');
      await page.evaluate(`fetch('https://example.com/tracker.js').catch(() => {})`);
      expect(await caught(context, ['request leaving the origin: GET https://example.com/tracker.js'])).toBeDefined();
    });
  });
