-- The story list's order (newest first, undated last) as an index, so a page of fifty
-- reads fifty rows instead of sorting every story.
CREATE INDEX stories_listing ON stories (last_time IS NULL, last_time DESC, updated_at DESC, id)
    WHERE merged_into IS NULL AND n_articles > 0;

-- A merged story redirects: story pages look its absorbed stories up by this.
CREATE INDEX stories_merged_into ON stories (merged_into) WHERE merged_into IS NOT NULL;
