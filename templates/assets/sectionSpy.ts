// Home page "you are here": marks the header link of the report section currently in view.
// IntersectionObserver instead of scroll handlers, so nothing runs per scroll frame.
/** On phones the header links scroll sideways; bring the marked one into the visible part. */
function revealInNav(a: HTMLElement): void {
  const strip = a.closest('ul');
  if (!strip || strip.scrollWidth <= strip.clientWidth) return;
  const offset = a.getBoundingClientRect().left - strip.getBoundingClientRect().left;
  strip.scrollLeft += offset - 16;
}

export function enhanceSectionSpy(doc: Document, win: Window & typeof globalThis): void {
  const pageLink = doc.querySelector<HTMLElement>('.site-nav ul a[aria-current="page"], .site-nav ul a.ancestor');
  if (pageLink) revealInNav(pageLink);
  const links = new Map<string, HTMLAnchorElement>();
  for (const a of doc.querySelectorAll<HTMLAnchorElement>('.site-nav a[data-section]')) {
    if (a.dataset.section) links.set(a.dataset.section, a);
  }
  const sections = [...doc.querySelectorAll<HTMLElement>('.report-section')].filter((s) => links.has(s.id));
  if (sections.length === 0 || !('IntersectionObserver' in win)) return;
  const visible = new Set<string>();
  const mark = () => {
    // The first section (in document order) with any part inside the reading band wins.
    const current = sections.find((s) => visible.has(s.id))?.id;
    for (const [id, a] of links) {
      const here = id === current;
      if (here && !a.classList.contains('active')) revealInNav(a);
      a.classList.toggle('active', here);
      if (here) a.setAttribute('aria-current', 'location');
      else a.removeAttribute('aria-current');
    }
  };
  const observer = new win.IntersectionObserver(
    (entries) => {
      for (const e of entries) {
        if (e.isIntersecting) visible.add(e.target.id);
        else visible.delete(e.target.id);
      }
      mark();
    },
    // The reading band: below the sticky header, the upper 40 % of the viewport.
    { rootMargin: '-15% 0px -60% 0px' },
  );
  for (const s of sections) observer.observe(s);
}
