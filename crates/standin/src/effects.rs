//! What finished jobs change in the data. Each runs inside the job's transaction and returns the
//! job's error message when the effect cannot be applied.

use chrono::{Local, NaiveDateTime};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use crate::format;

/// The identifier of a backup, which is also its `{date}` in the restore path: `YYYYMMDDHHmmss`.
pub fn backup_id(at: NaiveDateTime) -> String {
    at.format("%Y%m%d%H%M%S").to_string()
}

/// Records an activity in the site's log.
pub fn log_activity(
    conn: &Connection,
    code_site: &str,
    kind: &str,
    text: &str,
    urn: Option<&str>,
) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO logs (code_site, text, urn, type, user_name, user_profil, avatar_url, avatar_thumb_url, customer_id, creation_date)
         VALUES (?1, ?2, ?3, ?4, 'API', 'Administrateur', '', '', NULL, ?5)",
        params![code_site, text, urn, kind, Local::now().format("%Y-%m-%d %H:%M:%S").to_string()],
    )?;
    Ok(())
}

/// A manual backup point; it replaces the previous manual point of the site.
pub fn create_backup(conn: &Connection, code_site: &str) -> rusqlite::Result<Option<String>> {
    let Some((name, products_used, forms_used)) = conn
        .query_row("SELECT name, products_used, forms_used FROM sites WHERE code_site = ?1", [code_site], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?, r.get::<_, i64>(2)?))
        })
        .optional()?
    else {
        return Ok(Some("Le site n'existe plus".to_owned()));
    };
    let now = Local::now().naive_local();
    conn.execute("DELETE FROM backups WHERE code_site = ?1 AND manual = 1", [code_site])?;
    conn.execute(
        "INSERT OR REPLACE INTO backups (code_site, id, creation_date, manual, snapshot_name, snapshot_products_used,
            snapshot_forms_used) VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)",
        params![
            code_site,
            backup_id(now),
            now.format("%Y-%m-%d %H:%M:%S").to_string(),
            name,
            products_used,
            forms_used
        ],
    )?;
    log_activity(conn, code_site, "update", "Point de sauvegarde créé", None)?;
    Ok(None)
}

/// Brings the site's data back to the backup's state and logs it.
pub fn restore_backup(conn: &Connection, code_site: &str, backup_id: &str) -> rusqlite::Result<Option<String>> {
    let created: Option<String> = conn
        .query_row("SELECT creation_date FROM backups WHERE code_site = ?1 AND id = ?2", [code_site, backup_id], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(created) = created else {
        return Ok(Some("Le point de sauvegarde n'existe plus".to_owned()));
    };
    conn.execute(
        "UPDATE sites SET (name, products_used, forms_used) =
            (SELECT snapshot_name, snapshot_products_used, snapshot_forms_used FROM backups WHERE code_site = ?1 AND id = ?2)
         WHERE code_site = ?1",
        [code_site, backup_id],
    )?;
    let (day, time) = created.split_once(' ').unwrap_or((&created, ""));
    let text = format!("Site restauré au point de sauvegarde du {} {}", format::french_date(day), time);
    log_activity(conn, code_site, "update", text.trim_end(), None)?;
    Ok(None)
}

/// The new site, in trial, copying the figures of `copy_site` when given.
pub fn create_site(conn: &Connection, account_number: &str, payload: &Value) -> rusqlite::Result<Option<String>> {
    let code = payload["code_site"].as_str().unwrap_or_default();
    let exists = |code: &str| conn.query_row("SELECT 1 FROM sites WHERE code_site = ?1", [code], |_| Ok(())).optional();
    if exists(code)?.is_some() {
        return Ok(Some("Ce code site est déjà utilisé".to_owned()));
    }
    let source = payload["copy_site"].as_str().unwrap_or_default();
    if !source.is_empty() && exists(source)?.is_none() {
        return Ok(Some(format!("Le site à copier ({source}) n'existe plus")));
    }
    let now = Local::now().format("%Y-%m-%d %H:%M:%S").to_string();
    conn.execute(
        "INSERT INTO sites (code_site, account_number, name, domain, backoffice, creation_date, plan_id, balance,
            is_trial, endtrial_date, space_total, bandwidth_total, api_pfo_total, forms_total, products_total, users_total)
         SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, 1, ?8, 2147483648, 53687091200, 100000, 20, 0, 5",
        params![
            code,
            account_number,
            payload["site_name"].as_str().unwrap_or_default(),
            format!("https://www.{code}.example"),
            format!("{code}.kiubi-admin.example"),
            now,
            payload["plan_id"].as_i64().unwrap_or(1),
            crate::dates::trial_end(),
        ],
    )?;
    if !source.is_empty() {
        // A copy takes the source's content: its features, volumes and options.
        conn.execute(
            "UPDATE sites SET (has_shop, has_forms, traffic_base, space_medias, space_datas, products_used, products_total,
                forms_used, users_used) =
                (SELECT has_shop, has_forms, traffic_base, space_medias, space_datas, products_used, products_total,
                forms_used, users_used FROM sites WHERE code_site = ?2)
             WHERE code_site = ?1",
            [code, source],
        )?;
        conn.execute(
            "INSERT INTO site_options (code_site, code, name, quantity, quantity_max, unit_cost)
             SELECT ?1, code, name, quantity, quantity_max, unit_cost FROM site_options WHERE code_site = ?2",
            [code, source],
        )?;
    }
    let text = if source.is_empty() { "Site créé".to_owned() } else { format!("Site créé par copie de {source}") };
    log_activity(conn, code, "update", &text, None)?;
    Ok(None)
}
