import snowballStemmers from "snowball-stemmers";

/**
 * A Snowball stemmer as a plain function. English Snowball (Porter 2) works on ASCII, so it suits
 * folded words as they are; Spanish needs the help in spanish-stem.ts.
 */
export function snowballStem(algorithm: "english" | "spanish"): (word: string) => string {
  const stemmer = snowballStemmers.newStemmer(algorithm);
  return (word) => stemmer.stem(word);
}
