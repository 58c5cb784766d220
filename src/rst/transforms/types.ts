// What a transform is: a name, a priority (docutils' default_priority: lower
// runs first) and `apply`, which edits the document tree in place.

import type { Document } from '../document.js';
import type { TransformRun } from './run.js';

export interface Transform {
  name: string;
  priority: number;
  apply(document: Document, run: TransformRun): void;
}
