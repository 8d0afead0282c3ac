/**
 * The grading view's heading, the student's name, takes the focus when the view comes (from the
 * Students list, or from another student: the button or row that had the focus went with them), as
 * long as nothing else has it: a screen reader says whom, and Tab goes on from the top of their work.
 */
export function focusStudentName() {
  if (document.activeElement === document.body) document.getElementById("grading-student")?.focus({ preventScroll: true });
}
