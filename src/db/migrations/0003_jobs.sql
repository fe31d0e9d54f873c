-- Every run of a scheduled job, for the admin page, `aisle jobs list` and catch-up at start.
CREATE TABLE job_runs (
    id           INTEGER PRIMARY KEY,
    job          TEXT NOT NULL,
    started_ms   INTEGER NOT NULL,
    finished_ms  INTEGER,
    outcome      TEXT CHECK (outcome IN ('ok', 'failed')),
    message      TEXT
);
CREATE INDEX job_runs_job ON job_runs(job, started_ms DESC);
