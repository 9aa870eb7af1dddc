// An email's HTML made safe to show inside one of our pages (the outbox viewer, the digest preview). Its own module:
// the sanitizer loads only when such a page is asked for.
import sanitizeHtml from 'sanitize-html';

/**
 * The message's HTML as a fragment for one of our pages: prose tags and http(s)/mailto links only, no styles
 * (the page's CSP would refuse them anyway), no scripts, frames or images; headings one level down, under the
 * page's own <h1>.
 */
export function safeEmailHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['h1', 'h2', 'h3', 'h4', 'p', 'br', 'ul', 'ol', 'li', 'a', 'strong', 'b', 'em', 'i', 'small', 'span', 'div',
      'blockquote', 'code', 'pre', 'hr'],
    allowedAttributes: { a: ['href', 'rel'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'head', 'title'],
    transformTags: {
      h1: 'h2',
      h2: 'h3',
      h3: 'h4',
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
    },
  });
}
