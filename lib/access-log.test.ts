import { describe, expect, it } from "vitest";
import { ACCOUNT_CHANGES, describeAccess, erasedDetail, EXCUSAL_TAKEN_BACK, EXCUSED, OWN_DATA_EXPORT, RETENTION_PURGE } from "./access-log";

const base = {
  actorName: "Dana Rivera",
  actorRole: "teacher" as const,
  studentName: "Sam Lee",
  studentId: "s1",
  assignmentTitle: "Year in Review",
  sectionName: "Period 2",
  detail: "",
};

describe("describeAccess", () => {
  it("reads as who did what to whose work, and where", () => {
    expect(describeAccess({ ...base, action: "view_work" })).toEqual({
      sentence: "Dana Rivera (teacher) opened Sam Lee’s work",
      where: "Year in Review, Period 2",
    });
    expect(describeAccess({ ...base, action: "view_work", detail: "discussion board" }).sentence).toBe(
      "Dana Rivera (teacher) opened Sam Lee’s work (discussion board)",
    );
    expect(describeAccess({ ...base, action: "grade", detail: "Ideation score" }).sentence).toBe(
      "Dana Rivera (teacher) graded Sam Lee’s work (Ideation score)",
    );
  });

  it("names the file of a class download and a student who is gone", () => {
    expect(
      describeAccess({
        ...base,
        action: "export_grades",
        studentName: null,
        studentId: null,
        assignmentTitle: null,
        detail: "Period 2 - all grades.csv",
      }),
    ).toEqual({ sentence: "Dana Rivera (teacher) downloaded grades (Period 2 - all grades.csv)", where: "Period 2" });
    // The same download's row for one student in the file names them (the rows used to read alike).
    const forSam = { ...base, studentName: "Sam Lee", assignmentTitle: null, detail: "Period 2 - all grades.csv" };
    expect(describeAccess({ ...forSam, action: "export_grades" }).sentence).toBe(
      "Dana Rivera (teacher) downloaded grades, Sam Lee’s among them (Period 2 - all grades.csv)",
    );
    expect(describeAccess({ ...forSam, action: "export_roster", detail: "Period 2 - roster.csv" }).sentence).toBe(
      "Dana Rivera (teacher) downloaded the roster, Sam Lee on it (Period 2 - roster.csv)",
    );
    expect(describeAccess({ ...base, action: "view_work", studentName: null, studentId: null }).sentence).toBe(
      "Dana Rivera (teacher) opened an erased student’s work",
    );
    // An excusal, and taking it back, in words of their own (not "graded").
    expect(describeAccess({ ...base, action: "excuse", detail: EXCUSED }).sentence).toBe(
      "Dana Rivera (teacher) excused Sam Lee from the assignment",
    );
    expect(describeAccess({ ...base, action: "excuse", detail: EXCUSAL_TAKEN_BACK, studentName: null }).sentence).toBe(
      "Dana Rivera (teacher) took back the excusal of a student",
    );
  });

  it("says what an erasure removed, naming nobody; an older row's detail, which said only that, is not repeated", () => {
    const erased = { ...base, action: "erase" as const, studentName: null, studentId: null, assignmentTitle: null, sectionName: null };
    expect(describeAccess({ ...erased, actorName: "Morgan Lee", actorRole: "admin", detail: erasedDetail(4) }).sentence).toBe(
      "Morgan Lee (admin) erased a student: their account and work, and 4 stored files (each image and its thumbnail)",
    );
    expect(erasedDetail(0)).toBe("their account and work; no stored files");
    expect(describeAccess({ ...erased, actorName: "Morgan Lee", actorRole: "admin", detail: "student erased" }).sentence).toBe(
      "Morgan Lee (admin) erased a student",
    );
  });

  it("names an actor whose account was erased (the registry blanks the name) as an erased account; a named one by name", () => {
    expect(describeAccess({ ...base, action: "view_work", actorName: "" }).sentence).toBe(
      "An erased account (teacher) opened Sam Lee’s work",
    );
    expect(describeAccess({ ...base, action: "view_work" }).sentence).toBe("Dana Rivera (teacher) opened Sam Lee’s work");
    const own = { ...base, action: "export_data" as const, detail: OWN_DATA_EXPORT };
    expect(describeAccess({ ...own, actorName: "" }).sentence).toBe("An erased account (teacher) downloaded their own data");
  });

  it("says the retention purge erased a teacher's or an administrator's account, and a student as a student", () => {
    const erased = { ...base, action: "erase" as const, studentName: null, studentId: null, assignmentTitle: null, sectionName: null };
    const purge = { ...erased, actorName: RETENTION_PURGE.name, actorRole: RETENTION_PURGE.role };
    expect(describeAccess({ ...purge, detail: erasedDetail(0, "teacher") }).sentence).toBe(
      "Retention purge (admin) erased the deactivated account of a teacher; no stored files",
    );
    expect(describeAccess({ ...purge, detail: erasedDetail(1, "admin") }).sentence).toBe(
      "Retention purge (admin) erased the deactivated account of an administrator; 1 stored file",
    );
    expect(describeAccess({ ...purge, detail: erasedDetail(2, "student") }).sentence).toBe(
      "Retention purge (admin) erased a student: their account and work, and 2 stored files (each image and its thumbnail)",
    );
  });

  it("says a person downloaded their own data, whoever they are; an administrator's export of a student names the student", () => {
    const own = { ...base, action: "export_data" as const, assignmentTitle: null, sectionName: null, detail: OWN_DATA_EXPORT };
    expect(describeAccess({ ...own, studentName: null, studentId: null })).toEqual({
      sentence: "Dana Rivera (teacher) downloaded their own data",
      where: null,
    });
    expect(describeAccess({ ...own, actorName: "Sam Lee", actorRole: "student" }).sentence).toBe(
      "Sam Lee (student) downloaded their own data",
    );
    expect(describeAccess({ ...own, actorName: "Morgan Lee", actorRole: "admin", detail: "data export" }).sentence).toBe(
      "Morgan Lee (admin) downloaded Sam Lee’s data (data export)",
    );
  });
});

describe("describeAccess: accounts and sections", () => {
  const admin = { ...base, actorName: "Morgan Lee", actorRole: "admin" as const, assignmentTitle: null, sectionName: null };
  it("says what an administrator changed of whose account, and to whom a section went", () => {
    const said = (detail: string) => describeAccess({ ...admin, action: "account", detail }).sentence;
    expect(said(ACCOUNT_CHANGES.oneTimePassword)).toBe("Morgan Lee (admin) gave Sam Lee a one-time password");
    expect(said(ACCOUNT_CHANGES.deactivated)).toBe("Morgan Lee (admin) deactivated the account of Sam Lee");
    expect(said(ACCOUNT_CHANGES.reactivated)).toBe("Morgan Lee (admin) reactivated the account of Sam Lee");
    expect(said(ACCOUNT_CHANGES.renamed)).toBe("Morgan Lee (admin) corrected the name of Sam Lee");
    expect(said(ACCOUNT_CHANGES.madeTeacher)).toBe("Morgan Lee (admin) made Sam Lee a teacher");
    expect(said(ACCOUNT_CHANGES.madeStudent)).toBe("Morgan Lee (admin) made Sam Lee a student");
    expect(said(ACCOUNT_CHANGES.approved)).toBe("Morgan Lee (admin) approved Sam Lee as a teacher");
    expect(said(ACCOUNT_CHANGES.refused)).toBe("Morgan Lee (admin) refused Sam Lee as a teacher");
    expect(describeAccess({ ...admin, action: "transfer_section", studentName: "Dana Rivera", sectionName: "Period 2" })).toEqual({
      sentence: "Morgan Lee (admin) gave the section to Dana Rivera",
      where: "Period 2",
    });
  });

  it("names nobody once the account is gone, and words a detail it doesn't know", () => {
    const gone = { ...admin, studentName: null, studentId: null };
    expect(describeAccess({ ...gone, action: "account", detail: ACCOUNT_CHANGES.oneTimePassword }).sentence).toBe(
      "Morgan Lee (admin) gave an erased account a one-time password",
    );
    expect(describeAccess({ ...gone, action: "transfer_section" }).sentence).toBe(
      "Morgan Lee (admin) gave the section to a teacher whose account is erased",
    );
    expect(describeAccess({ ...admin, action: "account", detail: "Something new" }).sentence).toBe(
      "Morgan Lee (admin) changed the account of Sam Lee (Something new)",
    );
  });
});
