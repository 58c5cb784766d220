// Which URLs a guide may put on a page: an allow-list of schemes. A link
// (`href`) may be relative, a fragment, or use http(s), mailto, ftp and a few
// other schemes that only name a place; an image (`src`) may be relative,
// http(s), or a raster `data:image/…` URL. Everything else (`javascript:`,
// `vbscript:`, `data:text/html`, `data:image/svg+xml`, `file:` …) is refused:
// the text is shown and the caller reports it at the node. The scheme is read
// as a browser reads it (WHATWG URL: leading and trailing C0 controls and
// spaces dropped, tabs and newlines anywhere ignored), so `java\tscript:` or a
// leading control character cannot slip through.
// Written by hand: the writer needs the verdict at the node, to report it at
// file:line; hast-util-sanitize (rehype-sanitize) only drops the attribute.

/** Schemes a link may use. */
export const LINK_SCHEMES = ['http', 'https', 'mailto', 'ftp', 'ftps', 'sftp', 'ssh', 'git', 'irc', 'ircs', 'xmpp', 'news', 'nntp', 'tel', 'urn'] as const;

/** `data:` images a page may show inline: raster formats, which carry no script. */
const RASTER_DATA = /^data:image\/(?:png|gif|jpeg|jpg|webp|avif|bmp)[;,]/i;

/** The scheme a browser would read in `uri` (lower case, no colon), or undefined for a relative address. */
export function schemeOf(uri: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const url = uri.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '').replace(/[\t\n\r]/g, '');
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url);
  return match ? match[1]!.toLowerCase() : undefined;
}

export interface UrlVerdict {
  /** The URL to write, or undefined when it is refused. */
  url: string | undefined;
  /** The refused scheme (`javascript`), for the report. */
  refused?: string;
}

/** A link target (`<a href>`): relative, or one of LINK_SCHEMES. */
export function safeLink(uri: string): UrlVerdict {
  const scheme = schemeOf(uri);
  if (scheme === undefined || (LINK_SCHEMES as readonly string[]).includes(scheme)) return { url: uri };
  return { url: undefined, refused: scheme };
}

/** An image source (`<img src>`): relative, http(s), or a raster data: image. */
export function safeImage(uri: string): UrlVerdict {
  const scheme = schemeOf(uri);
  if (scheme === undefined || scheme === 'http' || scheme === 'https') return { url: uri };
  if (scheme === 'data' && RASTER_DATA.test(uri.trim())) return { url: uri };
  return { url: undefined, refused: scheme };
}

/** The report of a refused URL: its scheme and (the start of) the URL. */
export function refusedUrlMessage(kind: 'link' | 'image', uri: string, scheme: string): string {
  const shown = uri.length > 80 ? `${uri.slice(0, 77)}…` : uri;
  return kind === 'link'
    ? `"${scheme}:" link not made live (not a safe URL scheme; its text is shown): ${shown}`
    : `"${scheme}:" image not shown (not a safe URL scheme; its alternative text is shown): ${shown}`;
}
