// User page: a genre filter over the recommendation cards (shown only when JavaScript runs).
// Each card's data-genres is a JSON array (templates/userPage.ts genresAttribute): a genre may
// contain any character, "|" included.
function cardGenres(card: HTMLElement): string[] {
  try {
    const genres: unknown = JSON.parse(card.dataset.genres ?? '[]');
    return Array.isArray(genres) ? genres.filter((g): g is string => typeof g === 'string') : [];
  } catch {
    return [];
  }
}

export function enhanceGenreFilter(doc: Document): void {
  const box = doc.getElementById('genre-filter');
  const select = doc.getElementById('rec-genre') as HTMLSelectElement | null;
  const list = doc.getElementById('rec-list');
  const count = doc.getElementById('rec-count');
  if (!box || !select || !list) return;
  const cards = [...list.querySelectorAll<HTMLElement>('.rec-card')];
  const genresOf = new Map(cards.map((card) => [card, cardGenres(card)]));
  const update = () => {
    const genre = select.value;
    let shown = 0;
    for (const card of cards) {
      const match = genre === '' || genresOf.get(card)!.includes(genre);
      card.hidden = !match;
      if (match) shown++;
    }
    if (count) count.textContent = genre === '' ? `${cards.length} recommendations` : `${shown} of ${cards.length} recommendations`;
  };
  select.addEventListener('change', update);
  box.hidden = false;
  update();
}
