/* Passkeys (fingerprint or face sign-in) for the Shebao portal.
 *
 * Progressive enhancement: elements marked [data-passkey-box] are hidden in the HTML and shown
 * only where the browser supports WebAuthn; [data-passkey-unsupported] is shown otherwise. A
 * button [data-passkey="get"|"create"] fetches options from data-options-url, asks the phone
 * (fingerprint or face), posts the answer to data-verify-url and follows the "redirect" it gets.
 * Messages come from the page (data-failed), so they are translated like everything else.
 * No inline script, no framework, no build step.
 */
(function () {
  "use strict";
  if (window.shebaoPasskey || !window.PublicKeyCredential || !navigator.credentials) {
    return;
  }
  window.shebaoPasskey = true; // loaded once, even if a page includes it twice
  document.querySelectorAll("[data-passkey-box]").forEach(function (el) { el.hidden = false; });
  document.querySelectorAll("[data-passkey-unsupported]").forEach(function (el) { el.hidden = true; });

  function toBuffer(base64url) {
    var base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
    base64 += "===".slice((base64.length + 3) % 4);
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (c) {
      return { type: c.type, id: toBuffer(c.id), transports: c.transports };
    });
  }

  function creationOptions(o) {
    o.challenge = toBuffer(o.challenge);
    o.user.id = toBuffer(o.user.id);
    o.excludeCredentials = descriptors(o.excludeCredentials);
    return o;
  }

  function requestOptions(o) {
    o.challenge = toBuffer(o.challenge);
    o.allowCredentials = descriptors(o.allowCredentials);
    return o;
  }

  function credentialJSON(cred) {
    var r = cred.response;
    var out = {
      id: cred.id,
      rawId: toBase64url(cred.rawId),
      type: cred.type,
      authenticatorAttachment: cred.authenticatorAttachment || null,
      clientExtensionResults: cred.getClientExtensionResults ? cred.getClientExtensionResults() : {},
      response: { clientDataJSON: toBase64url(r.clientDataJSON) }
    };
    if (r.attestationObject) {
      out.response.attestationObject = toBase64url(r.attestationObject);
      out.response.transports = r.getTransports ? r.getTransports() : [];
    } else {
      out.response.authenticatorData = toBase64url(r.authenticatorData);
      out.response.signature = toBase64url(r.signature);
      out.response.userHandle = r.userHandle ? toBase64url(r.userHandle) : null;
    }
    return out;
  }

  function post(url, csrf, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(body || {})
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        return { ok: res.ok, data: data };
      });
    });
  }

  function run(button) {
    var form = button.closest("form");
    var csrf = form.querySelector("[name=csrfmiddlewaretoken]").value;
    var box = button.closest("[data-passkey-box]") || document;
    var status = box.querySelector("[data-passkey-status]");
    function say(text) { if (status) { status.textContent = text || ""; } }
    function follow(data) {
      if (data && data.redirect) { window.location.assign(data.redirect); return true; }
      return false;
    }
    say("");
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    post(button.dataset.optionsUrl, csrf).then(function (options) {
      if (!options.ok) {
        if (!follow(options.data)) { say(options.data.error || button.dataset.failed); }
        return null;
      }
      var ask = button.dataset.passkey === "create"
        ? navigator.credentials.create({ publicKey: creationOptions(options.data) })
        : navigator.credentials.get({ publicKey: requestOptions(options.data) });
      return ask.then(function (cred) {
        return post(button.dataset.verifyUrl, csrf, credentialJSON(cred));
      }).then(function (result) {
        if (!follow(result.data)) { say(result.data.error || button.dataset.failed); }
      });
    }).catch(function () {
      // Cancelled, timed out, or no passkey on this phone: the person can try again.
      say(button.dataset.failed);
    }).then(function () {
      button.disabled = false;
      button.removeAttribute("aria-busy");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-passkey]");
    if (button) {
      event.preventDefault();
      run(button);
    }
  });
})();
