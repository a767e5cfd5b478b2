// Runs inside the pack's JupyterLab (added with page.addInitScript). Plain ES2017 JavaScript
// for the same reason as in-page.js: functions handed to page.evaluate() from TypeScript carry
// their compiler's helpers, which the page does not have. Everything the JupyterLab browser
// test reads from the page goes through `window.__descentLab`; it returns the same shapes as
// in-page.js (Notebook 6), so both front ends are judged by one set of checks.
//
// What is read from the DOM (what the student sees): the kernel name in the toolbar, the
// execution indicator, each output element with the MIME type JupyterLab chose to render, its
// images and plotly SVG, the rendered markdown and its typeset math. What is read from the
// application (`window.jupyterapp`, as JupyterLab's own UI tests do): each cell's
// execute_reply status, the kernel's deaths and the save signal, which the DOM does not show.
"use strict";
(function () {
  var PLOTLY_JSON = "application/vnd.plotly.v1+json";
  var state = {
    wanted: null, // path of the notebook the test opened (relative to the server root)
    panel: null,
    kernel: null,
    info: null,
    requests: [], // { id, code } in the order the page sent them
    replies: {}, // parent msg_id -> status
    kernelDead: false,
    kernelEvents: [],
    saved: 0,
    pageErrors: [],
  };
  window.addEventListener("error", function (e) {
    state.pageErrors.push(String((e && e.message) || e));
  });

  function app() {
    return window.jupyterapp || null;
  }

  function isNotebookPanel(w) {
    return !!(w && w.content && w.sessionContext && w.context && w.content.widgets);
  }

  /** The notebook panel of the notebook the test opened (or the current one if none named). */
  function panel() {
    var lab = app();
    if (!lab || !lab.shell) return null;
    var found = null;
    var it = lab.shell.widgets("main");
    for (var w = it.next(); w && !w.done; w = it.next()) {
      var widget = w.value !== undefined ? w.value : w;
      if (isNotebookPanel(widget) && !widget.isDisposed && (state.wanted === null || widget.context.path === state.wanted)) found = widget;
    }
    if (found === null && state.wanted === null && isNotebookPanel(lab.shell.currentWidget)) found = lab.shell.currentWidget;
    return found;
  }

  function sourceOf(cell) {
    return cell.model.sharedModel.getSource();
  }

  function text(value) {
    if (Array.isArray(value)) return value.join("");
    return typeof value === "string" ? value : "";
  }

  function hasPlotly(out) {
    var data = out.data || {};
    if (data[PLOTLY_JSON] !== undefined) return true;
    var html = text(data["text/html"]);
    return /plotly/i.test(html);
  }

  function shortSrc(src) {
    if (src.indexOf("data:") === 0) return src.slice(0, 60);
    // JupyterLab adds its own query (an xsrf token and a cache buster): the path names the file.
    var bare = src.split("?")[0];
    return bare.length <= 60 ? bare : "…" + bare.slice(-59);
  }

  function imagesIn(el) {
    var list = [];
    if (!el) return list;
    var imgs = el.querySelectorAll("img");
    for (var i = 0; i < imgs.length; i++) {
      var img = imgs[i];
      var box = img.getBoundingClientRect();
      list.push({
        complete: img.complete,
        naturalWidth: img.naturalWidth,
        naturalHeight: img.naturalHeight,
        shownWidth: Math.round(box.width),
        shownHeight: Math.round(box.height),
        // JupyterLab rewrites a markdown image's src to a full URL: its end names the file.
        src: shortSrc(String(img.getAttribute("src") || "")),
      });
    }
    return list;
  }

  /** A plotly chart is drawn when its SVG has a size and at least one trace inside. */
  function plotlyIn(el) {
    if (!el) return { present: false, drawn: false };
    var plot = el.querySelector(".js-plotly-plot");
    if (!plot) return { present: false, drawn: false };
    var svg = plot.querySelector(".main-svg");
    var box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    // 2-D traces live in .scatterlayer/.contourlayer/..., 3-D ones in a WebGL canvas (gl-container).
    var traces = plot.querySelectorAll(".trace, .gl-container canvas").length;
    return { present: true, drawn: !!svg && box.width > 0 && box.height > 0 && traces > 0 };
  }

  /** Whether the page shows the output's current PNG (null when it shows no PNG image). */
  function pngIsLatest(el, data) {
    var png = text(data["image/png"]).replace(/\s/g, "");
    if (!el || png === "") return null;
    var imgs = el.querySelectorAll("img");
    for (var i = 0; i < imgs.length; i++) {
      var src = String(imgs[i].getAttribute("src") || "");
      if (src.indexOf("data:image/png;base64,") === 0) return src.slice(22) === png;
    }
    return null;
  }

  function kernelOf(p) {
    return p && p.sessionContext.session ? p.sessionContext.session.kernel : null;
  }

  function hook(p) {
    var kernel = kernelOf(p);
    if (!kernel || state.kernel === kernel) return;
    state.kernel = kernel;
    state.info = null;
    kernel.info.then(function (info) {
      if (state.kernel === kernel) state.info = info;
    });
    kernel.anyMessage.connect(function (_, args) {
      var msg = args.msg;
      var type = msg.header && msg.header.msg_type;
      if (args.direction === "send" && type === "execute_request") {
        state.requests.push({ id: msg.header.msg_id, code: msg.content.code });
      } else if (args.direction === "recv" && type === "execute_reply") {
        var parent = msg.parent_header && msg.parent_header.msg_id;
        if (parent) state.replies[parent] = msg.content.status;
      }
    });
  }

  function hookPanel(p) {
    if (state.panel === p) return;
    // A new notebook in the same page: nothing recorded for the previous one counts.
    state.panel = p;
    state.kernel = null;
    state.info = null;
    state.requests = [];
    state.replies = {};
    state.kernelDead = false;
    state.kernelEvents = [];
    state.saved = 0;
    p.sessionContext.statusChanged.connect(function (_, status) {
      if (status === "dead" || status === "restarting" || status === "autorestarting") {
        state.kernelDead = true;
        state.kernelEvents.push(status);
      }
    });
    p.sessionContext.kernelChanged.connect(function () {
      hook(p);
    });
    p.context.saveState.connect(function (_, s) {
      if (s === "completed") state.saved += 1;
    });
    hook(p);
  }

  function codeCells(p) {
    var list = [];
    var cells = p.content.widgets;
    for (var i = 0; i < cells.length; i++) {
      if (cells[i].model.type === "code" && sourceOf(cells[i]).trim() !== "") list.push(i);
    }
    return list;
  }

  /**
   * The execute_reply status of each non-empty code cell (index -> status or null): JupyterLab
   * sends no request for an empty cell, so the requests pair with the non-empty cells in
   * order; the code is compared too, so a cell run twice or out of order cannot be mistaken.
   */
  function replyByCell(p) {
    var result = {};
    var cells = p.content.widgets;
    var next = 0;
    var list = codeCells(p);
    for (var k = 0; k < list.length; k++) {
      var i = list[k];
      var src = sourceOf(cells[i]);
      var status = null;
      for (var r = next; r < state.requests.length; r++) {
        if (state.requests[r].code === src) {
          status = state.replies[state.requests[r].id] || null;
          next = r + 1;
          break;
        }
      }
      result[i] = status;
    }
    return result;
  }

  function toolbarKernelName(p) {
    var el = p.node.querySelector(".jp-Toolbar-kernelName");
    return el ? el.textContent.trim() : null;
  }

  function indicatorStatus(p) {
    var el = p.node.querySelector(".jp-Notebook-ExecutionIndicator");
    return el ? el.getAttribute("data-status") : null;
  }

  window.__descentLab = {
    /** The application has started and restored its layout. */
    appReady: function () {
      return document.body.dataset.descentLab === "ready";
    },

    /** From now on, the notebook at `path` is the one the test reads (it is about to be opened). */
    expect: function (path) {
      state.wanted = path;
      state.panel = null;
    },

    /** The expected notebook is open and its file loaded. */
    loaded: function () {
      var p = panel();
      return document.body.dataset.descentLab === "ready" && p !== null && p.context.isReady;
    },

    /**
     * Closes every notebook tab without asking (the run pass has saved, the view pass changed
     * nothing; a lesson that failed half-way is not saved on purpose). Kernels are shut down
     * by the test through the server's REST API.
     */
    closeNotebooks: function () {
      var lab = app();
      if (!lab) return 0;
      var list = [];
      var it = lab.shell.widgets("main");
      for (var w = it.next(); w && !w.done; w = it.next()) {
        var widget = w.value !== undefined ? w.value : w;
        if (isNotebookPanel(widget)) list.push(widget);
      }
      for (var i = 0; i < list.length; i++) {
        if (list[i].context.model) list[i].context.model.dirty = false;
        list[i].dispose();
      }
      state.wanted = null;
      state.panel = null;
      return list.length;
    },

    /** The notebook's kernel is connected, idle and has answered kernel_info. */
    kernelReady: function () {
      var p = panel();
      if (!p) return false;
      hookPanel(p);
      hook(p);
      var k = kernelOf(p);
      return !!(k && k.connectionStatus === "connected" && k.status === "idle" && state.info && state.kernel === k &&
        indicatorStatus(p) === "idle");
    },

    /** What the page says about the kernel and the notebook. */
    kernelInfo: function () {
      var p = panel();
      var k = kernelOf(p);
      var dialog = document.querySelector(".jp-Dialog .jp-Dialog-header");
      var spec = p && p.model && p.model.getMetadata ? p.model.getMetadata("kernelspec") : null;
      return {
        kernelName: k ? k.name : null,
        shownName: p ? toolbarKernelName(p) : null,
        metadataName: spec && spec.name ? spec.name : null,
        trusted: null,
        dialog: dialog ? dialog.textContent.trim() : null,
        language: state.info && state.info.language_info ? state.info.language_info.name : null,
      };
    },

    /** Start recording replies (the hooks are set when the kernel is first seen). */
    install: function () {
      var p = panel();
      if (p) hookPanel(p);
    },

    savedCount: function () {
      return state.saved;
    },

    /** Progress of Run All: which non-empty code cells have no reply yet, and which show [*]. */
    progress: function () {
      var p = panel();
      var replies = replyByCell(p);
      var waiting = [];
      var running = [];
      var cells = p.content.widgets;
      for (var key in replies) {
        var i = Number(key);
        if (replies[key] === null) waiting.push(i);
        if (cells[i].model.executionState === "running") running.push(i);
      }
      waiting.sort(function (a, b) { return a - b; });
      var k = kernelOf(p);
      return {
        waiting: waiting,
        running: running,
        idle: !!k && k.status === "idle" && indicatorStatus(p) === "idle",
        kernelDead: state.kernelDead,
        kernelEvents: state.kernelEvents.slice(),
      };
    },

    /** Number of typeset formulas, to wait until MathJax stops changing the page. */
    mathCount: function () {
      return document.querySelectorAll(".jp-Notebook mjx-container").length;
    },

    /** Every plotly output has drawn (or none exist). */
    plotlyOutputsDrawn: function () {
      var report = window.__descentLab.collect();
      for (var i = 0; i < report.cells.length; i++) {
        var outs = report.cells[i].outputs;
        for (var j = 0; j < outs.length; j++) {
          if (outs[j].plotlyData && outs[j].trusted && !outs[j].plotly.drawn) return false;
        }
      }
      return true;
    },

    /** Every <img> in the notebook finished loading (successfully or not). */
    imagesSettled: function () {
      var imgs = document.querySelectorAll(".jp-Notebook img");
      for (var i = 0; i < imgs.length; i++) if (!imgs[i].complete) return false;
      return true;
    },

    /** Everything the checks need, per cell and per output. */
    collect: function () {
      var p = panel();
      var cells = p.content.widgets;
      var replies = replyByCell(p);
      var result = [];
      var allTrusted = true;
      for (var i = 0; i < cells.length; i++) {
        var c = cells[i];
        var type = c.model.type;
        var entry = {
          index: i,
          type: type,
          source: sourceOf(c),
          prompt: type === "code" ? c.model.executionCount : null,
          reply: replies[i] === undefined ? null : replies[i],
          outputs: [],
          outputsAligned: true,
          rendered: null,
          renderedText: null,
          mathErrors: [],
          images: [],
          mathMissing: false,
        };
        if (type === "code") {
          var model = c.model.outputs;
          var children = c.outputArea ? c.outputArea.node.querySelectorAll(":scope > .jp-OutputArea-child") : [];
          entry.outputsAligned = children.length === model.length;
          for (var j = 0; j < model.length; j++) {
            var out = model.get(j).toJSON();
            var el = entry.outputsAligned ? children[j] : c.outputArea ? c.outputArea.node : null;
            var shown = el ? el.querySelector(".jp-OutputArea-output") : null;
            var data = out.data || {};
            var trusted = model.get(j).trusted;
            if (!trusted) allTrusted = false;
            entry.outputs.push({
              outputType: out.output_type,
              name: out.name || null,
              text: out.output_type === "stream" ? text(out.text).slice(0, 4000) : null,
              ename: out.ename || null,
              evalue: out.evalue || null,
              traceback: out.traceback ? out.traceback.join("\n").slice(0, 4000) : null,
              mimes: Object.keys(data),
              shownMime: shown ? shown.getAttribute("data-mime-type") : null,
              hasPng: data["image/png"] !== undefined,
              hasSvg: data["image/svg+xml"] !== undefined,
              plotlyData: hasPlotly(out),
              images: imagesIn(el),
              plotly: plotlyIn(el),
              errorShown: out.output_type === "error",
              trusted: trusted,
              textShown: el ? el.textContent.trim().slice(0, 300) : "",
              // A live display is replaced in place (update_display_data): the picture on the
              // page must be the model's last frame, not an earlier one left behind.
              pngIsLatest: shown && shown.getAttribute("data-mime-type") === "image/png" ? pngIsLatest(el, data) : null,
              liveText: /^\[[#.]+\] \d+\/\d+/.test(text(data["text/plain"])) ? text(data["text/plain"]).slice(0, 200) : null,
              shownHeight: el ? Math.round(el.getBoundingClientRect().height) : 0,
            });
          }
        } else if (type === "markdown") {
          var render = c.node.querySelector(".jp-MarkdownOutput");
          entry.rendered = !!c.rendered && !!render;
          entry.renderedText = render ? render.textContent.trim().slice(0, 200) : "";
          var errs = render ? render.querySelectorAll("mjx-merror, .MathJax_Error, .merror") : [];
          for (var k = 0; k < errs.length; k++) {
            entry.mathErrors.push((errs[k].getAttribute("data-mjx-error") || errs[k].textContent).trim().slice(0, 120));
          }
          // Inline or display TeX in the source (a $ pair around a backslash, ^ or _) must come
          // out typeset; raw dollars left in the page mean MathJax never ran on it.
          var src = entry.source;
          var hasTex = /\$\$[\s\S]+?\$\$|\$[^$\n]*[\\^_][^$\n]*\$/.test(src);
          entry.mathMissing = hasTex && (!render || render.querySelectorAll("mjx-container").length === 0);
          entry.images = imagesIn(render);
        }
        result.push(entry);
      }
      return { cells: result, trusted: allTrusted, pageErrors: state.pageErrors.slice() };
    },

    /** The scrolling element of the notebook, for tiled screenshots. */
    scroller: function () {
      var p = panel();
      if (!p) return null;
      var outer = p.content.node.classList.contains("jp-WindowedPanel-outer") ? p.content.node : p.content.node.querySelector(".jp-WindowedPanel-outer");
      return outer || p.content.node;
    },

    /** Height of the notebook's content and of its visible window, in CSS px. */
    scrollSize: function () {
      var el = window.__descentLab.scroller();
      return el ? { total: el.scrollHeight, visible: el.clientHeight } : { total: 0, visible: 0 };
    },

    scrollTo: function (y) {
      var el = window.__descentLab.scroller();
      if (el) el.scrollTop = y;
      return el ? el.scrollTop : 0;
    },
  };
})();
