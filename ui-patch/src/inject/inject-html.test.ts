import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAIN_JS, mlflowIndexHtml } from '../../test/support/mlflow-build.js';
import { BEGIN_MARKER, END_MARKER, injectLoginTag, InjectError, readLayout } from './inject-html.js';

const BUNDLE = 'mlflow-login.0123456789.js';
const OTHER_BUNDLE = 'mlflow-login.abcdef0123.js';

function inject(html: string, bundle = BUNDLE): string {
  return injectLoginTag(readLayout(html), bundle);
}

describe('the injector on index.html', () => {
  it('inserts a classic script before MLflow\'s deferred bundle in a real-shaped 3.x page', () => {
    const html = mlflowIndexHtml('3.x');
    const out = inject(html);
    expect(out).toBe(
      html.replace(
        `<script defer="defer" src="static-files/static/js/${MAIN_JS}">`,
        `${BEGIN_MARKER}<script src="static-files/static/js/${BUNDLE}"></script>${END_MARKER}<script defer="defer" src="static-files/static/js/${MAIN_JS}">`,
      ),
    );
    expect(out.split('\n')).toHaveLength(1);
    expect(out.indexOf('<meta charset="utf-8"/>')).toBeLessThan(out.indexOf(BEGIN_MARKER));
  });

  it('works on a 2.x page, and before an earlier inline script', () => {
    expect(inject(mlflowIndexHtml('2.x'))).toContain(`<title>MLflow</title>${BEGIN_MARKER}<script src="static-files/static/js/${BUNDLE}"></script>${END_MARKER}<script defer`);
    const inline = mlflowIndexHtml().replace('<title>MLflow</title>', '<title>MLflow</title><script>window.x=1</script>');
    expect(inject(inline)).toContain(`${END_MARKER}<script>window.x=1</script>`);
  });

  it('is idempotent, and replaces an earlier block when the bundle changes', () => {
    const html = mlflowIndexHtml();
    const once = inject(html);
    expect(inject(once)).toBe(once);
    const replaced = inject(once, OTHER_BUNDLE);
    expect(replaced).toBe(inject(html, OTHER_BUNDLE));
    expect(readLayout(once).previousSrc).toBe(`static-files/static/js/${BUNDLE}`);
  });

  it.each([
    ['a page that is not MLflow\'s', '<!doctype html><html><head><title>x</title><script src="app.js"></script></head><body></body></html>', 'no <script … src="static-files/static/js/main.<hash>.js">'],
    ['a page without <head>', `<html><body><script defer src="static-files/static/js/${MAIN_JS}"></script></body></html>`, 'has no <head>…</head>'],
    ['only a begin marker', mlflowIndexHtml().replace('<title>', `${BEGIN_MARKER}<title>`), 'has 1 "<!-- mlflow-login:begin -->" and 0'],
    ['two blocks', `${BEGIN_MARKER}${END_MARKER}${inject(mlflowIndexHtml())}`, 'has 2 "<!-- mlflow-login:begin -->" and 2'],
    ['markers in the wrong order', mlflowIndexHtml().replace('<title>', `${END_MARKER}${BEGIN_MARKER}<title>`), 'expected none, or one pair in order'],
    ['the first script inside a comment', mlflowIndexHtml().replace('<title>', '<!-- <script src="old.js"></script> --><title>'), 'inside an HTML comment'],
    ['an empty file', '', 'has no <head>'],
  ])('refuses %s', (_label, html, message) => {
    expect(() => readLayout(html)).toThrow(InjectError);
    expect(() => readLayout(html)).toThrow(message);
  });

  it('refuses a bundle name it did not make', () => {
    expect(() => injectLoginTag(readLayout(mlflowIndexHtml()), '../../evil.js')).toThrow(InjectError);
  });

  // Pages in the shape of real builds, varied where builds and minifiers vary.
  const page = fc
    .record({
      variant: fc.constantFrom<'3.x' | '2.x'>('3.x', '2.x'),
      quote: fc.constantFrom('"', "'", ''),
      deferFirst: fc.boolean(),
      scriptCase: fc.constantFrom('script', 'SCRIPT', 'Script'),
      dotSlash: fc.boolean(),
      extraBefore: fc.constantFrom('', '<script>window.__CONFIG__={}</script>', '<script src="static-files/static/js/runtime.1a2b.js"></script>', '<!-- built --> '),
      inBody: fc.boolean(),
    })
    .map((p) => {
      const src = `${p.dotSlash ? './' : ''}static-files/static/js/${MAIN_JS}`;
      const attrs = p.deferFirst ? `defer="defer" src=${p.quote}${src}${p.quote}` : `src=${p.quote}${src}${p.quote} defer`;
      const main = `<${p.scriptCase} ${attrs}></${p.scriptCase}>`;
      let html = mlflowIndexHtml(p.variant).replace(`<script defer="defer" src="static-files/static/js/${MAIN_JS}"></script>`, p.inBody ? '' : `${p.extraBefore}${main}`);
      if (p.inBody) html = html.replace('</body>', `${p.extraBefore}${main}</body>`);
      return { html, src, ...p };
    });

  it('on any real-shaped page: one block right before the first script, removable to the original byte for byte, idempotent', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(page, fc.constantFrom(BUNDLE, OTHER_BUNDLE), (p, bundle) => {
        const layout = readLayout(p.html);
        expect(layout.mainSrc).toBe(p.src);
        const out = injectLoginTag(layout, bundle);
        const block = `${BEGIN_MARKER}<script src="${p.dotSlash ? './' : ''}static-files/static/js/${bundle}"></script>${END_MARKER}`;
        const at = out.indexOf(BEGIN_MARKER);
        expect(out.slice(at, at + block.length)).toBe(block);
        expect(out.slice(0, at) + out.slice(at + block.length)).toBe(p.html);
        expect(out.slice(at + block.length).search(/<script[\s>]/i)).toBe(0);
        expect(out.slice(0, at).search(/<script[\s>]/i)).toBe(-1);
        expect(inject(out, bundle)).toBe(out);
        seen.add(`${p.extraBefore !== ''}-${p.inBody}-${p.quote}`);
      }),
      { numRuns: 400 },
    );
    expect(seen.size).toBeGreaterThanOrEqual(10);
  });

  it('answers any text with a layout or an InjectError, never another exception', () => {
    let refused = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...['<head>', '</head>', '<script ', '<!--', '-->', BEGIN_MARKER, END_MARKER, `src="static-files/static/js/${MAIN_JS}">`]).chain((s) => fc.array(fc.constant(s)).map((a) => a.join('')))), (text) => {
        try {
          readLayout(text);
        } catch (error) {
          expect(error).toBeInstanceOf(InjectError);
          refused++;
        }
      }),
      { numRuns: 500 },
    );
    expect(refused).toBeGreaterThan(400);
  });
});
