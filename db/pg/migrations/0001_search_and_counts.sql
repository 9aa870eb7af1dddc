-- What SQLite does with FTS5, its character-pair index and triggers (db/migrations 0001, 0005, 0008, 0010, 0015,
-- 0017), done with PostgreSQL's own tools.
--
-- Search: words of title, summary and article in a tsvector with the `simple` configuration (no stemming, any
-- language), and pg_trgm indexes for substrings and for Chinese, Japanese and Korean text of 3 or more characters.
-- A 2-character CJK name (赵明) is found through story_cjk_pairs, which the writer of a story fills in the same
-- transaction with the pairs core/matching/cjkBigrams.ts gives.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
ALTER TABLE "stories" ADD COLUMN "search" tsvector GENERATED ALWAYS AS (to_tsvector('simple', "title" || ' ' || "summary" || ' ' || coalesce("article_text", ''))) STORED;--> statement-breakpoint
CREATE INDEX "stories_search_idx" ON "stories" USING gin ("search");--> statement-breakpoint
CREATE INDEX "stories_text_trgm_idx" ON "stories" USING gin (("title" || ' ' || "summary") gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "stories_article_trgm_idx" ON "stories" USING gin ("article_text" gin_trgm_ops) WHERE "article_text" IS NOT NULL;--> statement-breakpoint
CREATE TABLE "story_cjk_pairs" (
  "pair" text NOT NULL,
  "story_id" integer NOT NULL REFERENCES "stories"("id") ON DELETE CASCADE,
  PRIMARY KEY ("pair", "story_id")
);--> statement-breakpoint
CREATE INDEX "story_cjk_pairs_story_idx" ON "story_cjk_pairs" ("story_id");--> statement-breakpoint
-- A match carries its story's date (as SQLite's 0005): a new match without one takes its story's, and a story
-- whose date changes carries the change to its matches.
CREATE FUNCTION "matches_published_default"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.published_at IS NULL THEN
    NEW.published_at := (SELECT s.published_at FROM stories s WHERE s.id = NEW.story_id);
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER "matches_published_bi" BEFORE INSERT ON "matches" FOR EACH ROW EXECUTE FUNCTION "matches_published_default"();--> statement-breakpoint
CREATE FUNCTION "stories_published_follow"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE matches SET published_at = NEW.published_at WHERE story_id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "stories_published_au" AFTER UPDATE OF "published_at" ON "stories" FOR EACH ROW
  WHEN (NEW.published_at IS DISTINCT FROM OLD.published_at) EXECUTE FUNCTION "stories_published_follow"();--> statement-breakpoint
-- Which match is on the timeline, a timeline entry or in review: the one place PostgreSQL says it, as SQLite's view
-- of the same name (db/migrations/0017). An entry is on the timeline and leads itself, or has a lead that is not a
-- self-leading timeline match of the case (rejected, say).
CREATE VIEW "match_timeline" AS
  SELECT m.id, m.case_id, m.story_id, m.lead_story_id, m.published_at, m.stage, m.week,
    m.status IN ('auto', 'confirmed') AS on_timeline,
    m.status IN ('auto', 'confirmed') AND (m.lead_story_id IS NULL OR NOT EXISTS (
      SELECT 1 FROM matches l WHERE l.case_id = m.case_id AND l.story_id = m.lead_story_id AND l.id <> m.id
        AND l.status IN ('auto', 'confirmed') AND l.lead_story_id IS NULL)) AS is_entry,
    m.status = 'review' AS in_review
  FROM matches m;--> statement-breakpoint
CREATE INDEX "matches_case_week_idx" ON "matches" ("case_id", "week");--> statement-breakpoint
-- case_weeks after every statement that writes matches: the weeks it touched (the written rows' weeks, before and
-- after, and those of the copies whose lead is a written row's story) are counted again from the view and stored.
-- Writers of one case take turns (a transaction-scoped advisory lock per case, taken in case order), and each
-- recount is a statement of its own, which under READ COMMITTED (PostgreSQL's default, which casewatch uses) sees
-- the matches committed before it; under a stricter isolation it would not, so the recount refuses to run there.
-- A bulk load (`casewatch db copy`) sets casewatch.bulk = 'on' for its transaction, skips the per-statement
-- recounts, and builds the whole table once with case_weeks_rebuild().
CREATE FUNCTION "case_weeks_store"(k_case integer[], k_week bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  WITH touched AS (SELECT DISTINCT k.case_id, k.week FROM unnest(k_case, k_week) AS k(case_id, week)),
  counted AS (
    SELECT k.case_id, k.week, n.stories, n.entries, n.review
    FROM touched k CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE t.on_timeline) AS stories,
        count(*) FILTER (WHERE t.is_entry) AS entries,
        count(*) FILTER (WHERE t.in_review) AS review
      FROM match_timeline t WHERE t.case_id = k.case_id AND t.week = k.week
    ) n
  ),
  emptied AS (
    DELETE FROM case_weeks cw USING counted n
    WHERE cw.case_id = n.case_id AND cw.week = n.week AND n.stories = 0 AND n.entries = 0 AND n.review = 0
  )
  INSERT INTO case_weeks AS cw (case_id, week, stories, entries, review)
    SELECT n.case_id, n.week, n.stories, n.entries, n.review FROM counted n WHERE n.stories > 0 OR n.entries > 0 OR n.review > 0
  ON CONFLICT (case_id, week) DO UPDATE SET stories = excluded.stories, entries = excluded.entries, review = excluded.review;
END $$;--> statement-breakpoint
CREATE FUNCTION "case_weeks_refresh"(changed matches[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  c integer;
  k_case integer[];
  k_week bigint[];
BEGIN
  IF current_setting('casewatch.bulk', true) = 'on' THEN
    RETURN;
  END IF;
  IF current_setting('transaction_isolation') <> 'read committed' THEN
    RAISE EXCEPTION 'casewatch writes matches under READ COMMITTED only (this transaction is %)', current_setting('transaction_isolation');
  END IF;
  FOR c IN SELECT DISTINCT r.case_id FROM unnest(changed) r ORDER BY 1 LOOP
    PERFORM pg_advisory_xact_lock(1131045719, c);
  END LOOP;
  SELECT array_agg(x.case_id), array_agg(x.week) INTO k_case, k_week FROM (
    SELECT r.case_id, r.week FROM unnest(changed) r WHERE r.week IS NOT NULL
    UNION
    SELECT m.case_id, m.week FROM unnest(changed) r JOIN matches m ON m.case_id = r.case_id AND m.lead_story_id = r.story_id
    WHERE m.week IS NOT NULL
  ) x;
  IF k_case IS NOT NULL THEN
    PERFORM case_weeks_store(k_case, k_week);
  END IF;
END $$;--> statement-breakpoint
-- Every case and week counted again from the matches, as after a bulk load.
CREATE FUNCTION "case_weeks_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  k_case integer[];
  k_week bigint[];
BEGIN
  DELETE FROM case_weeks;
  SELECT array_agg(x.case_id), array_agg(x.week) INTO k_case, k_week FROM (SELECT DISTINCT case_id, week FROM matches WHERE week IS NOT NULL) x;
  IF k_case IS NOT NULL THEN
    PERFORM case_weeks_store(k_case, k_week);
  END IF;
END $$;--> statement-breakpoint
CREATE FUNCTION "case_weeks_after_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_weeks_refresh(ARRAY(SELECT n::matches FROM new_rows n));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION "case_weeks_after_delete"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_weeks_refresh(ARRAY(SELECT o::matches FROM old_rows o));
  RETURN NULL;
END $$;--> statement-breakpoint
-- Only rows whose case, story, status, lead or date changed (a new score alone changes no count).
CREATE FUNCTION "case_weeks_after_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM case_weeks_refresh(ARRAY(
    SELECT x.r FROM (
      SELECT o::matches AS r FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.case_id, o.story_id, o.status, o.lead_story_id, o.published_at) IS DISTINCT FROM (n.case_id, n.story_id, n.status, n.lead_story_id, n.published_at)
      UNION ALL
      SELECT n::matches AS r FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.case_id, o.story_id, o.status, o.lead_story_id, o.published_at) IS DISTINCT FROM (n.case_id, n.story_id, n.status, n.lead_story_id, n.published_at)
    ) x));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "case_weeks_matches_ai" AFTER INSERT ON "matches" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "case_weeks_after_insert"();--> statement-breakpoint
CREATE TRIGGER "case_weeks_matches_ad" AFTER DELETE ON "matches" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "case_weeks_after_delete"();--> statement-breakpoint
CREATE TRIGGER "case_weeks_matches_au" AFTER UPDATE ON "matches" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION "case_weeks_after_update"();
