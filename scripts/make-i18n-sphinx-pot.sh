#!/bin/sh
# The seed's segments as Sphinx's gettext builder extracts them, for
# test/i18n/sphinx-segments.test.ts to compare ours with:
#   sh scripts/make-i18n-sphinx-pot.sh   (python3-sphinx installed)
# writes test/fixtures/i18n/seed/sphinx/local.pot (dates stripped).
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here"/test/fixtures/i18n/seed/local/local.rst "$here"/test/fixtures/i18n/seed/local/*.sh "$work"/
printf "project = 'local'\nlanguage = 'zh_CN'\ngettext_uuid = False\ngettext_location = False\n" > "$work/conf.py"
printf '.. toctree::\n\n   local\n' > "$work/index.rst"
sphinx-build -q -E -b gettext "$work" "$work/_build" 2>/dev/null || true
mkdir -p "$here/test/fixtures/i18n/seed/sphinx"
grep -v '^"POT-Creation-Date' "$work/_build/local.pot" > "$here/test/fixtures/i18n/seed/sphinx/local.pot"
echo "wrote test/fixtures/i18n/seed/sphinx/local.pot ($(sphinx-build --version))"
