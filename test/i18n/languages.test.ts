// Docutils' language modules (src/rst/languages): the words a document shows
// in its language (docinfo labels, admonition titles, the contents title) and
// the field names its docinfo reads, chosen by the languageCode setting; a
// `language-xx` class becomes the element's lang, as docutils' HTML writer makes it.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rstToHtml } from '../../src/rst/html.js';
import { getLanguage, languageModuleName } from '../../src/rst/languages/index.js';

const guide = [
  'Title',
  '=====',
  ':Author: Ann Writer',
  ':Copyright: CC BY-SA 3.0',
  ':Dedication: To the readers.',
  '',
  '.. contents::',
  '',
  'Section',
  '-------',
  '',
  '.. note:: A note.',
  '',
  '.. warning:: A warning.',
  '',
].join('\n');

const html = async (text: string, languageCode?: string, bibliographicLanguages?: string[]) =>
  (await rstToHtml(text, { parse: languageCode ? { languageCode } : {}, ...(bibliographicLanguages ? { transforms: { bibliographicLanguages } } : {}) })).html;

describe('language modules', () => {
  it('should resolve a language code as docutils does, zh meaning Simplified Chinese', () => {
    assert.equal(languageModuleName('zh'), 'zh_cn');
    assert.equal(languageModuleName('zh-CN'), 'zh_cn');
    assert.equal(languageModuleName('zh-Hant-TW'), 'zh_tw');
    assert.equal(languageModuleName('pt-BR'), 'pt_br');
    assert.equal(languageModuleName('de-AT'), 'de');
    assert.equal(languageModuleName('xx'), 'en');
    assert.equal(getLanguage('zh').labels.contents, '目录');
    assert.equal(getLanguage('zh_tw').labels.contents, '目錄');
  });

  it('should label docinfo, admonitions and the contents in the document\'s language', async () => {
    const zh = await html(guide, 'zh');
    assert.match(zh, /<dt class="author">作者<\/dt>/);
    assert.match(zh, /<dt class="copyright">版权<\/dt>/);
    assert.match(zh, /<p class="topic-title">献辞<\/p>/);
    assert.match(zh, /<p class="topic-title">目录<\/p>/);
    assert.match(zh, /<p class="admonition-title">注解<\/p>/);
    assert.match(zh, /<p class="admonition-title">警告<\/p>/);
    const en = await html(guide);
    assert.match(en, /<dt class="author">Author<\/dt>/);
    assert.match(en, /<p class="topic-title">Contents<\/p>/);
    assert.match(en, /<p class="admonition-title">Note<\/p>/);
    const de = await html(guide, 'de');
    assert.match(de, /<dt class="author">Autor<\/dt>/);
    assert.match(de, /<p class="topic-title">Inhalt<\/p>/);
  });

  it('should read field names in the document\'s language, English, and the languages asked for', async () => {
    const chinese = 'Title\n=====\n:作者: 甲、乙\n:版权: 某某\n\nText.\n';
    const zh = await html(chinese.replace(':作者: 甲、乙', ':作者群: 甲、乙'), 'zh');
    assert.match(zh, /<dt class="authors">作者群<\/dt><dd class="authors"><p>甲<\/p><p>乙<\/p><\/dd>/, 'authors split at 、 as zh_cn says');
    assert.match(zh, /<dt class="copyright">版权<\/dt>/);
    // docutils: an English document does not read Chinese field names …
    assert.doesNotMatch(await html(chinese), /class="author"/);
    // … unless asked to (a page translated from a Chinese guide).
    assert.match(await html(chinese, 'en', ['zh']), /<dt class="author">Author<\/dt><dd class="author">甲、乙<\/dd>/);
  });

  it('should make a language-xx class the element\'s lang', async () => {
    const out = await html('.. class:: language-zh special\n\n中文段落。\n\nEnglish.\n');
    assert.match(out, /<p lang="zh" class="special">中文段落。<\/p>/);
  });
});
