-- Settling moves single articles between stories: a fourth kind of recorded change.
-- SQLite cannot alter a CHECK constraint, so the change log is copied into a new table.
CREATE TABLE story_changes_new (
    seq      INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('merged', 'split', 'reclustered', 'moved')),
    story_id TEXT NOT NULL,         -- the story that changed (merged, moved: the one left)
    other_id TEXT,                  -- merged, moved: the story gone into; split: the new story
    detail   TEXT NOT NULL DEFAULT ''
);
INSERT INTO story_changes_new (seq, at, kind, story_id, other_id, detail)
    SELECT seq, at, kind, story_id, other_id, detail FROM story_changes;
DROP TABLE story_changes;
ALTER TABLE story_changes_new RENAME TO story_changes;
CREATE INDEX story_changes_story ON story_changes (story_id);
CREATE INDEX story_changes_other ON story_changes (other_id);
