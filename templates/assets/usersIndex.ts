// Users index: search by id and filter by plan, region and top genre over users/index.json.
// Matches render in batches ("Show more") so 10,000 users never become 10,000 DOM rows. When
// only some users have a page, a searched whole id that none of them has is looked up in its
// shard (userShards.ts) and that user's top recommendations are shown in place. Every value from
// data is set as text (textContent), never as markup.
import { shardOf, userShardPath, type ShardUser } from './userShards.ts';
import { readMetaAttribute, userMetaText, type MetaOptions } from './userMeta.ts';
interface UserEntry {
  id: string;
  slug: string;
  plan: string | null;
  region: string | null;
  topGenres: string[];
  ratings: number;
}

const BATCH = 50;
/** Wait this long after the last keystroke before fetching a shard. */
const LOOKUP_DELAY_MS = 200;

function text<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className: string, value: string): HTMLElementTagNameMap[K] {
  const el = doc.createElement(tag);
  if (className) el.className = className;
  el.textContent = value;
  return el;
}

/** What the lookup region shows for a user without a page: their facts and top recommendations. */
function lookupResult(doc: Document, u: ShardUser, o: MetaOptions): Node[] {
  const meta = `${userMetaText(u, o)} · ${u.topGenres.length > 0 ? u.topGenres.join(', ') : 'no genres yet'}`;
  const list = doc.createElement('ol');
  list.className = 'lookup-recs';
  for (const r of u.recommendations) {
    const li = doc.createElement('li');
    li.append(text(doc, 'span', 'lookup-title', r.title), text(doc, 'span', 'lookup-reason', r.reason));
    list.append(li);
  }
  const intro =
    u.recommendations.length > 0
      ? `User ${u.id} has no page of their own. Their top ${u.recommendations.length === 1 ? 'recommendation' : `${u.recommendations.length} recommendations`}, and why:`
      : `User ${u.id} has no page of their own, and no recommendations: they have rated every title the recommender could offer.`;
  return [text(doc, 'h2', 'lookup-heading', `User ${u.id}`), text(doc, 'p', 'user-meta', meta), text(doc, 'p', 'lookup-intro', intro), ...(u.recommendations.length > 0 ? [list] : [])];
}

function row(doc: Document, base: string, u: UserEntry, o: MetaOptions): HTMLLIElement {
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
  meta.textContent = userMetaText(u, o);
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
  const metaOptions = readMetaAttribute(form.dataset.meta);
  const field = (id: string) => doc.getElementById(id) as HTMLInputElement | HTMLSelectElement | null;
  const q = field('user-search');
  const plan = field('filter-plan');
  const region = field('filter-region');
  const genre = field('filter-genre');
  let users: UserEntry[] = [];
  let matches: UserEntry[] = [];
  let shown = 0;
  const lookupBox = doc.getElementById('user-lookup');
  const shards = Number(form.dataset.shards ?? '0');
  const shardBase = form.dataset.shardBase ?? '/';
  const shardCache = new Map<number, Promise<ShardUser[]>>();
  let lookupSeq = 0;
  let lookupTimer: ReturnType<typeof setTimeout> | undefined;

  const showLookup = (nodes: Node[]) => {
    if (!lookupBox) return;
    lookupBox.replaceChildren(...nodes);
    lookupBox.hidden = nodes.length === 0;
  };
  const fetchShard = (shard: number): Promise<ShardUser[]> => {
    let p = shardCache.get(shard);
    if (!p) {
      p = fetch(`${shardBase}${userShardPath(shard)}`).then((r) => (r.ok ? r.json() : Promise.reject(new Error(`user shard: HTTP ${r.status}`))));
      shardCache.set(shard, p);
      p.catch(() => shardCache.delete(shard)); // a failed fetch is tried again on the next search
    }
    return p;
  };
  // A whole id that no user with a page has: look it up among the users without one.
  const lookup = (needle: string) => {
    const seq = ++lookupSeq;
    clearTimeout(lookupTimer);
    const id = needle.trim();
    if (!lookupBox || shards <= 0 || id === '' || users.some((u) => u.id === id)) {
      showLookup([]);
      return;
    }
    lookupTimer = setTimeout(() => {
      fetchShard(shardOf(id, shards))
        .then((list) => {
          if (seq !== lookupSeq) return;
          const found = list.find((u) => u.id === id);
          if (found) showLookup(lookupResult(doc, found, metaOptions));
          else if (matches.length === 0) showLookup([text(doc, 'p', 'lookup-intro', `No user has the id “${id}”. A user without a page is found by their whole id.`)]);
          else showLookup([]);
        })
        .catch(() => {
          if (seq === lookupSeq) showLookup([text(doc, 'p', 'lookup-intro', 'Users without a page could not be searched just now; every user is in the recommendations download.')]);
        });
    }, LOOKUP_DELAY_MS);
  };

  const renderMore = () => {
    const frag = doc.createDocumentFragment();
    for (const u of matches.slice(shown, shown + BATCH)) frag.append(row(doc, base, u, metaOptions));
    list.append(frag);
    shown = Math.min(matches.length, shown + BATCH);
    more.hidden = shown >= matches.length;
    count.textContent = `Showing ${shown.toLocaleString('en-US')} of ${matches.length.toLocaleString('en-US')} matching users (${users.length.toLocaleString('en-US')} ${shards > 0 ? 'with a page' : 'in all'})`;
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
    lookup(q?.value ?? '');
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
