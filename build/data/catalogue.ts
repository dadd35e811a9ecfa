// The case study's default catalogue and users (DESIGN.md "The case study's data").
// Titles, genres, years, durations, plans and regions are exactly the case study's; the one-line
// descriptions are ours (the case study had none) so the content signal has some text to use.
import type { Title, User } from '../types.ts';

type Row = [id: string, name: string, genre: string, year: number, minutes: number, description: string];

const TITLE_ROWS: Row[] = [
  ['1', 'Stranger Things', 'Sci-Fi', 2016, 50, 'Kids in a small town face a secret lab, a missing friend and a monster from another dimension.'],
  ['2', 'The Crown', 'Drama', 2016, 58, 'The reign of Queen Elizabeth II, from duty and family rifts to the politics of a changing nation.'],
  ['3', 'Black Mirror', 'Thriller', 2011, 60, 'Standalone tales of technology turning on the people who cannot live without it.'],
  ['4', 'Money Heist', 'Crime', 2017, 45, 'A mastermind and a crew of robbers take hostages inside the Royal Mint of Spain.'],
  ['5', 'Narcos', 'Crime', 2015, 50, 'Agents hunt the cocaine kingpin Pablo Escobar through the cartel wars of Colombia.'],
  ['6', 'BoJack Horseman', 'Animation', 2014, 25, 'A washed-up sitcom horse stumbles through Hollywood, fame and his own regrets.'],
  ['7', 'The Witcher', 'Fantasy', 2019, 60, 'A monster hunter, a sorceress and a fated princess cross paths on a war-torn continent.'],
  ['8', 'Bridgerton', 'Romance', 2020, 55, 'Courtship, scandal and love among the rival families of Regency London society.'],
  ['9', 'Breaking Bad', 'Crime', 2008, 47, 'A chemistry teacher turns drug manufacturer and descends into the criminal underworld.'],
  ['10', 'Dark', 'Mystery', 2017, 60, 'A missing child exposes time-travel secrets that bind four families of a German town.'],
  ['11', "Queen's Gambit", 'Drama', 2020, 60, 'An orphaned chess prodigy fights addiction on her rise to the top of the game.'],
  ['12', 'You', 'Thriller', 2018, 45, 'A charming bookstore manager becomes a dangerous stalker obsessed with love.'],
  ['13', 'Sex Education', 'Comedy', 2019, 50, 'An awkward teenager runs an underground advice clinic at his chaotic high school.'],
  ['14', 'Lucifer', 'Fantasy', 2016, 48, 'The devil quits hell for Los Angeles and helps a detective solve murders.'],
  ['15', 'Ozark', 'Crime', 2017, 55, 'A financial adviser launders money for a drug cartel in the lakes of Missouri.'],
  ['16', 'Emily in Paris', 'Romance', 2020, 30, 'A marketing executive finds love, friendship and culture shock in Paris.'],
  ['17', 'Peaky Blinders', 'Drama', 2013, 60, 'A Birmingham gang family builds an empire in the years after the Great War.'],
  ['18', 'Love Death Robots', 'Sci-Fi', 2019, 20, 'Animated short stories of robots, aliens and futures gone wrong.'],
  ['19', 'Manifest', 'Mystery', 2018, 50, 'Passengers of a lost flight return five years later to visions and a mystery.'],
  ['20', 'The Sandman', 'Fantasy', 2022, 60, 'The lord of dreams escapes captivity and rebuilds his realm of stories.'],
];

/** The case study's 20 titles, in id order. Returns fresh objects (callers may not share them). */
export function caseStudyTitles(): Title[] {
  return TITLE_ROWS.map(([id, name, genre, year, minutes, description]) => ({
    id,
    name,
    genres: [genre],
    year,
    durationMin: minutes,
    kind: 'TV Show' as const,
    description,
    tags: [],
  }));
}

const PLANS = ['Basic', 'Standard', 'Premium', 'Standard', 'Basic', 'Premium', 'Standard', 'Basic', 'Premium', 'Standard'];
const REGIONS = ['India', 'USA', 'UK', 'Canada', 'India', 'USA', 'UK', 'Canada', 'India', 'USA'];

/** The case study's 10 users, ids 101–110, with their plans and regions. */
export function caseStudyUsers(): User[] {
  return PLANS.map((plan, i) => ({ id: String(101 + i), plan, region: REGIONS[i] }));
}

/** The 9 genres of the case study, sorted by name; synthetic titles are spread over these. */
export const CASE_STUDY_GENRES: readonly string[] = [...new Set(TITLE_ROWS.map((r) => r[2]))].sort();
