/** A lexical vector: hashed term ids and their weights, sorted by index, no duplicates. */
export interface SparseVector {
  indices: number[];
  values: number[];
}
