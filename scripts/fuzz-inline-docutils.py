"""Random one-paragraph inputs full of inline-markup characters, parsed by
docutils; prints a JSON list of {input, tree} for scripts/fuzz-inline.ts.

usage: python3 scripts/fuzz-inline-docutils.py SEED COUNT MAXPARTS [char]
"""
import json
import random
import re
import sys

from docutils import frontend, nodes, utils
from docutils.parsers.rst import Parser

PIECES = ['`a <b>`_', '<', '>_', '\\ ', '\\_', ' <http://x.org/a b>', '`x <y_>`__', ':code:', ':math:',
          ':sub:', '|x|_', '_`t`', '[#a]_', '[CIT]_', '__', 'a_', '*', '**', '`', '``', '_', '|', '[', ']',
          ':', '<', '>', '\\', '#', 'a', 'b', 'ab', '1', ' ', ' ', ' ', '\n', '(', ')', '"', "'", '-', '.',
          ',', '@', '/', 'http://x.org', 'mailto:', 'title', ':title:', '\u4e2d', '\u300c', '\u300d',
          '\u2019', '\u00a0', 'x@y.z', 'ftp:', 'foo:']
IGNORED = ('ids', 'refid', 'backrefs', 'source', 'line', 'dupnames', 'names')


def tree(node):
    if isinstance(node, nodes.Text):
        return node.astext()
    if node.tagname == 'system_message':
        return [node.tagname, {'type': node['type']}, []]
    attributes = {key: (' '.join(value) if isinstance(value, list) else str(value))
                  for key, value in node.attributes.items()
                  if key not in IGNORED and value not in ([], None, '')}
    return [node.tagname, attributes, [tree(child) for child in node.children]]


def main():
    seed, count, parts = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    random.seed(seed)
    settings = frontend.get_default_settings(Parser)
    settings.warning_stream = ''
    settings.halt_level = 5
    settings.report_level = 5
    settings.character_level_inline_markup = len(sys.argv) > 4
    cases = []
    for _ in range(count):
        body = ''.join(random.choice(PIECES) for _ in range(random.randint(1, parts)))
        # One paragraph: no blank or indented continuation lines.
        text = re.sub(r'\n\s*', '\n', 'x ' + body + ' x')
        document = utils.new_document('fuzz', settings)
        Parser().parse(text, document)
        cases.append({'input': text, 'tree': [tree(child) for child in document.children]})
    json.dump(cases, sys.stdout)


main()
