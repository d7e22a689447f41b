import { t, applyTranslations, setupLanguageSwitch } from './i18n.js';

function showNotice() {
  const notice = document.getElementById('login-notice');
  const key = notice.dataset.notice;
  notice.textContent = key ? t(key) : '';
  notice.hidden = !key;
}
setupLanguageSwitch(() => {
  applyTranslations(document);
  showNotice();
});
applyTranslations(document);
showNotice();
