import sanitizeHtml from 'sanitize-html';

const LINK_REL = 'noopener noreferrer nofollow';
const LINK_HREF = /^(?:https?:|mailto:)/i;
// Inline images in mail come as `cid:` parts or as data URLs; only raster types, never SVG.
const IMG_SRC = /^(?:cid:[^\s"'<>]+|data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]+)$/i;
// Tags whose text is never message content: dropping only the tag would show code or titles.
const NON_TEXT_TAGS = ['script', 'style', 'textarea', 'option', 'noscript', 'head', 'title', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'xmp', 'noembed', 'noframes', 'form', 'select'];

const MESSAGE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'b',
    'i',
    'strong',
    'em',
    'u',
    's',
    'blockquote',
    'pre',
    'code',
    'ul',
    'ol',
    'li',
    'a',
    'h1',
    'h2',
    'h3',
    'h4',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'hr',
    'span',
    'div',
    'img',
  ],
  // No style, class or id: styles can overlay the agent UI and ids can clobber page globals.
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    td: ['colspan', 'rowspan'],
    th: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['cid', 'data'] },
  allowProtocolRelative: false,
  nonTextTags: NON_TEXT_TAGS,
  transformTags: {
    // Allowlist rather than sanitize-html's blocklist, which lets relative URLs through.
    a: (tagName, { href }) => {
      const attribs: sanitizeHtml.Attributes = {};
      if (href !== undefined && LINK_HREF.test(href.trim())) Object.assign(attribs, { href: href.trim(), rel: LINK_REL, target: '_blank' });
      return { tagName, attribs };
    },
    img: (tagName, { src, ...rest }) => ({
      tagName,
      attribs: src !== undefined && IMG_SRC.test(src.trim()) ? { src: src.trim(), ...rest } : rest,
    }),
  },
  // An image without an acceptable source would only be a tracking pixel or a broken box.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/**
 * Message HTML as it may be shown to agents: formatting only. Links are http(s)/mailto and open
 * in a new tab without an opener; images only from `cid:` parts or raster data URLs; no script,
 * style, event handler, form, frame or SVG.
 *
 * @example
 * sanitizeMessageHtml('<p onclick="x()">Hi <script>alert(1)</script><a href="https://a.example">a</a></p>');
 * // '<p>Hi <a href="https://a.example" rel="noopener noreferrer nofollow" target="_blank">a</a></p>'
 */
export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, MESSAGE_OPTIONS);
}

const BLOCK_TAGS = ['p', 'div', 'blockquote', 'pre', 'ul', 'ol', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'table', 'tr', 'hr'];

// First pass for htmlToText: a normalised skeleton (block tags, br and links, no other
// attributes) that the regexes below can read reliably; text is entity-escaped by then.
const SKELETON_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...BLOCK_TAGS, 'br', 'a', 'td', 'th'],
  allowedAttributes: { a: ['href'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  nonTextTags: NON_TEXT_TAGS,
};

/** Decodes what sanitize-html's escaper produces; `&amp;` last, or `&amp;lt;` would become `<`. */
function decodeEscapes(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function skeletonToText(skeleton: string): string {
  return skeleton
    .replace(/<a href="([^"]*)">([\s\S]*?)<\/a>/g, (_, href: string, text: string) => {
      const url = decodeEscapes(href);
      const label = text.replace(/<[^>]*>/g, '').trim();
      return decodeEscapes(label) === url || label === '' ? href : `${text} (${href})`;
    })
    .replace(/<li>\s*/g, '\n- ')
    .replace(/<\/li>|<tr>/g, '')
    .replace(/<br \/>|<hr \/>/g, '\n')
    .replace(/<\/t[dh]>/g, '\t')
    .replace(new RegExp(`</?(?:${BLOCK_TAGS.join('|')})>`, 'g'), '\n')
    .replace(/<[^>]*>/g, '');
}

/**
 * Plain text of message HTML, for search, previews and the text part of outgoing mail: tags
 * dropped, entities decoded, a line break per block and `<br>`, list items as `- `, link targets
 * in parentheses. Whitespace outside `<pre>` collapses as a browser would.
 *
 * @example
 * htmlToText('<p>Tom &amp; Jerry</p><p>Line<br>two <a href="https://x.example">site</a></p>');
 * // 'Tom & Jerry\n\nLine\ntwo site (https://x.example)'
 */
export function htmlToText(html: string): string {
  const skeleton = sanitizeHtml(html, SKELETON_OPTIONS);
  // Odd indexes are <pre> contents, whose whitespace is meaningful.
  const text = skeleton
    .split(/<pre>([\s\S]*?)<\/pre>/)
    .map((piece, i) => (i % 2 === 1 ? `\n${piece.replace(/<[^>]*>/g, '')}\n` : skeletonToText(piece.replace(/\s+/g, ' '))))
    .join('');
  return decodeEscapes(text)
    .split('\n')
    .map((line) => line.replace(/[ \t]+$/, '').replace(/^ (?=\S)/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Escapes as sanitize-html does (`'` is inert in text and double-quoted attributes), so our
 * output survives a later sanitizeMessageHtml unchanged. */
function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

// Stops at whitespace and at characters that end a URL in prose; trailing punctuation is
// trimmed below so "see https://x.example." does not link the full stop.
const URL_IN_TEXT = /\bhttps?:\/\/[^\s<>"'`]+/gi;
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

function linkify(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(URL_IN_TEXT)) {
    const start = match.index ?? 0;
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    if (!URL.canParse(url)) continue;
    out += escapeHtml(line.slice(last, start));
    out += `<a href="${escapeHtml(url)}" rel="${LINK_REL}" target="_blank">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return out + escapeHtml(line.slice(last));
}

/**
 * Plain text as message HTML: escaped, blank lines start paragraphs, single newlines become
 * `<br />`, and http(s) URLs become links with the same rel/target as sanitised links.
 *
 * @example
 * textToHtml('Hello'); // '<p>Hello</p>'
 * textToHtml('See https://x.example.\nBye'); // '<p>See <a href="https://x.example" ...>https://x.example</a>.<br />Bye</p>'
 */
export function textToHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((para) => para.replace(/^\n+|\n+$/g, ''))
    .filter((para) => para.trim() !== '')
    .map((para) => `<p>${para.split('\n').map(linkify).join('<br />')}</p>`)
    .join('');
}
