/// The one script of the staff pages, served as /static/session.js (no inline script: CSP `script-src 'self'`).
/// Warns before the session ends and offers to extend it (WCAG 2.2.1); after it ended, says so on the page, which still
/// holds what was typed. Its texts are in the page (`Layout.sessionNotices`), hidden until needed; without script the
/// pages work as before.
public enum SessionScript {
    public static let source = #"""
    (function () {
      "use strict";
      var body = document.body;
      var seconds = parseInt(body.getAttribute("data-session-seconds"), 10);
      var box = document.getElementById("session-warning"), ended = document.getElementById("session-ended");
      if (!box || !ended || !(seconds > 0)) return;
      var extend = document.getElementById("session-extend"), countdown = document.getElementById("session-countdown");
      var idleText = document.getElementById("session-idle"), finalText = document.getElementById("session-final");
      // Two minutes ahead, at most half the time a page starts with (a short timeout in a test).
      var lead = Math.min(120, Math.floor(seconds / 2));
      var deadline = 0, asking = false, returnTo = null, timer = 0;

      function left() { return Math.max(0, Math.ceil((deadline - Date.now()) / 1000)); }
      function show(isFinal) {
        extend.hidden = isFinal; idleText.hidden = isFinal; finalText.hidden = !isFinal;
        var s = left();
        countdown.textContent = Math.floor(s / 60) + ":" + ("0" + s % 60).slice(-2);
        if (box.hidden) { returnTo = document.activeElement; box.hidden = false; (isFinal ? box : extend).focus(); }
      }
      function hide() {
        if (box.hidden) return;
        box.hidden = true;
        if (returnTo && returnTo.focus) returnTo.focus();
      }
      function schedule(s, isFinal) {
        deadline = Date.now() + s * 1000;
        if (s > lead) hide(); else show(isFinal);
      }
      function end() {
        clearInterval(timer);
        box.hidden = true;
        var link = document.getElementById("session-login");
        // A search's terms stay out of the address (browser history, proxy logs).
        var query = new URLSearchParams(location.search);
        query.delete("q");
        var rest = query.toString();
        link.href = "/login?abgelaufen=1&weiter=" + encodeURIComponent(location.pathname + (rest ? "?" + rest : ""));
        ended.hidden = false;
        ended.focus();
      }
      // GET asks how long is left (another tab may have kept the session alive); POST extends it.
      function ask(method) {
        asking = true;
        var r = new XMLHttpRequest();
        r.open(method, method === "POST" ? "/session/extend" : "/session/status");
        r.setRequestHeader("Accept", "application/json");
        var sent = null;
        if (method === "POST") {
          var token = document.querySelector('form[action="/logout"] input[name="csrf"]');
          r.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
          sent = "csrf=" + encodeURIComponent(token ? token.value : "");
        }
        r.onload = function () {
          asking = false;
          var a = null;
          try { a = JSON.parse(r.responseText); } catch (e) { a = null; }
          if (r.status !== 200 || !a || !(a.seconds > 0)) { end(); return; }
          schedule(a.seconds, a.final === true);
        };
        r.onerror = function () { asking = false; };   // offline for a moment: asked again on the next tick
        r.send(sent);
      }
      function tick() {
        if (asking) return;
        var s = left();
        if (s <= 0 || (box.hidden && s <= lead)) { ask("GET"); return; }
        if (!box.hidden) show(!finalText.hidden);
      }
      extend.addEventListener("click", function () { ask("POST"); });
      deadline = Date.now() + seconds * 1000;
      timer = setInterval(tick, 1000);
    })();
    """#
}
