/**
 * The answer bank's calibration set, written for it (not taken from any dataset): an approved
 * question and a new one, in English and Spanish.
 *
 * - `paraphrase`: the same question rephrased; the approved answer is right for it.
 *   `keepsWords: true` when it keeps the content words (reordered, inflected, other function words,
 *   a word added): the lexical path must serve it. `false` for synonyms and other languages: only a
 *   dense model can see those, and the lexical path must leave them to a fresh answer.
 * - `near-miss`: shares most words with the approved question but asks something else (another
 *   office, team, year, the opposite): the approved answer would be wrong, so neither path may serve it.
 */
export interface QuestionPair {
  approved: string;
  asked: string;
  kind: "paraphrase" | "near-miss";
  keepsWords?: boolean;
  language: "en" | "es" | "mixed";
}

const paraphrase = (approved: string, asked: string, language: QuestionPair["language"], keepsWords = true) =>
  ({ approved, asked, kind: "paraphrase", keepsWords, language }) satisfies QuestionPair;
const nearMiss = (approved: string, asked: string, language: QuestionPair["language"]) =>
  ({ approved, asked, kind: "near-miss", language }) satisfies QuestionPair;

export const questionPairs: QuestionPair[] = [
  // English, words kept.
  paraphrase("How do I reset my password?", "How can I reset my password?", "en"),
  paraphrase(
    "How many vacation days do I get per year?",
    "How many days of vacation do I get each year?",
    "en",
  ),
  paraphrase(
    "Where is the expense report template?",
    "Where can I find the template for expense reports?",
    "en",
  ),
  paraphrase("What is the Wi-Fi password in the Madrid office?", "Madrid office wifi password?", "en"),
  paraphrase(
    "Who approves purchase orders over 5000 euros?",
    "Purchase orders over 5000 euros: who approves them?",
    "en",
  ),
  paraphrase("How do I request parental leave?", "What's the process to request parental leave?", "en"),
  paraphrase("When is payroll paid each month?", "When does payroll get paid every month?", "en"),
  paraphrase("How do I book a meeting room?", "Booking a meeting room: how do I do it?", "en"),
  paraphrase("What is the on-call rotation for the payments team?", "payments team on-call rotation", "en"),
  paraphrase(
    "How do I connect to the VPN from home?",
    "How can I connect to the VPN when working from home?",
    "en",
  ),
  paraphrase("Can I bring my dog to the office?", "Am I allowed to bring my dog to the office?", "en"),
  paraphrase("Which expenses are not reimbursed?", "Which expenses aren't reimbursed?", "en"),
  // English, other words: dense only.
  paraphrase(
    "What laptop do new engineers get?",
    "Which computer is given to newly hired developers?",
    "en",
    false,
  ),
  paraphrase("How many vacation days do I get per year?", "What is my annual leave allowance?", "en", false),
  paraphrase(
    "How do I reset my password?",
    "I forgot my login, how do I get back into my account?",
    "en",
    false,
  ),
  paraphrase("Can I work remotely?", "Is working from home allowed?", "en", false),
  // Spanish, words kept.
  paraphrase("¿Cuántos días de vacaciones tengo al año?", "¿Cuántos días de vacaciones tengo por año?", "es"),
  paraphrase("¿Dónde está la plantilla de gastos?", "¿Dónde encuentro la plantilla de gastos?", "es"),
  paraphrase(
    "¿Quién aprueba las vacaciones del equipo de ventas?",
    "Vacaciones del equipo de ventas: ¿quién las aprueba?",
    "es",
  ),
  paraphrase("¿Cómo solicito la baja por paternidad?", "¿Cómo se solicita la baja por paternidad?", "es"),
  paraphrase(
    "¿Cuál es la contraseña del wifi de la oficina de Madrid?",
    "contraseña wifi oficina Madrid",
    "es",
  ),
  paraphrase("¿Puedo llevar mi perro a la oficina?", "¿Se puede llevar el perro a la oficina?", "es"),
  paraphrase("¿Cuándo se paga la nómina?", "¿Cuándo pagan la nómina?", "es"),
  paraphrase("¿Qué gastos no se reembolsan?", "¿Cuáles son los gastos que no se reembolsan?", "es"),
  // Spanish and across languages, other words: dense only.
  paraphrase("¿Puedo teletrabajar?", "¿Está permitido trabajar desde casa?", "es", false),
  // The same words, but Snowball keeps an irregular verb's forms apart (restablezc / restablec).
  paraphrase("¿Cómo restablezco mi contraseña?", "¿Cómo puedo restablecer mi contraseña?", "es", false),
  paraphrase(
    "How many vacation days do I get per year?",
    "¿Cuántos días de vacaciones tengo al año?",
    "mixed",
    false,
  ),
  paraphrase("¿Cómo restablezco mi contraseña?", "How do I reset my password?", "mixed", false),

  // English near misses.
  nearMiss("How many vacation days do I get per year?", "How many sick days do I get per year?", "en"),
  nearMiss("How do I reset my password?", "How do I reset my laptop?", "en"),
  nearMiss(
    "What is the Wi-Fi password in the Madrid office?",
    "What is the Wi-Fi password in the Barcelona office?",
    "en",
  ),
  nearMiss("Where is the expense report template?", "When is the expense report due?", "en"),
  nearMiss(
    "Who approves purchase orders over 5000 euros?",
    "Who approves purchase orders over 500 euros?",
    "en",
  ),
  nearMiss("How do I request parental leave?", "How do I extend parental leave?", "en"),
  nearMiss(
    "What is the on-call rotation for the payments team?",
    "What is the on-call rotation for the search team?",
    "en",
  ),
  nearMiss("Can I bring my dog to the office?", "Can I bring my child to the office?", "en"),
  nearMiss("How do I connect to the VPN from home?", "How do I connect to the printer from home?", "en"),
  nearMiss("What laptop do new engineers get?", "What laptop do new designers get?", "en"),
  nearMiss("Which expenses are not reimbursed?", "Which expenses are reimbursed?", "en"),
  nearMiss("What were the sales targets for 2024?", "What were the sales targets for 2025?", "en"),
  nearMiss("How do I book a meeting room?", "How do I cancel a meeting room booking?", "en"),
  nearMiss("When is payroll paid each month?", "When is the bonus paid each year?", "en"),
  nearMiss(
    "How do I add a user to the payments dashboard?",
    "How do I remove a user from the payments dashboard?",
    "en",
  ),
  nearMiss(
    "What is the travel budget for the engineering team?",
    "What is the hardware budget for the engineering team?",
    "en",
  ),
  // Spanish near misses.
  nearMiss(
    "¿Cuántos días de vacaciones tengo al año?",
    "¿Cuántos días de baja por enfermedad tengo al año?",
    "es",
  ),
  nearMiss(
    "¿Cuál es la contraseña del wifi de la oficina de Madrid?",
    "¿Cuál es la contraseña del wifi de la oficina de Sevilla?",
    "es",
  ),
  nearMiss(
    "¿Quién aprueba las vacaciones del equipo de ventas?",
    "¿Quién aprueba los gastos del equipo de ventas?",
    "es",
  ),
  nearMiss("¿Puedo llevar mi perro a la oficina?", "¿Puedo llevar mi bicicleta a la oficina?", "es"),
  nearMiss("¿Cómo solicito la baja por paternidad?", "¿Cómo solicito la baja por maternidad?", "es"),
  nearMiss("¿Qué gastos no se reembolsan?", "¿Qué gastos se reembolsan?", "es"),
  nearMiss("¿Cuándo se paga la nómina?", "¿Cuándo se paga el bonus?", "es"),
  nearMiss(
    "¿Cuál fue el presupuesto de marketing en 2023?",
    "¿Cuál fue el presupuesto de marketing en 2024?",
    "es",
  ),
  nearMiss("¿Cómo restablezco mi contraseña?", "¿Cómo restablezco mi portátil?", "es"),
  // Across languages.
  nearMiss(
    "How many vacation days do I get per year?",
    "¿Cuántos días de baja por enfermedad tengo al año?",
    "mixed",
  ),
];

/** Every approved question once: the bank the set is scored against (its IDF comes from these). */
export const approvedQuestions = [...new Set(questionPairs.map((pair) => pair.approved))];
