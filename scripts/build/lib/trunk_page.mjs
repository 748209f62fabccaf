// Rewrites of the page Trunk writes from index.html: the code's placeholder out, the head's links in.
import { TOOLS, unexpected } from './tools.mjs';

// Trunk's content hash of a stylesheet: a 64-bit number in hex, leading zeros dropped.
export const TRUNK_HASH = '[0-9a-f]{8,16}';

/** The name of the stylesheet Trunk built from style/main.css, among the built `names`. */
export function trunkStylesheet(names) {
  const css = names.find((n) => new RegExp(`^main-${TRUNK_HASH}\\.css$`).test(n));
  if (!css) throw unexpected(TOOLS.trunk, 'no main-<hash>.css among the built files');
  return css;
}

/**
 * The page with `head` (HTML) at the end of its head, without the code's placeholder (index.html's
 * `<link data-trunk rel="rust" data-trunk-skip>`: the code is built by the hooks, not by Trunk), and,
 * given `stylesheet`, with Trunk's link to `stylesheet.from` pointing at `stylesheet.to` instead.
 */
export function withHead(page, head, stylesheet) {
  const placeholder = /\n\s*<!-- The code[^\n]*\n\s*<link data-trunk rel="rust"[^>]*>/;
  if (!placeholder.test(page)) throw unexpected(TOOLS.trunk, "the page's placeholder of the code");
  if (!page.includes('</head>')) throw unexpected(TOOLS.trunk, 'the end of the head');
  page = page.replace(placeholder, '');
  if (stylesheet) {
    const link = new RegExp(`<link rel="stylesheet" href="\\./${stylesheet.from}" integrity="[^"]*"/>`);
    if (!link.test(page)) throw unexpected(TOOLS.trunk, `the page's link to ${stylesheet.from}`);
    page = page.replace(link, `<link rel="stylesheet" href="./${stylesheet.to}" integrity="${stylesheet.integrity}"/>`);
  }
  return page.replace('</head>', `  ${head}\n  </head>`);
}
