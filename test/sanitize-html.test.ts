import { describe, expect, it } from 'vitest';
import { htmlToText, sanitizeMessageHtml, textToHtml } from '#lib/html/sanitize.ts';

const REL = 'rel="noopener noreferrer nofollow" target="_blank"';
const PNG_DATA = 'data:image/png;base64,iVBORw0KGgo=';

describe('sanitizeMessageHtml', () => {
  it('drops scripts with their code, event handlers, styles and classes', () => {
    const out = sanitizeMessageHtml('<p class="x" style="color:red" onclick="steal()">Hi<script>alert(1)</script><style>p{}</style></p><img src=x onerror="alert(2)">');
    expect(out).toBe('<p>Hi</p>');
  });

  it('removes javascript:, data: and relative hrefs but keeps the link text', () => {
    expect(sanitizeMessageHtml('<a href="javascript:alert(1)">a</a>')).toBe('<a>a</a>');
    expect(sanitizeMessageHtml('<a href="jav&#x61;script:alert(1)">a</a>')).toBe('<a>a</a>');
    expect(sanitizeMessageHtml('<a href=" java\tscript:alert(1)">a</a>')).toBe('<a>a</a>');
    expect(sanitizeMessageHtml('<a href="data:text/html,<script>x</script>">a</a>')).toBe('<a>a</a>');
    expect(sanitizeMessageHtml('<a href="/api/v1/tickets/1">a</a>')).toBe('<a>a</a>');
    expect(sanitizeMessageHtml('<a href="//evil.example">a</a>')).toBe('<a>a</a>');
  });

  it('forces rel and target on allowed links, replacing what the sender set', () => {
    expect(sanitizeMessageHtml('<a href="https://a.example/x?q=1&amp;r=2" rel="opener" target="_self" title="t">a</a>')).toBe(`<a href="https://a.example/x?q=1&amp;r=2" ${REL}>a</a>`);
    expect(sanitizeMessageHtml('<a href="mailto:help@a.example">mail</a>')).toBe(`<a href="mailto:help@a.example" ${REL}>mail</a>`);
  });

  it('keeps images only from cid: parts and raster data URLs', () => {
    expect(sanitizeMessageHtml('<img src="cid:logo@mail" alt="logo">')).toBe('<img src="cid:logo@mail" alt="logo" />');
    expect(sanitizeMessageHtml(`<img src="${PNG_DATA}">`)).toBe(`<img src="${PNG_DATA}" />`);
    expect(sanitizeMessageHtml('<img src="data:image/svg+xml;base64,PHN2Zz4=">')).toBe('');
    expect(sanitizeMessageHtml('<img src="https://tracker.example/pixel.gif">')).toBe('');
    expect(sanitizeMessageHtml('<img src="/api/v1/logout">')).toBe('');
    expect(sanitizeMessageHtml('<img alt="no source">')).toBe('');
  });

  it('removes active containers and their content', () => {
    const out = sanitizeMessageHtml(
      '<div>a<iframe src="https://x.example">frame</iframe><object data="x">obj</object><form action="/x"><input name="p">form</form><svg><script>s</script><text>svg</text></svg>b</div>',
    );
    expect(out).toBe('<div>ab</div>');
  });

  it('keeps the allowed formatting, tables included', () => {
    const html = '<h2>T</h2><blockquote><b>b</b><em>e</em></blockquote><table><tbody><tr><td colspan="2">c</td></tr></tbody></table><hr />';
    expect(sanitizeMessageHtml(html)).toBe(html);
  });
});

describe('htmlToText', () => {
  it('strips tags, decodes entities once and breaks lines at blocks', () => {
    expect(htmlToText('<p>Tom &amp; Jerry &lt;3</p><div>Line<br>two</div><p>&amp;lt; stays literal</p>')).toBe('Tom & Jerry <3\n\nLine\ntwo\n\n&lt; stays literal');
  });

  it('collapses source whitespace except in pre, lists items and keeps link targets', () => {
    const html = '<p>one\n   two</p><pre>a  b\n  c</pre><ul><li>x</li><li><a href="https://x.example/?a=1&amp;b=2">site</a></li></ul>';
    expect(htmlToText(html)).toBe('one two\n\na  b\n  c\n\n- x\n- site (https://x.example/?a=1&b=2)');
  });

  it('renders table rows as lines of tab-separated cells', () => {
    expect(htmlToText('<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>')).toBe('a\tb\n1\t2');
  });

  it('drops script and style content entirely', () => {
    expect(htmlToText('<head><title>T</title><style>p{}</style></head><p>hi<script>alert(1)</script></p>')).toBe('hi');
  });
});

describe('textToHtml', () => {
  it('escapes and makes paragraphs and line breaks', () => {
    expect(textToHtml('Hello')).toBe('<p>Hello</p>');
    expect(textToHtml('a <b>&"\'\r\nb\n\n\nc')).toBe("<p>a &lt;b&gt;&amp;&quot;'<br />b</p><p>c</p>");
    expect(textToHtml('')).toBe('');
  });

  it('autolinks http(s) URLs without trailing punctuation and without breaking out of the attribute', () => {
    expect(textToHtml('See https://x.example/a?b=1&c=2.')).toBe(`<p>See <a href="https://x.example/a?b=1&amp;c=2" ${REL}>https://x.example/a?b=1&amp;c=2</a>.</p>`);
    expect(textToHtml('https://x.example/"onmouseover="alert(1)')).toBe(`<p><a href="https://x.example/" ${REL}>https://x.example/</a>&quot;onmouseover=&quot;alert(1)</p>`);
    expect(textToHtml('javascript:alert(1) ftp://x.example')).toBe('<p>javascript:alert(1) ftp://x.example</p>');
  });

  it('produces HTML the sanitiser leaves unchanged', () => {
    const html = textToHtml("Hi <there> it's\nsee https://x.example/p?q=1&r=2");
    expect(sanitizeMessageHtml(html)).toBe(html);
  });

  it('round-trips through htmlToText', () => {
    const text = 'Tom & Jerry <3\nsecond line\n\nnext para';
    expect(htmlToText(textToHtml(text))).toBe(text);
  });
});
