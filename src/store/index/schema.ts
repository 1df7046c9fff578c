/**
 * The index's tables. Everything here is derived from the Markdown files and can be dropped
 * and rebuilt at any time; the version lives in PRAGMA user_version, and a different number
 * means rebuild.
 *
 * Versions:
 *   1: files, issues, labels, deps, milestones, roadmaps, issues_fts, meta.
 *   2: files gains dir and name (the freshness walk reads one folder's stamps at a time);
 *      issues_fts keeps no positions (detail=none: half the insert time, a fifth the size,
 *      and prefix queries, the only kind search makes, work the same).
 *   3: folders: a fingerprint of each folder's stamps, so an unchanged folder is recognised
 *      without reading its files' stamps.
 *   4: files_problems, a partial index: naming the skipped files no longer scans them all.
 *   5: files_racy, a partial index: the racy files of an unchanged folder, without its stamps.
 *   6: issue_fields: each issue's JSON moved out of issues (a list of 5,000 rows out of
 *      100,000 took 330-400 ms reading wide rows; 1.5 KB of JSON made each row a page).
 *   7: issues_status covers what a table of issues shows.
 *   8: issues_status in the default sort's order after the status, so a one-status list
 *      needs no sort (4,961 rows of 100,000: 10 ms against 19).
 *   9: issues_status_assignee, the same for a status and an assignee (1,961 rows of 100,000
 *      in a new process: 12 ms, against 26 scanning every row of the status).
 */
export const SCHEMA_VERSION = 9;

export const SCHEMA = `
CREATE TABLE files (
  path TEXT PRIMARY KEY,
  dir TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  mtime REAL NOT NULL,
  size INTEGER NOT NULL,
  -- When the file was read: a file changed again within the same clock tick would keep its
  -- mtime and size, so files read too soon after their mtime are read once more later.
  indexed_at REAL NOT NULL,
  problem TEXT,
  problem_line INTEGER
) WITHOUT ROWID;

CREATE TABLE folders (
  dir TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  sum INTEGER NOT NULL,
  xor INTEGER NOT NULL,
  racy INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE issues (
  rowid INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  status TEXT NOT NULL,
  status_key TEXT NOT NULL,
  status_rank INTEGER NOT NULL,
  priority TEXT NOT NULL,
  priority_key TEXT NOT NULL,
  priority_rank INTEGER NOT NULL,
  issue_type TEXT NOT NULL,
  milestone TEXT,
  assignee TEXT,
  assignee_key TEXT NOT NULL,
  estimated_hours REAL,
  progress REAL,
  created TEXT,
  updated TEXT
);

-- The front matter as JSON, apart from the columns queries filter and sort on: a narrow
-- issues table keeps twenty rows a page, so a filtered list touches few pages.
CREATE TABLE issue_fields (
  issue INTEGER PRIMARY KEY,
  fields TEXT NOT NULL
);

CREATE TABLE labels (
  issue INTEGER NOT NULL,
  label TEXT NOT NULL,
  label_key TEXT NOT NULL
);

-- One row per edge, from either direction of the format (depends_on, or the other's blocks).
CREATE TABLE deps (
  source INTEGER NOT NULL,
  dependent TEXT NOT NULL,
  dependency TEXT NOT NULL
);

CREATE TABLE milestones (
  path TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  fields TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE roadmaps (
  path TEXT PRIMARY KEY,
  id TEXT NOT NULL,
  fields TEXT NOT NULL
) WITHOUT ROWID;

CREATE VIRTUAL TABLE issues_fts USING fts5(
  title, labels, body, comments,
  content = '', contentless_delete = 1, detail = none,
  tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
`;

/**
 * Secondary indexes, apart from the tables: a rebuild creates them after loading every row,
 * which is faster than keeping them up to date row by row.
 */
export const INDEXES = `
CREATE INDEX files_dir ON files(dir);
CREATE INDEX files_problems ON files(path) WHERE problem IS NOT NULL;
CREATE INDEX files_racy ON files(dir) WHERE indexed_at - mtime >= 0 AND indexed_at - mtime < 2000;
CREATE INDEX issues_id ON issues(id);
-- Covering: a list filtered by status (and assignee) reads this index alone, not the table
-- (a cold list of 1,961 rows out of 100,000: 57-75 ms without it, 15-19 ms with it), and
-- in the default order (priority, then created with missing dates last), so it needs no sort.
CREATE INDEX issues_status ON issues(status_key, priority_rank, created IS NULL, created, id, path, title, status, priority, issue_type, milestone, assignee, assignee_key);
CREATE INDEX issues_status_assignee ON issues(status_key, assignee_key, priority_rank, created IS NULL, created, id, path, title, status, priority, issue_type, milestone, assignee);
CREATE INDEX issues_assignee ON issues(assignee_key);
CREATE INDEX issues_milestone ON issues(milestone);
CREATE INDEX issues_priority ON issues(priority_rank, created);
CREATE INDEX labels_key ON labels(label_key, issue);
CREATE INDEX labels_issue ON labels(issue);
CREATE INDEX deps_dependent ON deps(dependent);
CREATE INDEX deps_dependency ON deps(dependency);
CREATE INDEX deps_source ON deps(source);
`;
