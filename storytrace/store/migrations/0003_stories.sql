-- Stories: articles grouped into the real-world events they report.

CREATE TABLE stories (
    id              TEXT PRIMARY KEY,           -- "s-" + the founding article's id prefix
    headline        TEXT,                       -- the member headline closest to the story
    headline_score  REAL NOT NULL DEFAULT -1,
    first_published TEXT,                       -- earliest / latest member publication time
    last_published  TEXT,
    first_time      REAL,                       -- the same in UTC seconds (offsets differ)
    last_time       REAL,
    n_articles      INTEGER NOT NULL DEFAULT 0,
    merged_into     TEXT REFERENCES stories (id),  -- set when merged: the id redirects
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX stories_last_time ON stories (last_time);
CREATE INDEX stories_updated_at ON stories (updated_at);

CREATE TABLE article_stories (
    article_key INTEGER PRIMARY KEY REFERENCES articles (key) ON DELETE CASCADE,
    story_id    TEXT NOT NULL REFERENCES stories (id),
    score       REAL NOT NULL,      -- fit when it joined (0 for the founder, 1 for a copy)
    reason      TEXT NOT NULL,      -- "started", "joined", "copy of <id>", "merged from <id>"
    assigned_at TEXT NOT NULL
);
CREATE INDEX article_stories_story ON article_stories (story_id);

-- Named entities and time of each article, as story clustering saw them: re-clustering
-- and story pages need no language model run again.
CREATE TABLE story_features (
    article_key INTEGER PRIMARY KEY REFERENCES articles (key) ON DELETE CASCADE,
    time        REAL,               -- publication time, UTC seconds
    entities    TEXT NOT NULL,      -- JSON: {"entities": {key: weight}, "names": {key: display}}
    vector      BLOB                -- float16 MiniLM vector of headline and lead (dated articles)
);

-- Every change of story membership beyond a plain join, so story ids stay traceable.
CREATE TABLE story_changes (
    seq      INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    kind     TEXT NOT NULL CHECK (kind IN ('merged', 'split', 'reclustered')),
    story_id TEXT NOT NULL,         -- the story that changed (merged: the one that ended)
    other_id TEXT,                  -- merged: the story it went into; split: the new story
    detail   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX story_changes_story ON story_changes (story_id);
CREATE INDEX story_changes_other ON story_changes (other_id);
