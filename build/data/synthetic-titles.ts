// Synthetic titles for catalogues larger than the case study's 20. Names and descriptions are
// built from genre-typical words so that the content signal (TF-IDF over genres + description)
// really separates genres, as it would on a real catalogue.
import type { Title } from '../types.ts';
import { CASE_STUDY_GENRES } from './catalogue.ts';
import { randomInt, shuffled, type Rng } from './random.ts';

interface GenreWords {
  adjectives: string[];
  nouns: string[];
  roles: string[];
  verbs: string[];
  objects: string[];
  settings: string[];
  episodeMinutes: [number, number];
}

const WORDS: Record<string, GenreWords> = {
  Animation: {
    adjectives: ['Little', 'Wobbly', 'Painted', 'Bouncing', 'Paper', 'Tiny'],
    nouns: ['Critters', 'Robot', 'Doodle', 'Puppet', 'Pals', 'Kingdom'],
    roles: ['a cartoon fox', 'a talking cat', 'a clumsy robot', 'a family of animated misfits'],
    verbs: ['doodles', 'bounces through', 'sketches', 'voices'],
    objects: ['colourful adventures', 'a hand-drawn quest', 'silly misadventures', 'a cartoon prank war'],
    settings: ['in a painted cartoon world', 'in an animated toy town', 'across a storybook valley'],
    episodeMinutes: [20, 30],
  },
  Comedy: {
    adjectives: ['Awkward', 'Lucky', 'Ridiculous', 'Cheerful', 'Clumsy', 'Sunny'],
    nouns: ['Neighbours', 'Roommates', 'Wedding', 'Office', 'Family', 'Party'],
    roles: ['a hapless intern', 'two mismatched roommates', 'an awkward substitute teacher', 'a chaotic family'],
    verbs: ['bungles', 'jokes through', 'improvises', 'laughs off'],
    objects: ['an embarrassing wedding', 'a hilarious road trip', 'a sitcom disaster', 'a prank gone wrong'],
    settings: ['in a quirky suburb', 'at a chaotic office', 'in a noisy apartment block'],
    episodeMinutes: [22, 35],
  },
  Crime: {
    adjectives: ['Dirty', 'Crooked', 'Cold', 'Bloody', 'Hidden', 'Stolen'],
    nouns: ['Cartel', 'Heist', 'Mob', 'Racket', 'Syndicate', 'Getaway'],
    roles: ['a detective', 'a cartel accountant', 'a gang of robbers', 'an undercover cop'],
    verbs: ['launders', 'smuggles', 'plans', 'investigates'],
    objects: ['a bank heist', 'cartel money', 'a gangster empire', 'a drug ring'],
    settings: ['in a crime-ridden city', 'on the mob-run docks', 'across the border underworld'],
    episodeMinutes: [42, 60],
  },
  Drama: {
    adjectives: ['Quiet', 'Broken', 'Golden', 'Distant', 'Proud', 'Last'],
    nouns: ['Inheritance', 'Legacy', 'Promise', 'Dynasty', 'Season', 'Homecoming'],
    roles: ['a grieving widow', 'an ambitious heir', 'three estranged siblings', 'a young nurse'],
    verbs: ['confronts', 'struggles with', 'rebuilds', 'endures'],
    objects: ['a family tragedy', 'a bitter inheritance', 'a painful divorce', 'a dying legacy'],
    settings: ['in a struggling mill town', 'at a royal court', 'in a working-class family home'],
    episodeMinutes: [45, 65],
  },
  Fantasy: {
    adjectives: ['Enchanted', 'Ancient', 'Shadow', 'Crimson', 'Elven', 'Cursed'],
    nouns: ['Throne', 'Dragon', 'Sorcerer', 'Realm', 'Crown', 'Prophecy'],
    roles: ['a young sorceress', 'an exiled prince', 'a dragon rider', 'a reluctant wizard'],
    verbs: ['enchants', 'battles', 'summons', 'breaks'],
    objects: ['an ancient curse', 'a dragon prophecy', 'a magic sword', 'a kingdom of elves'],
    settings: ['in a realm of magic', 'beyond the enchanted forest', 'across a mythical kingdom'],
    episodeMinutes: [45, 65],
  },
  Mystery: {
    adjectives: ['Vanishing', 'Silent', 'Missing', 'Locked', 'Hollow', 'Secret'],
    nouns: ['Harbor', 'Clue', 'Manor', 'Riddle', 'Disappearance', 'Lighthouse'],
    roles: ['an amateur sleuth', 'a small-town sheriff', 'a curious journalist', 'a retired inspector'],
    verbs: ['uncovers', 'unravels', 'deciphers', 'follows'],
    objects: ['a vanishing', 'a locked-room riddle', 'hidden clues', 'a decades-old disappearance'],
    settings: ['in a foggy coastal village', 'at an isolated manor', 'in a town full of secrets'],
    episodeMinutes: [40, 60],
  },
  Romance: {
    adjectives: ['Sweet', 'Secret', 'Summer', 'Tender', 'Starlit', 'Forever'],
    nouns: ['Love', 'Kiss', 'Heart', 'Wedding', 'Affair', 'Serenade'],
    roles: ['a shy florist', 'two former sweethearts', 'a travelling chef', 'a heartbroken bride'],
    verbs: ['falls for', 'courts', 'rekindles', 'longs for'],
    objects: ['an unexpected love', 'a summer romance', 'a forbidden affair', 'a second-chance kiss'],
    settings: ['in a seaside town', 'in romantic Paris', 'at a vineyard wedding'],
    episodeMinutes: [30, 55],
  },
  'Sci-Fi': {
    adjectives: ['Quantum', 'Orbital', 'Synthetic', 'Stellar', 'Neon', 'Cyber'],
    nouns: ['Colony', 'Android', 'Signal', 'Starship', 'Protocol', 'Horizon'],
    roles: ['a starship crew', 'a rogue android', 'an astronaut', 'a time-travelling scientist'],
    verbs: ['decodes', 'escapes', 'terraforms', 'hacks'],
    objects: ['an alien signal', 'a quantum experiment', 'a dying space colony', 'a rogue artificial intelligence'],
    settings: ['aboard a starship', 'on a distant planet', 'in a cyberpunk future'],
    episodeMinutes: [40, 60],
  },
  Thriller: {
    adjectives: ['Deadly', 'Dark', 'Fatal', 'Final', 'Twisted', 'Paranoid'],
    nouns: ['Hunt', 'Conspiracy', 'Stalker', 'Hostage', 'Countdown', 'Trap'],
    roles: ['a hunted witness', 'an obsessive stalker', 'a paranoid hacker', 'a kidnapped diplomat'],
    verbs: ['outruns', 'exposes', 'survives', 'escapes'],
    objects: ['a deadly conspiracy', 'a ticking countdown', 'a hostage plot', 'a psychological trap'],
    settings: ['in a paranoid surveillance state', 'on a night of terror', 'inside a locked bunker'],
    episodeMinutes: [40, 60],
  },
};

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)];

/**
 * `count` synthetic titles with ids from `firstId`, spread evenly over the case study's genres
 * (each block of 9 titles covers every genre once, in a shuffled order). Names are unique within
 * the result and against `takenNames`, ignoring a leading "The": a catalogue with both "Paranoid
 * Conspiracy" and "The Paranoid Conspiracy" reads as one title listed twice.
 */
export function syntheticTitles(rng: Rng, count: number, firstId: number, takenNames: ReadonlySet<string>): Title[] {
  const names = new Set([...takenNames].map(nameKey));
  const titles: Title[] = [];
  let block: string[] = [];
  for (let i = 0; i < count; i++) {
    if (block.length === 0) block = shuffled(rng, CASE_STUDY_GENRES);
    const genre = block.pop()!;
    const w = WORDS[genre];
    const base = rng() < 0.7 ? `The ${pick(rng, w.adjectives)} ${pick(rng, w.nouns)}` : `${pick(rng, w.adjectives)} ${pick(rng, w.nouns)}`;
    let name = base;
    for (let n = 2; names.has(nameKey(name)); n++) name = `${base} ${n}`; // a sequel, as real catalogues do
    names.add(nameKey(name));
    const isMovie = rng() < 0.25;
    const durationMin = isMovie ? randomInt(rng, genre === 'Animation' ? 80 : 85, genre === 'Animation' ? 100 : 150) : randomInt(rng, w.episodeMinutes[0], w.episodeMinutes[1]);
    // Releases skew recent, like a streaming catalogue: max of two uniform years.
    const year = Math.max(randomInt(rng, 1995, 2024), randomInt(rng, 1995, 2024));
    const description = `${capitalise(pick(rng, w.roles))} ${pick(rng, w.verbs)} ${pick(rng, w.objects)} ${pick(rng, w.settings)}.`;
    titles.push({
      id: String(firstId + i),
      name,
      genres: [genre],
      year,
      durationMin,
      kind: isMovie ? 'Movie' : 'TV Show',
      description,
      tags: [],
    });
  }
  return titles;
}

/** What two names must not share: the name without a leading article, in lower case. */
function nameKey(name: string): string {
  return name.replace(/^the\s+/i, '').toLowerCase();
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
