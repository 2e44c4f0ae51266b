// FastCI's few lines of JavaScript: live fragments and logs over SSE, and DAG hover. Every page
// is complete without it.
(function () {
  "use strict";

  // An element with data-live-src is re-rendered by the server; each event carries its new HTML.
  // What the user is typing in its forms (an approval's comment) survives the re-render.
  function live(el) {
    var source = new EventSource(el.getAttribute("data-live-src"));
    source.onmessage = function (e) {
      var typed = typedInputs(el);
      el.innerHTML = e.data;
      typed.forEach(function (t) { retype(el, t); });
    };
    source.addEventListener("end", function () { source.close(); });
  }

  function inputKey(input) {
    return (input.form ? input.form.getAttribute("action") : "") + " " + input.name;
  }

  function typedInputs(el) {
    var typed = [];
    el.querySelectorAll("input[type=text]").forEach(function (input) {
      var focused = input === document.activeElement;
      if (input.value || focused) {
        typed.push({ key: inputKey(input), value: input.value, focused: focused, caret: input.selectionStart });
      }
    });
    return typed;
  }

  function retype(el, typed) {
    el.querySelectorAll("input[type=text]").forEach(function (input) {
      if (inputKey(input) !== typed.key) { return; }
      input.value = typed.value;
      if (typed.focused) {
        input.focus();
        input.setSelectionRange(typed.caret, typed.caret);
      }
    });
  }

  // A log page (a job's, a service's) appends the lines the server sends, numbered, already escaped and coloured.
  function log(el) {
    var source = new EventSource(el.getAttribute("data-log-src"));
    var state = document.getElementById("log-state");
    source.addEventListener("lines", function (e) {
      var atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - 4;
      el.insertAdjacentHTML("beforeend", e.data);
      if (atBottom) { el.scrollTop = el.scrollHeight; }
    });
    source.addEventListener("status", function (e) {
      var badge = document.querySelector("[data-log-status]");
      if (badge) { badge.textContent = e.data; badge.className = "status " + e.data.toLowerCase(); }
    });
    source.addEventListener("end", function () {
      source.close();
      if (state) { state.textContent = state.getAttribute("data-ended-text") || "The job has ended."; }
    });
  }

  // Hovering a DAG node highlights it, its parents, its children and the edges between them.
  function hover(root) {
    root.addEventListener("mouseover", function (e) {
      var node = e.target.closest && e.target.closest(".node");
      var svg = node && node.closest("svg");
      if (!node || !svg) { return; }
      var name = node.getAttribute("data-job");
      var related = [name].concat((node.getAttribute("data-parents") || "").split(" "),
        (node.getAttribute("data-children") || "").split(" "));
      svg.classList.add("hovering");
      svg.querySelectorAll(".node").forEach(function (n) {
        n.classList.toggle("hl", related.indexOf(n.getAttribute("data-job")) >= 0);
      });
      svg.querySelectorAll(".edge").forEach(function (edge) {
        edge.classList.toggle("hl", edge.getAttribute("data-from") === name || edge.getAttribute("data-to") === name);
      });
    });
    root.addEventListener("mouseout", function (e) {
      var svg = e.target.closest && e.target.closest("svg");
      if (svg && !(e.relatedTarget && svg.contains(e.relatedTarget) && e.relatedTarget.closest(".node"))) {
        svg.classList.remove("hovering");
      }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!window.EventSource) { return; }
    document.querySelectorAll("[data-live-src]").forEach(live);
    document.querySelectorAll("[data-log-src]").forEach(log);
    hover(document.body);
  });
})();
