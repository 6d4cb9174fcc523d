// live.js keeps an open story page or embed up to date without a reload of
// its own: it polls the story's version stamp (the element carrying
// data-live-version names its address) and, once the timeline has changed
// since the page was opened, shows "N new events" with a Reload button in
// that element (pages), or reloads itself (embeds: data-live-mode="reload").
// The first answer, fetched as the page opens, is the baseline. It polls
// every 30 seconds while the page is visible, at once when it becomes
// visible again, and backs off to 5 minutes while the server fails.
(function () {
  "use strict";
  var el = document.querySelector("[data-live-version]");
  if (!el || !window.fetch) return;
  var url = el.getAttribute("data-live-version");
  var reloadSelf = el.getAttribute("data-live-mode") === "reload";
  var every = 30000, most = 300000, wait = every;
  var base = null, timer = null, busy = false;

  function notice(v) {
    var n = v.events - base.events;
    el.textContent = "";
    var msg = document.createElement("span");
    msg.textContent = n > 0 ? (n === 1 ? "1 new event" : n + " new events") : "This story has changed";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Reload";
    button.addEventListener("click", function () { window.location.reload(); });
    el.appendChild(msg);
    el.appendChild(document.createTextNode(" — "));
    el.appendChild(button);
    el.hidden = false;
  }

  function seen(v) {
    wait = every;
    if (base === null) {
      base = v;
      el.setAttribute("data-live-base", v.version); // when the watch began, for tests and curious readers
    } else if (v.version !== base.version) {
      if (reloadSelf) {
        window.location.reload();
        return false;
      }
      notice(v);
    }
    return true;
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(poll, wait);
  }

  function poll() {
    if (busy) return;
    if (document.hidden) {
      schedule();
      return;
    }
    busy = true;
    fetch(url, { cache: "no-store", credentials: "omit" }).then(function (r) {
      if (!r.ok) throw new Error("status " + r.status);
      return r.json();
    }).then(function (v) {
      busy = false;
      if (seen(v)) schedule();
    }).catch(function () {
      busy = false;
      wait = Math.min(wait * 2, most);
      schedule();
    });
  }

  document.addEventListener("visibilitychange", function () {
    if (!document.hidden) poll();
  });
  poll();
})();
