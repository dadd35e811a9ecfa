// The few client-side enhancements, bundled by Vite. Every page works without them: the users
// index is a plain paginated list and the user page shows all its recommendation cards.
import { enhanceUsersIndex } from './usersIndex.ts';
import { enhanceGenreFilter } from './genreFilter.ts';

enhanceUsersIndex(document);
enhanceGenreFilter(document);
