// The templates' one door: build/ imports templates/ only through this module
// (tests/site/layers.test.ts keeps it so). It offers the contract (the view the pages receive and
// the URL rules, from view.ts) and the page renderers, each a function of a view to markup.
export * from './view.ts';
export * from './assets/userShards.ts';
export { assetEntryPage } from './assetEntry.ts';
export { changesPage } from './changes.ts';
export { chartFigure } from './chart.ts';
export { draftsPage } from './drafts.ts';
export { homePage } from './home.ts';
export { userPage } from './userPage.ts';
export { usersIndexPage } from './usersIndex.ts';
