// Settings that only transforms read (docutils' doctitle_xform, docinfo_xform,
// sectnum_xform, toc_backlinks, strip_comments …), with docutils' defaults.

export interface TransformOptions {
  /** Promote a lone top section's title to the document title. */
  doctitleXform: boolean;
  /** Turn the bibliographic field list into docinfo. */
  docinfoXform: boolean;
  /** Promote a lone subsection's title to a section subtitle (off in docutils 0.19). */
  sectsubtitleXform: boolean;
  /** Number sections in the tree (else a writer would). */
  sectnumXform: boolean;
  /** Where section titles link back to: the contents entry, the contents topic, or nowhere. */
  tocBacklinks: 'entry' | 'top' | false;
  /** Drop comments (the HTML step sets this; XML keeps them). */
  stripComments: boolean;
  /** Overrides the document title metadata (docutils' `title` setting). */
  title?: string;
  /** Messages below this level are removed from the tree (defaults to the parser settings' reportLevel). */
  reportLevel?: number;
  /** Classes whose elements are removed, and classes removed from every element. */
  stripElementsWithClasses: string[];
  stripClasses: string[];
  /** Put footnote references right after the text (docutils' trim_footnote_reference_space). */
  trimFootnoteReferenceSpace: boolean;
  /**
   * Languages whose bibliographic field names docinfo also recognises, besides
   * the document's and English (a page translated from a guide written with
   * `:作者:` names its author "Author"). None by default, as docutils.
   */
  bibliographicLanguages: string[];
}

export function transformOptions(overrides: Partial<TransformOptions> = {}): TransformOptions {
  return {
    doctitleXform: true,
    docinfoXform: true,
    sectsubtitleXform: false,
    sectnumXform: true,
    tocBacklinks: 'entry',
    stripComments: false,
    stripElementsWithClasses: [],
    stripClasses: [],
    trimFootnoteReferenceSpace: false,
    bibliographicLanguages: [],
    ...overrides,
  };
}
