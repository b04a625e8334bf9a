/*
 * One tooltip for every row action button (<vaadin-button class="jobdeck-action" aria-label="Run now">), instead of a
 * <vaadin-tooltip> inside each of them. Each of those is a custom element with an overlay of its own and an
 * IntersectionObserver that the browser recomputes on every frame: hundreds of them on a dashboard made every frame,
 * and so every click, slower. This one shows the button's label as Vaadin's tooltip does: after a short rest of the
 * pointer, at once on keyboard focus, gone on leaving, pressing, scrolling or Escape.
 */
(() => {
  if (window.JobdeckTooltips) {
    return;
  }
  const HOVER_DELAY_MS = 500;
  let tooltip = null;
  let target = null;
  let timer = null;
  let keyboard = false;

  const element = () => {
    if (tooltip === null || !tooltip.isConnected) {
      tooltip = document.createElement('vaadin-tooltip');
      tooltip.id = 'jobdeck-action-tooltip';
      tooltip.manual = true;
      document.body.appendChild(tooltip);
    }
    return tooltip;
  };

  const actionOf = (event) =>
    event.composedPath().find((node) => node instanceof Element && node.classList.contains('jobdeck-action')) ?? null;

  const hide = () => {
    clearTimeout(timer);
    target = null;
    if (tooltip !== null) {
      tooltip.opened = false;
    }
  };

  const show = (button, delay) => {
    clearTimeout(timer);
    target = button;
    timer = setTimeout(() => {
      const label = button.getAttribute('aria-label');
      if (target !== button || !button.isConnected || !label) {
        return;
      }
      const t = element();
      t.text = label;
      t.target = button;
      t.opened = true;
    }, delay);
  };

  document.addEventListener(
    'mouseover',
    (e) => {
      const button = actionOf(e);
      if (button === target) {
        return;
      }
      if (button === null) {
        hide();
      } else {
        show(button, HOVER_DELAY_MS);
      }
    },
    true,
  );
  document.addEventListener('keydown', (e) => {
    keyboard = true;
    if (e.key === 'Escape') {
      hide();
    }
  }, true);
  document.addEventListener('mousedown', () => {
    keyboard = false;
    hide();
  }, true);
  document.addEventListener('focusin', (e) => {
    const button = actionOf(e);
    if (button !== null && keyboard) {
      show(button, 0);
    }
  }, true);
  document.addEventListener('focusout', (e) => {
    if (actionOf(e) === target) {
      hide();
    }
  }, true);
  document.addEventListener('scroll', hide, true);

  window.JobdeckTooltips = { hide };
})();
