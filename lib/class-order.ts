/**
 * How a class is ordered: by name, case-insensitively, and by a random key when grading
 * anonymously. Enrollments keep the lower-cased name (`sortName`) so the database orders a class
 * from an index; ties fall back to the student's id so every order is total and stable.
 */
export const sortNameOf = (name: string) => name.trim().toLowerCase();
