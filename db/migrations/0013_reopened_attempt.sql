ALTER TABLE `submissions` ADD `reopened_attempt` integer;--> statement-breakpoint
-- Work reopened before this column: reopened still if not handed in again since the grade it kept was returned.
UPDATE `submissions` SET `reopened_attempt` = `attempt_count`
  WHERE `earlier_grade` IS NOT NULL AND `returned_at` IS NULL AND `submitted_at` IS NOT NULL
    AND `submitted_at` <= CAST(strftime('%s', json_extract(`earlier_grade`, '$.returnedAt')) AS INTEGER) * 1000 + CAST(substr(json_extract(`earlier_grade`, '$.returnedAt'), 21, 3) AS INTEGER);
