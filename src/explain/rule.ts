// The shape of an explanation rule: a module that reads the topology and says,
// in 中文 and English, what one kind of fact means, with the lines it rests on.

import type { Explanation, Topology } from '../topology/model.js';

export interface Rule {
  id: string;
  explain(topology: Topology): Explanation[];
}
