// The diagram panel and the capture notes in the browser (progressive
// enhancement: without this script the page is complete, the walks are
// ordered lists and every link works). It reads only what the build wrote:
//
//   [data-topology-panel]        a panel: .drawing svg (boxes g.box with
//                                data-key / data-lines, wires g.wire with
//                                data-source / data-target / data-lines),
//                                .device-list, .walks, script.topology-data
//   .capture-block .line[id]     capture lines, by the ids in data-lines
//   .capture-notes li.note       a note, data-lines: its lines in that block
//   a.name[data-node]            a device named in a capture line
//   a[data-walk][data-step]      a reference to a walk's step
//
// and adds: zoom and pan (d3.zoom), highlighting on hover and focus, details
// on tap, keyboard moves between boxes, and each walk as a step-through.
/* global d3 */
(function () {
  'use strict';

  var lit = [];
  function clearLit() {
    lit.forEach(function (el) { el.classList.remove('hl', 'lit'); });
    lit = [];
  }
  function mark(el, cls) {
    if (!el) return;
    el.classList.add(cls);
    lit.push(el);
  }
  function byId(id) { return id ? document.getElementById(id) : null; }
  function words(list) { return (list || '').split(/\s+/).filter(Boolean); }
  function cssEscape(s) { return window.CSS && CSS.escape ? CSS.escape(s) : s.replace(/["\\]/g, '\\$&'); }

  /** Light a box, its wires, its capture lines and the names that point at it. */
  function lightBox(box, panel) {
    clearLit();
    if (!box) return;
    mark(box, 'hl');
    var svg = box.ownerSVGElement;
    svg.querySelectorAll('.wire').forEach(function (w) {
      if (w.dataset.source === box.id || w.dataset.target === box.id) mark(w, 'hl');
    });
    words(box.dataset.lines).forEach(function (id) { mark(byId(id), 'lit'); });
    unfoldedIds(box, panel).forEach(function (id) {
      document.querySelectorAll('a.name[data-node="' + cssEscape(id) + '"]').forEach(function (a) { mark(a, 'hl'); });
    });
  }

  /** The ids of the unfolded drawing's boxes a box stands for (itself, or a folded chain's parts). */
  function unfoldedIds(box, panel) {
    if (!panel || box.closest('.drawing.unfolded')) return [box.id];
    var keys = words(box.dataset.key);
    var out = [];
    panel.querySelectorAll('.drawing.unfolded .box').forEach(function (b) {
      if (words(b.dataset.key).some(function (k) { return keys.indexOf(k) >= 0; })) out.push(b.id);
    });
    return out;
  }

  function visibleSvg(panel) {
    var all = panel.querySelectorAll('.drawing svg');
    for (var i = 0; i < all.length; i++) if (all[i].getClientRects().length > 0) return all[i];
    return all[0];
  }

  /** Boxes of `svg` standing for a device key. */
  function boxesOf(svg, key) {
    return Array.prototype.filter.call(svg.querySelectorAll('.box'), function (b) { return words(b.dataset.key).indexOf(key) >= 0; });
  }

  /** The boxes of a walk's step: its device's, else the namespace it is in. */
  function stepBoxes(svg, step) {
    var found = boxesOf(svg, step.key);
    return found.length || !step.near ? found : boxesOf(svg, step.near);
  }

  // ---- the panel ---------------------------------------------------------

  function setupPanel(panel) {
    var dataEl = panel.querySelector('script.topology-data');
    var data = dataEl ? JSON.parse(dataEl.textContent) : { words: {}, walks: [] };
    var say = function (id, values) {
      var text = (data.words && data.words[id]) || id;
      return text.replace(/\{(\w+)\}/g, function (all, k) { return values && k in values ? values[k] : all; });
    };
    panel.classList.add('scripted');
    var zooms = [];
    panel.querySelectorAll('.drawing svg').forEach(function (svg) { zooms.push(setupDrawing(svg, panel, say)); });
    var details = setupDetails(panel, say);
    panel.querySelectorAll('.drawing svg').forEach(function (svg) { setupBoxes(svg, panel, details); });
    var toggle = panel.querySelector('.fold-toggle');
    if (toggle) toggle.addEventListener('change', function () { zooms.forEach(function (z) { z.refit(); }); if (player) player.show(false); });
    var player = setupWalks(panel, data.walks || [], say, function (svg) {
      for (var i = 0; i < zooms.length; i++) if (zooms[i].svg === svg) return zooms[i];
      return null;
    });
    panel.player = player;
  }

  /** d3.zoom on a drawing: drag to pan, Ctrl + wheel or pinch or the buttons to zoom. */
  function setupDrawing(svg, panel, say) {
    var width = +svg.getAttribute('width');
    var height = +svg.getAttribute('height');
    var drawing = svg.parentNode;
    svg.removeAttribute('viewBox');
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    svg.classList.add('zoomable');
    var viewport = d3.select(svg).select('g.viewport');
    var zoom = d3.zoom()
      .scaleExtent([0.15, 4])
      .extent(function () { return [[0, 0], [svg.clientWidth || width, svg.clientHeight || height]]; })
      .translateExtent([[-24, -24], [width + 24, height + 24]])
      .filter(function (event) {
        if (event.type === 'wheel') return event.ctrlKey || event.metaKey;
        return !event.button;
      })
      .on('zoom', function (event) { viewport.attr('transform', event.transform); });
    var selection = d3.select(svg).call(zoom).on('dblclick.zoom', null);

    function fit(animate) {
      var w = svg.clientWidth || width;
      var k = Math.min(1, w / (width + 16));
      if (k < 0.7) k = 1; // too small to read: keep the labels' size and let the reader pan
      // as tall as the drawing at that scale, at most most of the window
      svg.style.height = Math.round(Math.min(height * k + 16, Math.max(260, window.innerHeight * 0.75))) + 'px';
      var t = d3.zoomIdentity.translate(Math.max(8, (w - width * k) / 2), 8).scale(k);
      (animate ? selection.transition().duration(250) : selection).call(zoom.transform, t);
    }
    fit(false);

    // print the whole drawing, scaled to the page, whatever the view
    window.addEventListener('beforeprint', function () {
      svg.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
      viewport.attr('transform', null);
    });
    window.addEventListener('afterprint', function () {
      svg.removeAttribute('viewBox');
      viewport.attr('transform', d3.zoomTransform(svg));
    });

    var tools = document.createElement('div');
    tools.className = 'zoom-tools';
    [['zoom-in', '+', function () { selection.transition().duration(200).call(zoom.scaleBy, 1.3); }],
     ['zoom-out', '−', function () { selection.transition().duration(200).call(zoom.scaleBy, 1 / 1.3); }],
     ['zoom-reset', '⟲', function () { fit(true); }]].forEach(function (b) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = b[0];
      button.textContent = b[1];
      button.setAttribute('aria-label', say('diagram:' + b[0]));
      button.title = say('diagram:' + b[0]);
      button.addEventListener('click', b[2]);
      tools.appendChild(button);
    });
    drawing.insertBefore(tools, svg);

    return {
      svg: svg,
      refit: function () { if (svg.getClientRects().length) fit(false); },
      /** Bring a box into view if it is not. */
      show: function (box) {
        if (!box || !svg.getClientRects().length) return;
        var t = d3.zoomTransform(svg);
        var m = /translate\(([-\d.]+),([-\d.]+)\)/.exec(box.getAttribute('transform') || '');
        var rect = box.querySelector('rect');
        if (!m || !rect) return;
        var x = +m[1] + (+rect.getAttribute('width')) / 2;
        var y = +m[2] + (+rect.getAttribute('height')) / 2;
        var sx = t.applyX(x), sy = t.applyY(y);
        if (sx > 20 && sx < svg.clientWidth - 20 && sy > 20 && sy < svg.clientHeight - 20) return;
        selection.transition().duration(300).call(zoom.translateTo, x, y);
      }
    };
  }

  /** The details of a tapped or chosen box: its entry in the device list, shown under the drawing. */
  function setupDetails(panel, say) {
    var box = document.createElement('div');
    box.className = 'diagram-details';
    box.setAttribute('aria-live', 'polite');
    box.hidden = true;
    var drawings = panel.querySelector('.drawings');
    drawings.parentNode.insertBefore(box, drawings.nextSibling);
    return {
      show: function (node) {
        box.textContent = '';
        var title = document.createElement('p');
        title.className = 'details-title';
        title.textContent = node.getAttribute('aria-label');
        box.appendChild(title);
        unfoldedIds(node, panel).forEach(function (id) {
          var entry = byId('device-' + id);
          if (!entry) return;
          var copy = entry.cloneNode(true);
          copy.removeAttribute('id');
          copy.querySelectorAll('[id]').forEach(function (el) { el.removeAttribute('id'); });
          copy.querySelectorAll('ul').forEach(function (ul) { ul.remove(); });
          var list = document.createElement('ul');
          list.appendChild(copy);
          box.appendChild(list);
        });
        var close = document.createElement('button');
        close.type = 'button';
        close.className = 'details-close';
        close.textContent = say('diagram:close');
        close.addEventListener('click', function () { box.hidden = true; clearLit(); node.focus(); });
        box.appendChild(close);
        box.hidden = false;
      },
      hide: function () { box.hidden = true; }
    };
  }

  /** Hover, focus, tap and arrow keys on the boxes (one tab stop per drawing). */
  function setupBoxes(svg, panel, details) {
    var boxes = Array.prototype.slice.call(svg.querySelectorAll('.box'));
    var selected = null;
    boxes.forEach(function (b, i) {
      b.setAttribute('tabindex', i === 0 ? '0' : '-1');
      b.setAttribute('role', 'button');
      b.addEventListener('mouseenter', function () { lightBox(b, panel); });
      b.addEventListener('mouseleave', function () { if (selected) lightBox(selected, panel); else clearLit(); });
      b.addEventListener('focus', function () {
        boxes.forEach(function (o) { o.setAttribute('tabindex', o === b ? '0' : '-1'); });
        lightBox(b, panel);
      });
      b.addEventListener('click', function (event) {
        event.stopPropagation();
        selected = b;
        lightBox(b, panel);
        details.show(b);
      });
      b.addEventListener('keydown', function (event) {
        var to = null;
        if (event.key === 'ArrowRight' || event.key === 'ArrowDown') to = boxes[(i + 1) % boxes.length];
        else if (event.key === 'ArrowLeft' || event.key === 'ArrowUp') to = boxes[(i - 1 + boxes.length) % boxes.length];
        else if (event.key === 'Home') to = boxes[0];
        else if (event.key === 'End') to = boxes[boxes.length - 1];
        else if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); selected = b; details.show(b); return; }
        else if (event.key === 'Escape') { selected = null; details.hide(); clearLit(); return; }
        if (to) { event.preventDefault(); to.focus(); }
      });
    });
    svg.addEventListener('click', function () { selected = null; details.hide(); clearLit(); });
  }

  // ---- the walks ---------------------------------------------------------

  function setupWalks(panel, walks, say, zoomOf) {
    var section = panel.querySelector('.walks');
    if (!section || walks.length === 0) return null;
    var state = { walk: 0, step: 0 };
    var player = document.createElement('div');
    player.className = 'walk-player';
    player.setAttribute('role', 'group');
    player.setAttribute('aria-label', say('diagram:walk-choose'));

    var choose = document.createElement('select');
    choose.className = 'walk-choose';
    choose.setAttribute('aria-label', say('diagram:walk-choose'));
    walks.forEach(function (w, i) {
      var option = document.createElement('option');
      option.value = String(i);
      option.textContent = w.title;
      choose.appendChild(option);
    });
    var prev = button('walk-prev', '‹ ' + say('diagram:walk-previous'));
    var next = button('walk-next', say('diagram:walk-next') + ' ›');
    var position = document.createElement('span');
    position.className = 'walk-position';
    var current = document.createElement('div');
    current.className = 'walk-current';
    current.setAttribute('aria-live', 'polite');
    var keys = document.createElement('p');
    keys.className = 'walk-keys';
    keys.textContent = say('diagram:walk-keys');

    var controls = document.createElement('div');
    controls.className = 'walk-controls';
    controls.append(prev, position, next);
    player.append(choose, controls, current, keys);
    var heading = section.querySelector('h1,h2,h3,h4,h5,h6');
    section.insertBefore(player, heading ? heading.nextSibling : section.firstChild);

    function button(cls, text) {
      var b = document.createElement('button');
      b.type = 'button';
      b.className = cls;
      b.textContent = text;
      return b;
    }

    var lists = section.querySelectorAll('.walk');
    /** Show the current step; `pan` (default true) brings its box into view. */
    function show(pan) {
      var walk = walks[state.walk];
      var steps = walk.steps;
      state.step = Math.max(0, Math.min(state.step, steps.length - 1));
      choose.value = String(state.walk);
      lists.forEach(function (list) { list.hidden = list.dataset.walk !== walk.slug; });
      var list = section.querySelector('.walk[data-walk="' + cssEscape(walk.slug) + '"]');
      if (list) {
        list.querySelectorAll(':scope > ol > li').forEach(function (li, i) {
          li.classList.toggle('done', i < state.step);
          if (i === state.step) li.setAttribute('aria-current', 'step'); else li.removeAttribute('aria-current');
        });
      }
      position.textContent = say('diagram:walk-position', { n: state.step + 1, count: steps.length });
      prev.disabled = state.step === 0;
      next.disabled = state.step === steps.length - 1;

      // the step's text and evidence
      var s = steps[state.step];
      current.textContent = '';
      var at = document.createElement('strong');
      at.textContent = s.place;
      current.append(at, ': ' + s.text);
      var links = s.evidence.concat.apply(s.evidence, s.trace.map(function (t) { return t.evidence; }));
      if (links.length) {
        var ev = document.createElement('span');
        ev.className = 'evidence';
        var seen = {};
        links.forEach(function (l) {
          if (seen[l.label]) return;
          seen[l.label] = true;
          if (ev.childNodes.length) ev.append(', ');
          var a = document.createElement('a');
          a.href = '#' + l.anchor;
          a.textContent = l.label;
          if (l.anchors.length > 1) a.dataset.lines = l.anchors.join(' ');
          ev.append(a);
        });
        current.append(' ', ev);
      }

      // the path, hop by hop, on every drawing
      document.querySelectorAll('.walk-lit').forEach(function (el) { el.classList.remove('walk-lit'); });
      panel.querySelectorAll('.drawing svg').forEach(function (svg) {
        svg.querySelectorAll('.walked, .current').forEach(function (el) { el.classList.remove('walked', 'current'); });
        svg.classList.add('walking');
        var previous = [];
        var here = [];
        for (var i = 0; i <= state.step; i++) {
          here = stepBoxes(svg, steps[i]);
          here.forEach(function (b) { b.classList.add('walked'); });
          svg.querySelectorAll('.wire').forEach(function (w) {
            var joins = function (a, b) { return a.some(function (x) { return x.id === w.dataset.source; }) && b.some(function (y) { return y.id === w.dataset.target; }); };
            if (joins(previous, here) || joins(here, previous)) w.classList.add('walked');
          });
          if (here.length) previous = here;
        }
        here.forEach(function (b) { b.classList.add('current'); });
        var z = zoomOf(svg);
        if (z && here[0] && pan !== false) z.show(here[0]);
      });
      words((s.lines || []).join(' ')).forEach(function (id) { var el = byId(id); if (el) el.classList.add('walk-lit'); });
    }

    function go(walk, step) {
      state.walk = walk;
      state.step = step;
      show();
    }
    prev.addEventListener('click', function () { go(state.walk, state.step - 1); });
    next.addEventListener('click', function () { go(state.walk, state.step + 1); });
    choose.addEventListener('change', function () { go(+choose.value, 0); });
    section.addEventListener('keydown', function (event) {
      if (event.target.tagName === 'SELECT') return;
      if (event.key === 'ArrowRight') { event.preventDefault(); go(state.walk, state.step + 1); }
      if (event.key === 'ArrowLeft') { event.preventDefault(); go(state.walk, state.step - 1); }
    });
    lists.forEach(function (list) {
      list.querySelectorAll(':scope > ol > li').forEach(function (li, i) {
        li.addEventListener('click', function (event) {
          if (event.target.closest('a')) return;
          var w = walks.findIndex(function (x) { return x.slug === list.dataset.walk; });
          if (w >= 0) go(w, i);
        });
      });
    });
    show(false);
    return { show: show, go: go, walks: walks, panel: panel };
  }

  // ---- capture notes -----------------------------------------------------

  var marked = [];
  function markLines(ids) {
    marked.forEach(function (el) { el.classList.remove('marked'); });
    marked = [];
    ids.forEach(function (id) {
      var el = byId(id);
      if (el) { el.classList.add('marked'); marked.push(el); }
    });
  }

  function setupNotes() {
    // a note's evidence, a verdict's or a step's: mark its lines (the link still goes to the first)
    document.addEventListener('click', function (event) {
      var a = event.target.closest && event.target.closest('a[href^="#"]');
      if (!a) return;
      var id = a.getAttribute('href').slice(1);
      if (a.classList.contains('name')) {
        var panel = document.querySelector('[data-topology-panel]');
        if (!panel) return;
        var unfolded = byId(a.dataset.node);
        var svg = visibleSvg(panel);
        var key = unfolded ? words(unfolded.dataset.key)[0] : null;
        var box = key ? boxesOf(svg, key)[0] : null;
        if (!box) return;
        event.preventDefault();
        box.scrollIntoView({ block: 'center', behavior: 'smooth' });
        box.focus({ preventScroll: true });
        return;
      }
      if (a.dataset.walk && a.dataset.step) {
        var walkPanel = document.querySelector('[data-topology-panel]');
        var player = walkPanel && walkPanel.player;
        if (!player) return;
        var w = player.walks.findIndex(function (x) { return x.slug === a.dataset.walk; });
        if (w < 0) return;
        event.preventDefault();
        player.go(w, +a.dataset.step - 1);
        walkPanel.querySelector('.walk-player').scrollIntoView({ block: 'center', behavior: 'smooth' });
        return;
      }
      if (id.indexOf('line-') !== 0) return;
      var ids = a.dataset.lines ? words(a.dataset.lines) : [id];
      var note = a.closest('li.note');
      if (note) ids = ids.concat(words(note.dataset.lines));
      markLines(ids);
    });
    // a note lights its lines while pointed at or focused
    document.querySelectorAll('.capture-notes li.note').forEach(function (li) {
      var on = function () { clearLit(); words(li.dataset.lines).forEach(function (id) { mark(byId(id), 'lit'); }); };
      li.addEventListener('mouseenter', on);
      li.addEventListener('focusin', on);
      li.addEventListener('mouseleave', clearLit);
      li.addEventListener('focusout', clearLit);
    });
    // a name lights its box and every other mention
    document.querySelectorAll('a.name[data-node]').forEach(function (a) {
      var on = function () {
        clearLit();
        document.querySelectorAll('a.name[data-node="' + cssEscape(a.dataset.node) + '"]').forEach(function (o) { mark(o, 'hl'); });
        var panel = document.querySelector('[data-topology-panel]');
        var unfolded = byId(a.dataset.node);
        if (!panel || !unfolded) return;
        var svg = visibleSvg(panel);
        boxesOf(svg, words(unfolded.dataset.key)[0]).forEach(function (b) { mark(b, 'hl'); });
      };
      a.addEventListener('mouseenter', on);
      a.addEventListener('focus', on);
      a.addEventListener('mouseleave', clearLit);
      a.addEventListener('blur', clearLit);
    });
  }

  function start() {
    if (typeof d3 !== 'undefined') document.querySelectorAll('[data-topology-panel]').forEach(setupPanel);
    setupNotes();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
