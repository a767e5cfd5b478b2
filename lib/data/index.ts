/**
 * Toy datasets for the network lessons: seeded 2-D generators, a train/test split and one-hot
 * encoding. (A convenience barrel; see the per-file docs for formulas and defaults.)
 */
export { DEFAULT_SEED, checkDataset, type Dataset } from "./dataset";
export { moons, spirals, xor, circles, blobs, type Toy2dOptions, type SpiralsOptions, type CirclesOptions, type BlobsOptions } from "./toy2d";
export { trainTestSplit, type SplitOptions, type Split } from "./split";
export { oneHot } from "./onehot";
