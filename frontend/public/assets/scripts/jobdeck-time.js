/*
 * <jobdeck-time datetime="2026-11-25T10:15:00Z" mode="relative|next|elapsed">: a time that moves by itself, once a
 * second, with no server round trip. Texts come from the server once per page (JobdeckTime.configure), so that they
 * read exactly as the server's own ("in 4 s", "5 s ago", "через 4 с", "5 с назад"); numbers are formatted with
 * Intl in the page's language. The server's clock is used, not the browser's, so a wrong client clock does not lie.
 *
 *   relative: "in 4 s" / "just now" / "5 s ago"
 *   next:     like relative while ahead; once more than GRACE_MS behind, "overdue by 40 s"
 *   elapsed:  "1 min 5 s" since the time
 */
(() => {
  if (customElements.get('jobdeck-time')) {
    return;
  }
  const GRACE_MS = 2000;
  let texts = {
    locale: document.documentElement.lang || 'en',
    now: 'just now',
    in: 'in {0}',
    ago: '{0} ago',
    overdue: 'overdue by {0}',
    h: 'h',
    min: 'min',
    s: 's',
  };
  let clockOffset = 0;
  const shown = new Set();
  let timer = null;

  const fill = (pattern, value) => pattern.replace('{0}', value);

  /** Whole seconds as "1 h 5 min", "2 min 3 s" or "4 s", as the server's DurationText writes them. */
  let number = new Intl.NumberFormat(texts.locale);
  const duration = (millis) => {
    const seconds = Math.floor(Math.max(0, millis) / 1000);
    if (seconds < 60) {
      return `${number.format(seconds)} ${texts.s}`;
    }
    const minutes = Math.floor(seconds / 60);
    if (minutes < 60) {
      const rest = seconds % 60;
      return rest === 0
        ? `${number.format(minutes)} ${texts.min}`
        : `${number.format(minutes)} ${texts.min} ${number.format(rest)} ${texts.s}`;
    }
    const hours = Math.floor(minutes / 60);
    const restMinutes = minutes % 60;
    return restMinutes === 0
      ? `${number.format(hours)} ${texts.h}`
      : `${number.format(hours)} ${texts.h} ${number.format(restMinutes)} ${texts.min}`;
  };

  const tick = () => shown.forEach((element) => element.update());

  class JobdeckTime extends HTMLElement {
    static get observedAttributes() {
      return ['datetime', 'mode'];
    }

    /** Called by the server once per page: its texts, its language and its clock. */
    static configure(config) {
      texts = { ...texts, ...config.texts };
      number = new Intl.NumberFormat(texts.locale);
      clockOffset = config.serverNow - Date.now();
      tick();
    }

    connectedCallback() {
      shown.add(this);
      if (timer === null) {
        timer = setInterval(tick, 1000);
      }
      this.update();
    }

    disconnectedCallback() {
      shown.delete(this);
      if (shown.size === 0 && timer !== null) {
        clearInterval(timer);
        timer = null;
      }
    }

    attributeChangedCallback() {
      if (this.isConnected) {
        this.update();
      }
    }

    update() {
      const text = this.text();
      if (this.textContent !== text) {
        this.textContent = text;
      }
    }

    text() {
      const at = Date.parse(this.getAttribute('datetime') || '');
      if (Number.isNaN(at)) {
        return '';
      }
      const delta = at - (Date.now() + clockOffset);
      const mode = this.getAttribute('mode') || 'relative';
      if (mode === 'elapsed') {
        return duration(-delta);
      }
      if (mode === 'next' && delta < -GRACE_MS) {
        return fill(texts.overdue, duration(-delta));
      }
      if (Math.abs(delta) < 1000 || (mode === 'next' && delta < 0)) {
        return texts.now;
      }
      return delta > 0 ? fill(texts.in, duration(delta)) : fill(texts.ago, duration(-delta));
    }
  }

  customElements.define('jobdeck-time', JobdeckTime);
  window.JobdeckTime = JobdeckTime;
})();
