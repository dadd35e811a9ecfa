// The few client-side enhancements, bundled by Vite. Every page works without them: the users
// index is a plain paginated list, the user page shows all its recommendation cards and the
// header links work without the "you are here" marker.
import { enhanceUsersIndex } from './usersIndex.ts';
import { enhanceGenreFilter } from './genreFilter.ts';
import { enhanceSectionSpy } from './sectionSpy.ts';

enhanceUsersIndex(document);
enhanceGenreFilter(document);
enhanceSectionSpy(document, window);
