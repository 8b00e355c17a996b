// After a passkey is added (django-otp-webauthn's register script fires the event), open the
// MFA page, where the new passkey is listed and can be renamed.
document.addEventListener("otp_webauthn.register_complete", () => {
  const done = document.querySelector("[data-passkey-done]");
  if (done) window.location.assign(done.dataset.passkeyDone);
});
