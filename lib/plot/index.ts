/**
 * Charts for the course: static PNG charts drawn with Observable Plot in Node, interactive
 * plotly figures, and live progress for training loops. Lessons should import the concrete
 * files (an index barrel goes stale when tslab reloads an edited file); this barrel is for
 * scripts and tools.
 */
export * from "./render";
export * from "./display";
export * from "./chart";
export * from "./validate";
export * from "./line";
export * from "./contour";
export * from "./scatter";
export * from "./histogram";
export * from "./plotly";
export * from "./live";
