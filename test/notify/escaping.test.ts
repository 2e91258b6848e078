import { escapeHtml } from '../../shared/http/html-escape';
import { escapeCardText, safeLink, singleLine } from '../../shared/notify/escaping';

describe('escapeCardText', () => {
  it('backslash-escapes Markdown and link syntax so user text shows literally', () => {
    expect(escapeCardText('**urgent** [click](http://evil.example) _x_')).toBe(
      '\\*\\*urgent\\*\\* \\[click\\]\\(http://evil\\.example\\) \\_x\\_',
    );
    expect(escapeCardText('# heading')).toBe('\\# heading');
    expect(escapeCardText('<b>hi</b> & co')).toBe('\\<b\\>hi\\</b\\> \\& co');
  });

  it('breaks the Adaptive Card {{DATE()}} function syntax', () => {
    const out = escapeCardText('{{DATE(2017-02-14T06:08:39Z, SHORT)}}');
    expect(out).not.toContain('{{');
    expect(out).not.toContain('}}');
  });

  it('flattens control characters and newlines to one line and bounds the length', () => {
    expect(escapeCardText('line1\n\n- item\r\n')).toBe('line1 \\- item');
    expect(singleLine('x'.repeat(500)).length).toBe(300);
  });
});

describe('escapeHtml', () => {
  it('escapes element and attribute metacharacters', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;',
    );
  });
});

describe('safeLink', () => {
  it('keeps http(s) links and drops anything else', () => {
    expect(safeLink('https://help.example.com/scp/tickets.php?id=1')).toBe(
      'https://help.example.com/scp/tickets.php?id=1',
    );
    expect(safeLink('javascript:alert(1)')).toBeUndefined();
    expect(safeLink('data:text/html,hi')).toBeUndefined();
    expect(safeLink('not a url')).toBeUndefined();
    expect(safeLink(undefined)).toBeUndefined();
  });
});
