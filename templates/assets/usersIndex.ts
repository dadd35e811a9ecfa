// Users index: search by id and filter by plan, region and top genre over users/index.json.
// Matches render in batches ("Show more") so 10,000 users never become 10,000 DOM rows.
interface UserEntry {
  id: string;
  slug: string;
  plan: string | null;
  region: string | null;
  topGenres: string[];
  ratings: number;
}

const BATCH = 50;

function row(doc: Document, base: string, u: UserEntry): HTMLLIElement {
  const li = doc.createElement('li');
  li.className = 'user-row';
  const a = doc.createElement('a');
  a.href = `${base}${encodeURIComponent(u.slug)}.html`;
  const id = doc.createElement('span');
  id.className = 'user-id';
  id.textContent = `User ${u.id}`;
  a.append(id);
  const meta = doc.createElement('span');
  meta.className = 'user-meta';
  meta.textContent = `${u.plan ?? 'no plan'} · ${u.region ?? 'no region'} · ${u.ratings} rating${u.ratings === 1 ? '' : 's'}`;
  const genres = doc.createElement('span');
  genres.className = 'user-genres';
  genres.textContent = u.topGenres.length > 0 ? u.topGenres.join(', ') : 'no genres yet';
  li.append(a, meta, genres);
  return li;
}

export function enhanceUsersIndex(doc: Document): void {
  const form = doc.getElementById('user-filters') as HTMLFormElement | null;
  const list = doc.getElementById('user-list');
  const count = doc.getElementById('user-count');
  const more = doc.getElementById('user-more') as HTMLButtonElement | null;
  if (!form || !list || !count || !more) return;
  const base = form.dataset.base ?? '/users/';
  const field = (id: string) => doc.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
  const q = field('user-search');
  const plan = field('filter-plan');
  const region = field('filter-region');
  const genre = field('filter-genre');
  let users: UserEntry[] = [];
  let matches: UserEntry[] = [];
  let shown = 0;

  const renderMore = () => {
    const frag = doc.createDocumentFragment();
    for (const u of matches.slice(shown, shown + BATCH)) frag.append(row(doc, base, u));
    list.append(frag);
    shown = Math.min(matches.length, shown + BATCH);
    more.hidden = shown >= matches.length;
    count.textContent = `Showing ${shown.toLocaleString('en-US')} of ${matches.length.toLocaleString('en-US')} matching users (${users.length.toLocaleString('en-US')} in all)`;
  };
  const apply = () => {
    const needle = (q?.value ?? '').trim().toLowerCase();
    matches = users.filter(
      (u) =>
        (needle === '' || u.id.toLowerCase().includes(needle)) &&
        (!plan?.value || u.plan === plan.value) &&
        (!region?.value || u.region === region.value) &&
        (!genre?.value || u.topGenres.includes(genre.value)),
    );
    list.replaceChildren();
    shown = 0;
    renderMore();
  };

  fetch(form.dataset.index ?? 'index.json')
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`users index: HTTP ${r.status}`))))
    .then((data: UserEntry[]) => {
      users = data;
      form.hidden = false;
      doc.getElementById('user-pager')?.setAttribute('hidden', '');
      form.addEventListener('input', apply);
      form.addEventListener('submit', (e) => e.preventDefault());
      // Reset fires before the fields are cleared; filter once they are.
      form.addEventListener('reset', () => setTimeout(apply, 0));
      more.addEventListener('click', renderMore);
      apply();
    })
    .catch(() => {
      // The plain paginated list stays: nothing is lost without the index.
    });
}
