-- A class is ordered by its enrollments' sort names, which were the lower-cased names ("ángela"
-- sorted after "zoë"). They are now folded as a search folds them (lib/class-order.ts sortNameOf):
-- search_fold is that fold, the JavaScript function the app registers on every SQLite connection it
-- opens, before migrating (db/sql.ts registerSqlFunctions).
UPDATE `enrollments` SET `sort_name` = search_fold(trim((SELECT `name` FROM `users` WHERE `users`.`id` = `enrollments`.`student_id`)))
  WHERE `sort_name` <> search_fold(trim((SELECT `name` FROM `users` WHERE `users`.`id` = `enrollments`.`student_id`)));
