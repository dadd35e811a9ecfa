// The model stage's public surface.
export { buildModel, DEFAULT_NEIGHBOURS, type Model, type ModelOptions } from './model.ts';
export { matrixDownloads, ratingMatrixRows, similarityRows, contentSimilarityRows, genreAffinityRows, type RatingRow, type SimilarityRow, type AffinityRow } from './rows.ts';
export { itemCosineTopK, coRatedTopK, columnCosine, columnNorms, type Neighbours, type PairWeighting, type CosineOptions } from './similarity.ts';
export { buildMatrix, ratingMatrix, indexMaps, entry, learningMatrix, PAIR_BUDGET, type RatingMatrix, type IndexMaps } from './matrix.ts';
export { buildContentIndex, contentCosine, descriptionWords, type ContentIndex } from './content.ts';
export { genreAffinities, titleGenreIndex, type TitleGenres } from './affinity.ts';
