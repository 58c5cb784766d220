#!/usr/bin/env python3
"""Make expected.xml of parser fixture folders with docutils 0.19.

For each folder given (test/fixtures/rst/<case>/ holding input.rst), write
expected.xml: docutils' UNtransformed parser tree of input.rst, serialized
as the shared rST corpus does (docutils_xml writer, indents, no doctype),
with the document's source set to the fixture's input.rst so that
`csv-table :file:` and friends resolve beside it.
Run when adding a case: python3 scripts/make-parser-fixtures.py test/fixtures/rst/table-*
"""
import os
import sys

from docutils import frontend, utils
from docutils.parsers.rst import Parser
from docutils.writers import docutils_xml


def expected_xml(folder):
    path = os.path.abspath(os.path.join(folder, 'input.rst'))
    settings = frontend.get_default_settings(Parser, docutils_xml.Writer)
    settings.warning_stream = ''
    settings.halt_level = 5
    settings.indents = True
    settings.xml_declaration = True
    settings.doctype_declaration = False
    with open(path, encoding='utf-8') as handle:
        text = handle.read()
    document = utils.new_document(path, settings)
    previous = os.getcwd()
    os.chdir(os.path.dirname(path))
    try:
        Parser().parse(text, document)
    finally:
        os.chdir(previous)
    writer = docutils_xml.Writer()
    writer.document = document
    writer.translator_class = docutils_xml.XMLTranslator
    visitor = writer.translator_class(document)
    document.walkabout(visitor)
    return ''.join(visitor.output)


for folder in sys.argv[1:]:
    with open(os.path.join(folder, 'expected.xml'), 'w', encoding='utf-8') as out:
        out.write(expected_xml(folder))
    print('wrote', os.path.join(folder, 'expected.xml'))
