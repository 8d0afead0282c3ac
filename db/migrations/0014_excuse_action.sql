-- Excusals were logged as grading; they have their own action now (a student sees an excusal at once).
UPDATE `access_log` SET `action` = 'excuse'
  WHERE `action` = 'grade' AND `detail` IN ('Excused from the assignment', 'Excusal taken back');
