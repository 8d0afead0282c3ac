/**
 * The tables, for whichever database this process uses (db/dialect.ts). Queries import them from
 * here and are written once: ./schema/sqlite.ts and ./schema/pg.ts declare the same tables for
 * each dialect (db/schema/parity.test.ts keeps them equal), and the types everyone sees are the
 * SQLite declaration's. docs/decisions/010-postgresql.md.
 */
import { databaseDialect } from "./dialect";
import * as pg from "./schema/pg";
import * as sqlite from "./schema/sqlite";
import type { Assignment as AssignmentRow } from "./schema/sqlite";
import type { LessonContent } from "../lib/lesson/types";

const tables = (databaseDialect() === "postgres" ? pg : sqlite) as unknown as typeof sqlite;

export const users = tables.users;
export const sections = tables.sections;
export const enrollments = tables.enrollments;
export const invitations = tables.invitations;
export const signInThrottle = tables.signInThrottle;
export const assignments = tables.assignments;
export const submissions = tables.submissions;
export const submissionImages = tables.submissionImages;
export const attempts = tables.attempts;
export const scores = tables.scores;
export const gradeEvents = tables.gradeEvents;
export const bankedComments = tables.bankedComments;
export const discussionStars = tables.discussionStars;
export const recapPicks = tables.recapPicks;
export const excusals = tables.excusals;
export const extensions = tables.extensions;
export const accessLog = tables.accessLog;
export const signInEvents = tables.signInEvents;
export const endedSessions = tables.endedSessions;
export const pendingFileDeletions = tables.pendingFileDeletions;
export const erasureRequests = tables.erasureRequests;
export const erasureAcknowledgements = tables.erasureAcknowledgements;

export type { Role } from "../lib/roles";
export type { Submission } from "./schema/sqlite";
/** An assignment as the loaders in db/queries/ownership.ts return it: its lesson content completed by withLessonDefaults. */
export type Assignment = Omit<AssignmentRow, "content"> & { content: LessonContent };
