// TEMPORARY, while the walks, the metadata rule and the claim checks move to
// messages: a message (a link's or service's reason) said as a zh/en pair.

import type { Message } from '../message.js';
import { bilingual } from '../i18n/messages.js';

export function pair(m: Message | undefined): { zh: string; en: string } | undefined {
  return m === undefined ? undefined : bilingual(m);
}
