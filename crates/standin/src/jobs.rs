//! Asynchronous jobs: backup creation, restore, site creation.
//!
//! A job runs for `Control::job_ms`: `todo` for its first tenth, then `working` with a progression and a
//! step, then `done`, or `halt` with an `error` when it fails. Its effect (the new backup, the restored
//! data, the new site) is applied in one transaction at the end, by a timer; so a backup shows in the
//! list only once its job is done. Jobs left unfinished by a stop are finished at the next start.

use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use kiubi_wire::models::Job;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use crate::reply::ApiFailure;
use crate::AppState;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum JobKind {
    Backup,
    Restore,
    CreateSite,
}

impl JobKind {
    fn as_str(self) -> &'static str {
        match self {
            JobKind::Backup => "backup",
            JobKind::Restore => "restore",
            JobKind::CreateSite => "create_site",
        }
    }

    fn parse(value: &str) -> JobKind {
        match value {
            "backup" => JobKind::Backup,
            "restore" => JobKind::Restore,
            _ => JobKind::CreateSite,
        }
    }

    /// The steps shown while working, in order.
    fn steps(self) -> &'static [&'static str] {
        match self {
            JobKind::Backup => &["Export de la base de données", "Copie des médias", "Archivage"],
            JobKind::Restore => {
                &["Vérification du point de sauvegarde", "Restauration des données", "Restauration des médias"]
            }
            JobKind::CreateSite => &["Réservation du code site", "Création de la base", "Installation du thème"],
        }
    }

    fn failure(self) -> &'static str {
        match self {
            JobKind::Backup => "La sauvegarde a échoué : espace de stockage indisponible",
            JobKind::Restore => "La restauration a échoué : point de sauvegarde illisible",
            JobKind::CreateSite => "La création du site a échoué : service d'hébergement indisponible",
        }
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

/// Records a job and schedules its end. `payload` is what its effect needs.
pub async fn start(
    state: &Arc<AppState>,
    account_number: &str,
    code_site: &str,
    kind: JobKind,
    payload: Value,
) -> Result<i64, ApiFailure> {
    let duration = state.control.job_ms.load(Ordering::Relaxed) as i64;
    let fails = state.control.halts_jobs_of(code_site);
    let (account, code) = (account_number.to_owned(), code_site.to_owned());
    let job_id = state
        .db
        .call(move |conn| {
            conn.execute(
                "INSERT INTO jobs (account_number, code_site, kind, payload, started_ms, duration_ms, fails)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![account, code, kind.as_str(), payload.to_string(), now_ms(), duration, fails],
            )?;
            Ok(conn.last_insert_rowid())
        })
        .await?;
    schedule(state.clone(), job_id, Duration::from_millis(duration.max(0) as u64));
    Ok(job_id)
}

fn schedule(state: Arc<AppState>, job_id: i64, after: Duration) {
    tokio::spawn(async move {
        tokio::time::sleep(after).await;
        // Nothing else waits on this task: a failed attempt (a busy database) is tried again.
        for attempt in 1..=5u64 {
            if state.db.call(move |conn| finish(conn, job_id)).await.is_ok() {
                break;
            }
            tokio::time::sleep(Duration::from_millis(200 * attempt)).await;
        }
    });
}

/// At start-up: finishes overdue jobs now and schedules the others.
pub fn resume(state: &Arc<AppState>) -> rusqlite::Result<()> {
    let pending: Vec<(i64, i64)> = state.db.call_blocking(|conn| {
        let mut stmt = conn.prepare("SELECT job_id, started_ms + duration_ms FROM jobs WHERE finished = 0")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect();
        rows
    })?;
    for (job_id, due_ms) in pending {
        schedule(state.clone(), job_id, Duration::from_millis((due_ms - now_ms()).max(0) as u64));
    }
    Ok(())
}

/// Said by a job whose effect ran into an error of the stand-in itself.
const UNEXPECTED_FAILURE: &str = "La tâche a échoué : erreur inattendue";

/// Applies a job's effect (unless it fails) and marks it finished, in one transaction. An effect that
/// cannot be applied (its site or source gone, a database error) is undone and the job ends in `halt`
/// with why: a job always ends.
fn finish(conn: &mut Connection, job_id: i64) -> rusqlite::Result<()> {
    // Immediate: take the write lock first, so two finishing jobs wait for each other instead of
    // failing on a read-to-write upgrade.
    let mut tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
    let job: Option<(String, String, String, String, bool)> = tx
        .query_row(
            "SELECT account_number, code_site, kind, payload, fails FROM jobs WHERE job_id = ?1 AND finished = 0",
            [job_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((account, code_site, kind, payload, fails)) = job else { return Ok(()) };
    let kind = JobKind::parse(&kind);
    let payload: Value = serde_json::from_str(&payload).unwrap_or(Value::Null);
    let error = if fails {
        Some(kind.failure().to_owned())
    } else {
        let effect = tx.savepoint()?;
        let applied = match kind {
            JobKind::Backup => crate::effects::create_backup(&effect, &code_site),
            JobKind::Restore => {
                crate::effects::restore_backup(&effect, &code_site, payload["backup_id"].as_str().unwrap_or(""))
            }
            JobKind::CreateSite => crate::effects::create_site(&effect, &account, &payload),
        };
        match applied {
            // A refusal leaves nothing half done either.
            Ok(None) => effect.commit().map(|()| None)?,
            Ok(Some(refused)) => Some(refused),
            Err(_) => Some(UNEXPECTED_FAILURE.to_owned()),
        }
    };
    tx.execute(
        "UPDATE jobs SET finished = 1, error = ?2 WHERE job_id = ?1",
        params![job_id, error.unwrap_or_default()],
    )?;
    tx.commit()
}

/// What a job does, if there is such a job.
pub fn kind(conn: &Connection, job_id: i64) -> rusqlite::Result<Option<JobKind>> {
    let kind: Option<String> =
        conn.query_row("SELECT kind FROM jobs WHERE job_id = ?1", [job_id], |r| r.get(0)).optional()?;
    Ok(kind.map(|k| JobKind::parse(&k)))
}

/// A job as its owner sees it, or `None` when it is not theirs or not of that site.
pub fn status(conn: &Connection, account_number: &str, code_site: &str, job_id: i64) -> rusqlite::Result<Option<Job>> {
    let row: Option<(String, i64, i64, bool, bool, String)> = conn
        .query_row(
            "SELECT kind, started_ms, duration_ms, fails, finished, error FROM jobs
             WHERE job_id = ?1 AND account_number = ?2 AND code_site = ?3",
            params![job_id, account_number, code_site],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()?;
    Ok(row.map(|(kind, started, duration, fails, finished, error)| {
        let progress = match finished {
            true => Progress::Ended { error },
            false => Progress::Running { elapsed: (now_ms() - started).max(0) as f64 / duration.max(1) as f64, fails },
        };
        progress.job(job_id, JobKind::parse(&kind))
    }))
}

/// Where a job stands: running (the share of its time gone by), or ended (with its error, if any).
#[derive(Debug, Clone, PartialEq)]
enum Progress {
    Running { elapsed: f64, fails: bool },
    Ended { error: String },
}

impl Progress {
    /// The job as the API shows it: `todo` for the first tenth of its time, then `working` with a
    /// progression and a step, then `done`, or `halt` stopped in its middle step.
    fn job(self, job_id: i64, kind: JobKind) -> Job {
        let steps = kind.steps();
        let job = |status: &str, progression: i64, step: Option<&str>, error: String| Job {
            job_id,
            status: kiubi_wire::lenient::Known::of(status),
            progression: Some(progression),
            step: step.map(str::to_owned),
            result: String::new(),
            error,
        };
        match self {
            Progress::Ended { error } if error.is_empty() => job("done", 100, steps.last().copied(), error),
            Progress::Ended { error } => job("halt", 60, steps.get(1).copied(), error),
            Progress::Running { elapsed, .. } if elapsed < 0.1 => job("todo", 0, None, String::new()),
            Progress::Running { elapsed, fails } => {
                let progression = ((elapsed * 100.0) as i64).clamp(1, if fails { 60 } else { 99 });
                let step = steps[((elapsed * steps.len() as f64) as usize).min(steps.len() - 1)];
                job("working", progression, Some(step), String::new())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The job at a chosen moment of its time, without waiting for it.
    fn at(elapsed: f64, fails: bool) -> Job {
        Progress::Running { elapsed, fails }.job(7, JobKind::Backup)
    }

    #[test]
    fn a_job_is_todo_then_working_through_its_steps_then_done_or_halt() {
        let todo = at(0.05, false);
        assert_eq!((todo.status.as_str(), todo.progression, todo.step), ("todo", Some(0), None));
        let steps: Vec<(String, i64, String)> = [0.1, 0.4, 0.7, 0.999, 1.5]
            .iter()
            .map(|t| at(*t, false))
            .map(|job| (job.status.as_str().to_owned(), job.progression.unwrap(), job.step.unwrap()))
            .collect();
        let expected = [
            ("working", 10, "Export de la base de données"),
            ("working", 40, "Copie des médias"),
            ("working", 70, "Archivage"),
            ("working", 99, "Archivage"),
            ("working", 99, "Archivage"),
        ];
        assert_eq!(steps, expected.map(|(s, p, step)| (s.to_owned(), p, step.to_owned())));
        assert_eq!(at(0.9, true).progression, Some(60), "a failing job stalls before its end");
        let done = Progress::Ended { error: String::new() }.job(7, JobKind::Backup);
        assert_eq!((done.status.as_str(), done.progression, done.error.as_str()), ("done", Some(100), ""));
        let halt = Progress::Ended { error: "Disque plein".into() }.job(7, JobKind::Restore);
        assert_eq!(
            (halt.status.as_str(), halt.step.as_deref(), halt.error.as_str()),
            ("halt", Some("Restauration des données"), "Disque plein")
        );
    }
}
