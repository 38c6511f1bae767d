/**
 * Compact stop-word lists, stored folded (lowercase, no accents) because they are compared with folded
 * tokens. Short on purpose: BM25's IDF already discounts common words; these only remove function
 * words that would otherwise add noise to every query ("¿Qué …?", "how do I …").
 */

const spanish = `
a al algo alguna algunas alguno algunos ante antes aqui asi aun bajo cada como con contra cual cuales
cuando cuanta cuantas cuanto cuantos cuya cuyas cuyo cuyos de del desde donde durante e el ella ellas
ello ellos en entre era eran eres es esa esas ese eso esos esta estaba estaban estado estamos estan
estar estas este esto estos estoy fue fueron ha habia habian haber han has hasta hay he hemos hubo la
las le les lo los mas me mi mis mucho muchos muy nada ni no nos nosotras nosotros nuestra nuestras
nuestro nuestros o os otra otras otro otros para pero poco por porque puede pueden que quien quienes
se sea segun ser si sido sin sobre son soy su sus suya suyas suyo suyos tal tambien tan tanto te tenia
ti tiene tienen toda todas todo todos tras tu tus u un una unas uno unos usted ustedes y ya yo
`;

const english = `
a about above after again against all am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have
having he her here hers herself him himself his how i if in into is it its itself just me more most
my myself no nor not now of off on once only or other our ours ourselves out over own same she should
so some such than that the their theirs them themselves then there these they this those through to
too under until up very was we were what when where which while who whom why will with would you your
yours yourself yourselves s t d ll m re ve
`;

/**
 * Words that are function words in one language but content words in the other ("son", "sea", "era"
 * in English; "once" = eleven in Spanish): dropped only when the text is known to be in the language
 * where they are stop words.
 */
export const ambiguousStopWords: ReadonlySet<string> = new Set(["son", "sea", "era", "sin", "once"]);

export const spanishStopWords: ReadonlySet<string> = new Set(spanish.split(/\s+/).filter(Boolean));

export const englishStopWords: ReadonlySet<string> = new Set(english.split(/\s+/).filter(Boolean));
