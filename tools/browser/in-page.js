// Runs inside the Notebook 6 page (added with page.addInitScript). Plain ES2017 JavaScript
// on purpose: functions handed to page.evaluate() from TypeScript are serialised with their
// compiler's helpers (tsx adds `__name`), which the page does not have. Everything the
// browser test reads from the page goes through `window.__descent`.
"use strict";
(function () {
  var PLOTLY_JSON = "application/vnd.plotly.v1+json";
  var state = {
    kernelDead: false,
    kernelEvents: [],
    saved: 0,
    pageErrors: [],
    hooked: false,
  };
  window.addEventListener("error", function (e) {
    state.pageErrors.push(String((e && e.message) || e));
  });

  function jupyter() {
    return window.Jupyter && window.Jupyter.notebook ? window.Jupyter : null;
  }

  function sourceOf(cell) {
    return cell.get_text();
  }

  function hasPlotly(out) {
    var data = out.data || {};
    if (data[PLOTLY_JSON] !== undefined) return true;
    var html = data["text/html"];
    if (Array.isArray(html)) html = html.join("");
    return typeof html === "string" && /plotly/i.test(html);
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
        src: String(img.getAttribute("src") || "").slice(0, 60),
      });
    }
    return list;
  }

  function plotlyIn(el) {
    if (!el) return { present: false, drawn: false };
    var plot = el.querySelector(".js-plotly-plot");
    if (!plot) return { present: false, drawn: false };
    var svg = plot.querySelector(".main-svg");
    var box = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
    return { present: true, drawn: !!svg && box.width > 0 && box.height > 0 };
  }

  function text(value) {
    if (Array.isArray(value)) return value.join("");
    return typeof value === "string" ? value : "";
  }

  window.__descent = {
    /** The notebook is loaded and its kernel has answered kernel_info. */
    kernelReady: function () {
      var J = jupyter();
      if (!J || !J.notebook._fully_loaded) return false;
      var k = J.notebook.kernel;
      return !!(k && k.is_connected() && k.info_reply && Object.keys(k.info_reply).length > 0);
    },

    loaded: function () {
      var J = jupyter();
      return !!(J && J.notebook._fully_loaded);
    },

    /** What the page says about the kernel and the notebook. */
    kernelInfo: function () {
      var J = jupyter();
      var nb = J.notebook;
      var indicator = document.querySelector(".kernel_indicator_name");
      var modal = document.querySelector(".modal.in .modal-title");
      return {
        kernelName: nb.kernel ? nb.kernel.name : null,
        shownName: indicator ? indicator.textContent.trim() : null,
        metadataName: nb.metadata && nb.metadata.kernelspec ? nb.metadata.kernelspec.name : null,
        trusted: nb.trusted,
        dialog: modal ? modal.textContent.trim() : null,
        language: nb.kernel && nb.kernel.info_reply && nb.kernel.info_reply.language_info
          ? nb.kernel.info_reply.language_info.name : null,
      };
    },

    /** Record each code cell's execute_reply status and the kernel's deaths. */
    install: function () {
      var J = jupyter();
      if (state.hooked) return;
      state.hooked = true;
      J.notebook.events.on("kernel_dead.Kernel kernel_restarting.Kernel kernel_autorestarting.Kernel", function (e) {
        state.kernelDead = true;
        state.kernelEvents.push(e.type + "." + e.namespace);
      });
      J.notebook.events.on("notebook_saved.Notebook", function () {
        state.saved += 1;
      });
      var cells = J.notebook.get_cells();
      for (var i = 0; i < cells.length; i++) {
        if (cells[i].cell_type !== "code") continue;
        var proto = Object.getPrototypeOf(cells[i]);
        if (proto.__descentHooked) break;
        var original = proto._handle_execute_reply;
        proto._handle_execute_reply = function (msg) {
          this.__descentReply = msg && msg.content ? msg.content.status : "unknown";
          return original.apply(this, arguments);
        };
        proto.__descentHooked = true;
        break;
      }
    },

    savedCount: function () {
      return state.saved;
    },

    /** Progress of Run All: which non-empty code cells have no reply yet, and which are running. */
    progress: function () {
      var J = jupyter();
      var cells = J.notebook.get_cells();
      var waiting = [];
      var running = [];
      for (var i = 0; i < cells.length; i++) {
        var c = cells[i];
        if (c.cell_type !== "code" || sourceOf(c).trim() === "") continue;
        if (c.__descentReply === undefined) waiting.push(i);
        if (c.input_prompt_number === "*") running.push(i);
      }
      var icon = document.querySelector("#kernel_indicator_icon");
      return {
        waiting: waiting,
        running: running,
        idle: !!icon && icon.classList.contains("kernel_idle_icon"),
        kernelDead: state.kernelDead,
        kernelEvents: state.kernelEvents.slice(),
      };
    },

    /** Every MathJax typesetting job queued so far has finished. */
    mathjaxSettled: function () {
      return new Promise(function (resolve) {
        var MJ = window.MathJax;
        if (!MJ || !MJ.Hub || !MJ.Hub.Queue) return resolve(true);
        MJ.Hub.Queue(function () { resolve(true); });
      });
    },

    /** Every plotly output has drawn (or none exist). */
    plotlyOutputsDrawn: function () {
      var report = window.__descent.collect();
      for (var i = 0; i < report.cells.length; i++) {
        var outs = report.cells[i].outputs;
        for (var j = 0; j < outs.length; j++) {
          if (outs[j].plotlyData && !outs[j].plotly.drawn) return false;
        }
      }
      return true;
    },

    /** Every <img> in the notebook finished loading (successfully or not). */
    imagesSettled: function () {
      var imgs = document.querySelectorAll("#notebook img");
      for (var i = 0; i < imgs.length; i++) if (!imgs[i].complete) return false;
      return true;
    },

    /** Everything the checks need, per cell and per output. */
    collect: function () {
      var J = jupyter();
      var cells = J.notebook.get_cells();
      var result = [];
      for (var i = 0; i < cells.length; i++) {
        var c = cells[i];
        var entry = {
          index: i,
          type: c.cell_type,
          source: sourceOf(c),
          prompt: c.cell_type === "code" ? (c.input_prompt_number === undefined ? null : c.input_prompt_number) : null,
          reply: c.__descentReply === undefined ? null : c.__descentReply,
          outputs: [],
          outputsAligned: true,
          rendered: null,
          renderedText: null,
          mathErrors: [],
          images: [],
        };
        if (c.cell_type === "code") {
          var area = c.output_area;
          var children = area.element.children(".output_area").toArray();
          entry.outputsAligned = children.length === area.outputs.length;
          for (var j = 0; j < area.outputs.length; j++) {
            var out = area.outputs[j];
            var el = entry.outputsAligned ? children[j] : area.element[0];
            var data = out.data || {};
            entry.outputs.push({
              outputType: out.output_type,
              name: out.name || null,
              text: out.output_type === "stream" ? text(out.text).slice(0, 4000) : null,
              ename: out.ename || null,
              evalue: out.evalue || null,
              traceback: out.traceback ? out.traceback.join("\n").slice(0, 4000) : null,
              mimes: Object.keys(data),
              hasPng: data["image/png"] !== undefined,
              hasSvg: data["image/svg+xml"] !== undefined,
              plotlyData: hasPlotly(out),
              images: imagesIn(el),
              plotly: plotlyIn(el),
              errorShown: !!(el && (el.classList.contains("output_error") || el.querySelector(".output_error"))),
              trusted: area.trusted,
            });
          }
        } else if (c.cell_type === "markdown") {
          var render = c.element[0].querySelector(".text_cell_render");
          entry.rendered = !!c.rendered;
          entry.renderedText = render ? render.textContent.trim().slice(0, 200) : "";
          var errs = render ? render.querySelectorAll(".MathJax_Error, .merror, mjx-merror, .noError") : [];
          for (var k = 0; k < errs.length; k++) entry.mathErrors.push(errs[k].textContent.trim().slice(0, 120));
          entry.images = imagesIn(render);
        }
        result.push(entry);
      }
      return { cells: result, trusted: J.notebook.trusted, pageErrors: state.pageErrors.slice() };
    },

    /** Let the page grow to its content so a full-page screenshot shows the whole notebook. */
    unclip: function () {
      var style = document.createElement("style");
      style.textContent =
        "html, body { overflow: visible !important; height: auto !important; }" +
        "#site { height: auto !important; overflow: visible !important; }";
      document.head.appendChild(style);
    },
  };
})();
