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
    if (dark) darken(spec, option);
    menu(spec, option, el);
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

  // darken puts the dark theme's colours (spec.dark_colors, one a series,
  // and spec.dark_line for the marked lines) in the option: the light ones
  // do not stand out enough from a dark background.
  function darken(spec, option) {
    (option.series || []).forEach(function (s, i) {
      var c = (spec.dark_colors || [])[i];
      if (c) {
        s.itemStyle = s.itemStyle || {};
        s.itemStyle.color = c;
      }
      if (s.markLine && s.markLine.lineStyle && spec.dark_line) s.markLine.lineStyle.color = spec.dark_line;
    });
  }

  // cssColour reads a colour variable of the page's theme.
  function cssColour(name, fallback) {
    var v = getComputedStyle(document.body).getPropertyValue(name).trim();
    return v || fallback;
  }

  // download saves href under a file name.
  function download(href, name) {
    var a = document.createElement("a");
    a.href = href;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
  }

  // svgOf draws the option again with ECharts' SVG renderer, off screen,
  // for charts the server does not draw.
  function svgOf(option, el) {
    var copy = Object.assign({}, option, { toolbox: { show: false }, tooltip: { show: false }, animation: false });
    copy.backgroundColor = cssColour("--bg", "#ffffff");
    var c = window.echarts.init(null, dark ? "dark" : null, { renderer: "svg", ssr: true,
      width: el.clientWidth || 640, height: el.clientHeight || 360 });
    c.setOption(copy);
    var out = c.renderToSVGString();
    c.dispose();
    return out;
  }

  // menu gives each chart its own menu: PNG (ECharts' saveAsImage, on the
  // theme's background) and SVG (the server's picture where there is one,
  // else drawn here).
  function menu(spec, option, el) {
    var name = spec.name || spec.id;
    option.toolbox = { show: true, right: 4, top: 0, itemSize: 14, feature: {
      saveAsImage: { title: "PNG", name: name, pixelRatio: 2, backgroundColor: cssColour("--bg", "#ffffff") },
      mySVG: { title: "SVG", icon: "path://M3,3 L21,3 L21,21 L3,21 Z M6,17 C9,5 15,19 18,7", onclick: function () {
        if (spec.svg) {
          download(spec.svg + (dark ? "?theme=dark" : ""), name + ".svg");
          return;
        }
        var blob = new Blob([svgOf(option, el)], { type: "image/svg+xml" });
        var url = URL.createObjectURL(blob);
        download(url, name + ".svg");
        window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
      } } } };
    if (option.legend && !Array.isArray(option.legend)) option.legend.right = 70;
    if (Array.isArray(option.legend) && option.legend[0]) option.legend[0].right = 70;
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
