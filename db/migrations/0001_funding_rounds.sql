-- The three Landsbyggefonden funding rounds and their allowed focus areas (DESIGN.md R3).
INSERT INTO "funding_rounds" ("code", "name") VALUES
  ('2011-14', 'LBF-midler 2011-14'),
  ('2015-18', 'LBF-midler 2015-18'),
  ('2019-26', 'LBF-midler 2019-26');
--> statement-breakpoint
INSERT INTO "focus_areas" ("funding_round_id", "name", "position")
SELECT r.id, f.name, f.position
FROM (VALUES
  ('2011-14', 'Børn, unge og familie', 1),
  ('2011-14', 'Uddannelse, beskæftigelse og erhverv', 2),
  ('2011-14', 'Beboernetværk, inddragelse og demokrati', 3),
  ('2011-14', 'Sundhed', 4),
  ('2011-14', 'Udsatte grupper', 5),
  ('2011-14', 'Kultur og fritid', 6),
  ('2011-14', 'Image og kommunikation', 7),
  ('2015-18', 'Tryghed og trivsel', 1),
  ('2015-18', 'Kriminalpræventiv indsats', 2),
  ('2015-18', 'Uddannelse og beskæftigelse', 3),
  ('2015-18', 'Forebyggelse og forældreansvar', 4),
  ('2019-26', 'Uddannelse og livschancer', 1),
  ('2019-26', 'Beskæftigelse', 2),
  ('2019-26', 'Kriminalitetsforebyggelse', 3),
  ('2019-26', 'Sammenhængskraft og medborgerskab', 4)
) AS f(code, name, position)
JOIN "funding_rounds" r ON r.code = f.code;
