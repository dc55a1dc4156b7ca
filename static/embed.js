/*! SLA calculator embed loader, message protocol "sla-embed" version 1. No dependencies.
 * <div data-sla-embed data-terms-url="/sla-terms.json" data-locked="true"></div>
 * <script src="https://calculator.example/embed.js" async></script>
 * Every data- attribute is described in docs/embed.md. */
(function () {
  "use strict";
  var PROTOCOL = "sla-embed", VERSION = 1;
  var THEME = ["bg", "fg", "muted", "accent", "accent-fg", "border", "panel", "error", "ok", "focus", "radius", "font"];
  var script = document.currentScript;
  var base = script && script.src ? script.src : location.href;

  function attr(el, name) {
    var v = el.getAttribute("data-" + name);
    return v === null ? null : v.trim();
  }

  function post(frame, origin, message) {
    message.protocol = PROTOCOL;
    message.version = VERSION;
    if (frame.contentWindow) frame.contentWindow.postMessage(message, origin);
  }

  function terms(el) {
    var inline = attr(el, "terms");
    if (inline) {
      return new Promise(function (ok) {
        var holder = document.getElementById(inline);
        if (!holder) throw new Error("data-terms: no element with id " + inline);
        ok(JSON.parse(holder.textContent));
      });
    }
    var url = attr(el, "terms-url");
    if (!url) return Promise.resolve(null);
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(url + " answered " + r.status);
      return r.json();
    });
  }

  function mount(el) {
    if (el.slaEmbedFrame) return el.slaEmbedFrame;
    var src = new URL(attr(el, "sla-embed") || "embed.html", base);
    // Only the calculator beside this loader: markup that only sets data-
    // attributes must not point the frame (and the terms) anywhere else.
    if ((src.protocol !== "https:" && src.protocol !== "http:") || src.origin !== new URL(base).origin) {
      el.dispatchEvent(new CustomEvent("sla-embed:error", { detail: { message: "data-sla-embed must be a page beside embed.js: " + src.origin } }));
      return null;
    }
    var origin = src.origin;
    var params = ["origin=" + encodeURIComponent(location.origin)];
    var locked = attr(el, "locked");
    if (locked !== null && locked !== "false") params.push("locked=1");
    if (attr(el, "results") === "true") params.push("results=1");
    ["month", "charge", "scheme"].forEach(function (k) {
      var v = attr(el, k);
      if (v) params.push(k + "=" + encodeURIComponent(v));
    });
    THEME.forEach(function (k) {
      var v = attr(el, "theme-" + k), d = attr(el, "theme-dark-" + k);
      if (v) params.push("theme." + k + "=" + encodeURIComponent(v));
      if (d) params.push("theme.dark." + k + "=" + encodeURIComponent(d));
    });
    src.hash = params.join("&");

    var frame = document.createElement("iframe");
    frame.src = src.href;
    frame.title = attr(el, "title") || "Service credit calculator";
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms");
    frame.setAttribute("referrerpolicy", "origin");
    frame.style.cssText = "display:block;width:100%;border:0;height:" + (parseInt(attr(el, "height"), 10) || 600) + "px";
    el.slaEmbedFrame = frame;
    var ready = false, queued = [];
    frame.slaEmbedSend = function (message) {
      if (ready) post(frame, origin, message);
      else queued.push(message);
    };

    var pending = terms(el).catch(function (e) {
      el.dispatchEvent(new CustomEvent("sla-embed:error", { detail: { message: String(e && e.message || e) } }));
      return null;
    });
    window.addEventListener("message", function (event) {
      if (event.source !== frame.contentWindow || event.origin !== origin) return;
      var data = event.data;
      if (!data || data.protocol !== PROTOCOL || data.version !== VERSION) return;
      if (data.type === "ready") {
        pending.then(function (agreement) {
          if (agreement) post(frame, origin, { type: "agreement", agreement: agreement, locked: locked !== null && locked !== "false" });
          ready = true;
          queued.splice(0).forEach(function (m) { post(frame, origin, m); });
        });
      } else if (data.type === "resize" && typeof data.height === "number" && isFinite(data.height)) {
        frame.style.height = Math.max(100, Math.min(20000, Math.ceil(data.height))) + "px";
      } else if (data.type === "results") {
        el.dispatchEvent(new CustomEvent("sla-embed:results", { detail: data }));
      }
    });
    el.appendChild(frame);
    return frame;
  }

  function mountAll() {
    var all = document.querySelectorAll("[data-sla-embed]");
    for (var i = 0; i < all.length; i++) mount(all[i]);
  }

  window.SlaEmbed = {
    mount: mount,
    /** Sends a protocol message (type "agreement" or "theme") to a calculator, once it is ready. */
    send: function (el, message) {
      var frame = mount(el);
      if (frame) frame.slaEmbedSend(message);
    },
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
