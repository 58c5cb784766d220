// The block parser on fixture folders test/fixtures/rst/core-*/ whose
// expected.xml docutils 0.19 wrote (scripts/make-rst-fixture.py): sections and
// their errors, every list kind, explicit markup, literal blocks and the
// "unexpected indentation" family of messages.
import { runRstFixtures } from './run-fixtures.js';

runRstFixtures((name) => name.startsWith('core-'));
