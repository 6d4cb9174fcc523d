// app.js draws the charts of a page from the JSON blocks the server wrote
// with html/template (<script type="application/json" class="chart-data">),
// and, inside an embed, reports the page height to the parent window.
// No inline scripts: the Content-Security-Policy forbids them.
(function () {
  "use strict";
  var embedded = document.body.classList.contains("embed");
  var theme = document.documentElement.getAttribute("data-theme");
  var dark = theme === "dark" || theme === "auto" && window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches;

  function open(link) {
    if (!link) return;
    if (embedded) {
      window.open(link, "_blank", "noopener");
    } else {
      window.location.href = link;
    }
  }

  function tooltip(kind) {
    return function (p) {
      var div = document.createElement("div");
      var head = document.createElement("strong");
      head.textContent = kind === "speakers" ? p.name : p.seriesName;
      div.appendChild(head);
      div.appendChild(document.createElement("br"));
      var body = document.createElement("span");
      body.textContent = kind === "speakers" ? p.value + " quotes" : p.name;
      body.style.whiteSpace = "normal";
      div.appendChild(body);
      div.style.maxWidth = "320px";
      return div;
    };
  }

  function draw(block) {
    var spec;
    try {
      spec = JSON.parse(block.textContent);
    } catch (e) {
      return;
    }
    var el = document.getElementById(spec.id);
    if (!el) return;
    if (spec.empty) {
      el.classList.add("chart-empty");
      el.textContent = "Nothing to chart yet.";
      return;
    }
    if (!window.echarts) {
      el.classList.add("chart-empty");
      el.textContent = "Charts unavailable: run make assets (npm ci, then go generate ./views) and rebuild.";
      return;
    }
    var option = spec.option;
    option.backgroundColor = "transparent";
    option.tooltip = option.tooltip || {};
    option.tooltip.formatter = tooltip(spec.kind);
    option.tooltip.confine = true;
    if (option.series) {
      option.series.forEach(function (s) {
        if (s.markLine) s.markLine.tooltip = { show: false };
      });
    }
    var chart = window.echarts.init(el, dark ? "dark" : null, { renderer: "canvas" });
    chart.setOption(option);
    chart.on("click", function (p) {
      var links = spec.links || [];
      var row = links[p.seriesIndex] || [];
      open(row[p.dataIndex]);
    });
    el.setAttribute("data-drawn", "true");
    if (window.ResizeObserver) {
      new ResizeObserver(function () { chart.resize(); }).observe(el);
    } else {
      window.addEventListener("resize", function () { chart.resize(); });
    }
  }

  // countdowns keeps the deadline countdowns ("in 2 days", "due today")
  // true while the page stays open: each names its due day (and the end
  // of a due range) in data attributes; the server wrote the first text.
  function countdowns() {
    var els = document.querySelectorAll(".countdown[data-due]");
    if (!els.length) return;
    function day(s) {
      var m = /^(\d{4})-(\d{2})(?:-(\d{2}))?/.exec(s || "");
      return m ? Date.UTC(+m[1], +m[2] - 1, m[3] ? +m[3] : 1) : NaN;
    }
    function tick() {
      var now = new Date();
      var today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
      els.forEach(function (el) {
        var from = day(el.getAttribute("data-due"));
        var to = day(el.getAttribute("data-due-end"));
        if (isNaN(from)) return;
        if (isNaN(to) || to < from) to = from;
        var d = Math.round((from - today) / 86400000);
        var text;
        if (d > 0) {
          var h = Math.floor((from - now.getTime()) / 3600000);
          text = d === 1 ? (h < 24 && h > 0 ? "in " + h + " hours" : "in 1 day") : "in " + d + " days";
        } else if (today <= to) {
          text = "due today";
        } else {
          var p = Math.round((today - to) / 86400000);
          text = p === 1 ? "passed 1 day ago" : "passed " + p + " days ago";
          el.classList.add("passed");
        }
        el.textContent = text;
      });
    }
    tick();
    window.setInterval(tick, 60000);
  }

  function reportHeight() {
    if (!embedded || window.parent === window) return;
    var h = Math.ceil(document.documentElement.getBoundingClientRect().height);
    window.parent.postMessage({ type: "dateline:height", height: h, href: location.pathname }, "*");
  }

  function copyButtons() {
    document.querySelectorAll("[data-copy]").forEach(function (btn) {
      btn.addEventListener("click", function () {
        var src = document.getElementById(btn.getAttribute("data-copy"));
        if (!src) return;
        src.select();
        if (navigator.clipboard) {
          navigator.clipboard.writeText(src.value).then(function () { btn.textContent = "Copied"; });
        } else {
          document.execCommand("copy");
          btn.textContent = "Copied";
        }
      });
    });
  }

  function confirmForms() {
    document.querySelectorAll("form[data-confirm]").forEach(function (f) {
      f.addEventListener("submit", function (e) {
        if (!window.confirm(f.getAttribute("data-confirm"))) e.preventDefault();
      });
    });
  }

  document.querySelectorAll("script.chart-data").forEach(draw);
  countdowns();
  copyButtons();
  confirmForms();
  if (embedded) {
    reportHeight();
    window.addEventListener("load", reportHeight);
    if (window.ResizeObserver) {
      new ResizeObserver(reportHeight).observe(document.body);
    } else {
      window.addEventListener("resize", reportHeight);
    }
  }
})();
