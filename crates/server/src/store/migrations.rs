//! The database's schema, as numbered steps: a database is at the version of the last step applied
//! (`schema_migrations`). Opening one applies the steps it lacks, each in its own transaction; one
//! at a version this build does not know (made by a newer server) is refused and left untouched.
//! A step is never edited once released: a change is a new step.

/// One step, in each backend's SQL (the same tables and columns).
#[derive(Debug)]
pub struct Migration {
    pub version: i64,
    pub sqlite: &'static str,
    pub postgres: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sqlite: "CREATE TABLE workspaces (account TEXT PRIMARY KEY, revision INTEGER NOT NULL, document TEXT NOT NULL)",
        postgres:
            "CREATE TABLE workspaces (account TEXT PRIMARY KEY, revision BIGINT NOT NULL, document TEXT NOT NULL)",
    },
    // When each revision was written, and the revisions a write replaced (the latest few), so that
    // an agency can get back what a colleague's write replaced.
    Migration {
        version: 2,
        sqlite: "ALTER TABLE workspaces ADD COLUMN written_at INTEGER NOT NULL DEFAULT 0;
                 CREATE TABLE workspace_revisions (account TEXT NOT NULL, revision INTEGER NOT NULL,
                   document TEXT NOT NULL, written_at INTEGER NOT NULL, PRIMARY KEY (account, revision))",
        postgres: "ALTER TABLE workspaces ADD COLUMN written_at BIGINT NOT NULL DEFAULT 0;
                   CREATE TABLE workspace_revisions (account TEXT NOT NULL, revision BIGINT NOT NULL,
                     document TEXT NOT NULL, written_at BIGINT NOT NULL, PRIMARY KEY (account, revision))",
    },
    // Sign-in through the server: a session per browser, under the SHA-256 of its cookie and of its
    // proof, the Kiubi token sealed with the server's key (never in clear).
    Migration {
        version: 3,
        sqlite: "CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, proof_hash TEXT NOT NULL,
                   sealed_token TEXT NOT NULL, created_at INTEGER NOT NULL, seen_at INTEGER NOT NULL)",
        postgres: "CREATE TABLE sessions (id_hash TEXT PRIMARY KEY, proof_hash TEXT NOT NULL,
                     sealed_token TEXT NOT NULL, created_at BIGINT NOT NULL, seen_at BIGINT NOT NULL)",
    },
];

/// Where the versions applied are noted (the same SQL on both backends).
pub const VERSIONS_TABLE: &str =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, applied_at BIGINT NOT NULL)";

/// The version this build brings a database to.
pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// The steps a database at `current` lacks, or why it cannot be opened.
pub fn pending(current: i64) -> Result<&'static [Migration], String> {
    if current > latest() {
        return Err(format!(
            "the database is at schema version {current}, written by a newer kiubi-server (this one knows \
             versions up to {}): nothing was changed; run that newer server, or restore a backup made for this one",
            latest()
        ));
    }
    Ok(&MIGRATIONS[MIGRATIONS.iter().take_while(|m| m.version <= current).count()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_numbered_from_one_without_gaps() {
        for (i, step) in MIGRATIONS.iter().enumerate() {
            assert_eq!(step.version, i as i64 + 1);
        }
    }

    #[test]
    fn a_database_gets_the_steps_it_lacks_or_is_refused_when_newer() {
        assert_eq!(pending(0).unwrap().len(), MIGRATIONS.len());
        assert_eq!(pending(1).unwrap().first().map(|m| m.version), Some(2));
        assert!(pending(latest()).unwrap().is_empty());
        let refused = pending(latest() + 1).unwrap_err();
        assert!(refused.contains("newer kiubi-server") && refused.contains("nothing was changed"), "{refused}");
    }
}
