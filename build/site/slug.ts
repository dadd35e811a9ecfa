// Ids from data become URL path segments and folder names. They can be anything ("../../x",
// "CON", "", "Ωmega", two ids that slug alike), so every id gets a slug that is safe on every
// file system and unique within its set; the mapping is deterministic (same ids ⇒ same slugs).

// Windows device names, and "index": a user slugged "index" would be users/index.html, the
// users index itself.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9]|index)$/i;

/** The readable part: ASCII letters, digits, '-' and '_' only; everything else becomes '-'. */
export function baseSlug(id: string): string {
  const ascii = id
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  if (ascii === '' || RESERVED.test(ascii)) return ascii === '' ? 'id' : `${ascii}-id`;
  return ascii;
}

/** A short stable hash (FNV-1a, 32 bit) to tell apart ids whose readable parts collide. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(36).padStart(7, '0');
}

/**
 * Slugs for a set of ids. An id whose slug is exactly itself keeps it (so simulated user 101
 * lives at /users/101.html); any id that had to change, or collides, gets a hash suffix.
 */
export function slugify(ids: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  const pending: string[] = [];
  for (const id of ids) {
    if (out.has(id)) continue;
    const base = baseSlug(id);
    if (base === id && !taken.has(base)) {
      out.set(id, base);
      taken.add(base);
    } else pending.push(id);
  }
  for (const id of pending) {
    let slug = `${baseSlug(id)}-${shortHash(id)}`;
    for (let n = 2; taken.has(slug); n++) slug = `${baseSlug(id)}-${shortHash(id)}-${n}`;
    out.set(id, slug);
    taken.add(slug);
  }
  return out;
}
