// The package ships no types; only what snowball-stem.ts uses.
declare module "snowball-stemmers" {
  interface SnowballStemmer {
    stem(word: string): string;
  }
  const snowballStemmers: {
    newStemmer(algorithm: string): SnowballStemmer;
    algorithms(): string[];
  };
  export default snowballStemmers;
}
