/*
 * Whether what the page shows is live. The page counts as live while it hears from the server: every update it
 * applies (LiveUpdates' acknowledgement calls JobdeckLive.heard(serverTime)) and every answer to its own question.
 * Each comes with the server's time, so a message that waited long on its way (a network that froze, then thawed)
 * shows its age and does not count as fresh. A page that has heard nothing for half the silence limit asks the
 * server (one small message; a quiet but healthy page stays live that way). Past the limit (a frozen or starved tab, a broken network, a server that dropped the tab) it never
 * shows an old state as current: <html data-jobdeck-stale>, the state badge greys out, and a banner says since when
 * the page is not live; it keeps asking. The server's answer clears it; a server that no longer knows the page makes
 * Vaadin reload it.
 *
 * The timer measures with performance.now(): a tab that was frozen or starved of CPU finds the silence it slept
 * through as soon as it runs again, before it could mistake its old state for a current one.
 */
(() => {
  if (window.JobdeckLive) {
    return;
  }
  let last = performance.now();
  let clockOffset = 0; // server time minus browser time
  let lastAsked = -Infinity;
  let staleSince = null;
  let markedAt = 0; // performance.now() when the page marked itself as not live
  let limit = 10000;
  let ask = null;
  let texts = { locale: document.documentElement.lang || 'en', stale: 'Not live since {0}. Reconnecting…' };
  let banner = null;

  const showBanner = () => {
    if (banner === null) {
      banner = document.createElement('div');
      banner.id = 'jobdeck-stale';
      banner.setAttribute('role', 'alert');
      document.body.appendChild(banner);
    }
    const at = new Intl.DateTimeFormat(texts.locale, { timeStyle: 'medium' }).format(staleSince);
    banner.textContent = texts.stale.replace('{0}', at);
  };

  /**
   * Heard from the server, which wrote the message at serverTime (its clock, in epoch milliseconds). A page marked
   * as not live stays marked until it hears something the server wrote after the mark: a message that was already
   * on its way (queued behind a frozen network) may show a state that has changed since.
   */
  const heard = (serverTime) => {
    const age = typeof serverTime === 'number' ? Math.max(0, Date.now() + clockOffset - serverTime) : 0;
    const written = performance.now() - age;
    last = Math.max(last, written);
    if (staleSince !== null && written >= markedAt) {
      staleSince = null;
      document.documentElement.removeAttribute('data-jobdeck-stale');
      if (banner !== null) {
        banner.remove();
        banner = null;
      }
    }
  };

  const check = () => {
    const now = performance.now();
    const silent = now - last;
    if (silent > limit && staleSince === null) {
      // Since the last word from the server, in wall-clock time.
      staleSince = new Date(Date.now() - silent);
      markedAt = now;
      document.documentElement.setAttribute('data-jobdeck-stale', '');
      showBanner();
    }
    // Asked at most once per half limit, so a page that cannot reach the server does not pile up questions; a page
    // marked as not live asks until an answer written after the mark clears it.
    if (ask !== null && (silent > limit / 2 || staleSince !== null) && now - lastAsked > limit / 2) {
      lastAsked = now;
      try {
        Promise.resolve(ask()).then(heard, () => {});
      } catch (e) {
        // The element went away with a navigation: the next view configures a new question.
      }
    }
  };

  setInterval(check, 1000);
  // A tab that comes back from the background or a freeze checks at once, not a second later.
  document.addEventListener('visibilitychange', check);
  document.addEventListener('resume', check);

  window.JobdeckLive = {
    heard,
    /** Called by the server once per page: how to ask it, how long silence may last, and the banner's words. */
    configure(element, config) {
      ask = () => element.$server.stillLive();
      limit = config.limitMillis;
      texts = { ...texts, ...config.texts };
      clockOffset = config.serverNow - Date.now();
      heard(config.serverNow);
    },
  };
})();
