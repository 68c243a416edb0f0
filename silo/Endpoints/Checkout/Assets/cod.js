/*
 * OrleansShop checkout snippet: hides (or disables) the cash-on-delivery option for a buyer the
 * shop's reputation settings refuse it to, before the order is placed. Plain JavaScript, no
 * dependencies. docs/http-api.md, "Checkout: the storefront snippet".
 *
 *   <script src="https://GATEWAY/checkout/cod.js" defer
 *           data-shop="demo" data-key="pk_..." data-email="#email" data-cod="#pay-cod-row"></script>
 *
 * data-shop     the shop id
 * data-key      the shop's publishable key (pk_...), never its API key
 * data-email    a CSS selector of the e-mail input
 * data-cod      a CSS selector of the COD option element(s): the radio button, its label or its row
 * data-base     the silo's or gateway's address; default: where this script was loaded from
 * data-mode     "hide" (default) or "disable"
 * data-timeout  milliseconds to wait for an answer before showing COD anyway; default 3000
 *
 * Or, without data-shop, call OrleansShopCod.attach({ shopId, publishableKey, email, cod, baseAddress, mode, timeoutMs })
 * with elements or selectors. Whenever the call fails (network, CORS, timeout, any answer but 200),
 * COD stays offered: the shop decides on the order itself as usual. Each COD element carries
 * data-orleansshop-cod: "idle" (no address yet), "pending", "allowed", "refused" or "unknown" (the call
 * failed; shown).
 */
(function () {
  "use strict";

  var STATE = "data-orleansshop-cod";

  function elements(target) {
    if (!target) { return []; }
    if (typeof target === "string") { return Array.prototype.slice.call(document.querySelectorAll(target)); }
    if (target.length !== undefined && !target.tagName) { return Array.prototype.slice.call(target); }
    return [target];
  }

  function inputsOf(element) {
    var found = element.matches && element.matches("input, select, button") ? [element] : [];
    return found.concat(Array.prototype.slice.call(element.querySelectorAll ? element.querySelectorAll("input, select, button") : []));
  }

  function looksLikeEmail(value) {
    var at = value.indexOf("@");
    return at > 0 && at < value.length - 1 && value.length <= 254;
  }

  function attach(options) {
    var email = elements(options.email)[0];
    var cod = elements(options.cod);
    if (!email || cod.length === 0 || !options.shopId || !options.publishableKey) {
      return null;
    }

    var base = String(options.baseAddress || "").replace(/\/+$/, "");
    var url = base + "/v1/shops/" + encodeURIComponent(options.shopId) + "/cod-eligibility";
    var mode = options.mode === "disable" ? "disable" : "hide";
    var timeoutMs = Number(options.timeoutMs) > 0 ? Number(options.timeoutMs) : 3000;
    var asked = 0;
    var lastEmail = null;
    var debounce = null;
    var wasDisabled = [];
    cod.forEach(function (element) { inputsOf(element).forEach(function (input) { wasDisabled.push([input, input.disabled]); }); });
    mark("idle");

    function mark(state) {
      cod.forEach(function (element) { element.setAttribute(STATE, state); });
    }

    function show(state) {
      cod.forEach(function (element) {
        if (mode === "hide" && element.hidden) {
          element.hidden = false;
          element.style.display = element.getAttribute("data-orleansshop-display") || "";
          element.removeAttribute("data-orleansshop-display");
        }
      });
      wasDisabled.forEach(function (pair) { pair[0].disabled = pair[1]; });
      mark(state);
    }

    function refuse() {
      cod.forEach(function (element) {
        if (mode === "hide" && !element.hidden) {
          // hidden and display: a storefront's own CSS (label { display: block }) would otherwise show it again
          element.setAttribute("data-orleansshop-display", element.style.display);
          element.hidden = true;
          element.style.display = "none";
        }
        inputsOf(element).forEach(function (input) {
          if (input.checked) { input.checked = false; input.dispatchEvent(new Event("change", { bubbles: true })); }
          input.disabled = true;
        });
      });
      mark("refused");
    }

    function ask(value) {
      var ticket = ++asked;
      mark("pending");
      var controller = typeof AbortController === "function" ? new AbortController() : null;
      var timer = setTimeout(function () { if (controller) { controller.abort(); } settle(null); }, timeoutMs);
      function settle(answer) {
        if (ticket !== asked) { return; } // a later e-mail was asked meanwhile
        asked++; // settles once
        clearTimeout(timer);
        if (answer && answer.codAllowed === false) { refuse(); }
        else { show(answer ? "allowed" : "unknown"); }
        if (typeof options.onAnswer === "function") { try { options.onAnswer(answer); } catch (ignored) { /* the storefront's own */ } }
      }
      var body = JSON.stringify({ email: value });
      fetch(url, {
        method: "POST",
        mode: "cors",
        credentials: "omit",
        headers: { "Authorization": "Bearer " + options.publishableKey, "Content-Type": "application/json" },
        body: body,
        signal: controller ? controller.signal : undefined
      }).then(function (response) {
        return response.ok ? response.json() : null;
      }).then(function (answer) {
        settle(answer && typeof answer.codAllowed === "boolean" ? answer : null);
      }, function () {
        settle(null);
      });
    }

    function changed() {
      var value = (email.value || "").trim();
      if (value === lastEmail) { return; }
      lastEmail = value;
      if (!looksLikeEmail(value)) {
        asked++; // an answer on its way is for an address no longer typed
        show("idle");
        return;
      }
      ask(value);
    }

    email.addEventListener("change", changed);
    email.addEventListener("blur", changed);
    email.addEventListener("input", function () {
      clearTimeout(debounce);
      debounce = setTimeout(changed, 600);
    });
    if (email.value) { changed(); }
    return { refresh: function () { lastEmail = null; changed(); } };
  }

  var script = document.currentScript;
  window.OrleansShopCod = { attach: attach };
  if (script && script.getAttribute("data-shop")) {
    var start = function () {
      attach({
        shopId: script.getAttribute("data-shop"),
        publishableKey: script.getAttribute("data-key"),
        email: script.getAttribute("data-email"),
        cod: script.getAttribute("data-cod"),
        baseAddress: script.getAttribute("data-base") || new URL(script.src, document.baseURI).origin,
        mode: script.getAttribute("data-mode"),
        timeoutMs: script.getAttribute("data-timeout")
      });
    };
    if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
  }
})();
