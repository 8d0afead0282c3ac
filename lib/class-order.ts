import { foldForSearch } from "./text";

/**
 * How a class is ordered: by name, ignoring capitals and accents ("Ángela" with the a's, "Łukasz"
 * with the l's, not after "Zoë"), and by a random key when grading anonymously. Enrollments keep the
 * folded name (`sortName`) so the database orders a class from an index; ties fall back to the
 * student's id so every order is total and stable. The rosters and exports sort by the same fold
 * in SQL (db/sql.ts `nameOrder`).
 */
export const sortNameOf = (name: string) => foldForSearch(name.trim());
