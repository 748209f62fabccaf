//! Many clients at once on loopback, reads and writes mixed: nothing lost or duplicated, and no
//! failure but the rate limit, which comes exactly when the quota is spent. Prints its figures
//! (`scripts/bench.sh` runs it in release; BENCHMARKS.md).

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::{Duration, Instant};

use common::{codes, TestServer, NEW_SITE};
use kiubi_standin::Config;
use reqwest::Method;

const CLIENTS: usize = 24;
const ROUNDS: usize = 20;

/// What one client saw: each request's kind, status and time.
#[derive(Default)]
struct Seen {
    reads: Vec<(u16, Duration)>,
    writes: Vec<(u16, Duration)>,
    jobs: Vec<(String, i64)>,
}

async fn timed<F: std::future::Future<Output = (u16, serde_json::Value)>>(
    request: F,
) -> (u16, serde_json::Value, Duration) {
    let start = Instant::now();
    let (status, body) = request.await;
    (status, body, start.elapsed())
}

/// Client `i`: reads of the list, its site and its figures every round; a contact update every
/// round, a backup every fifth round and one new site.
async fn client(server: Arc<TestServer>, i: usize, site: String) -> Seen {
    let mut seen = Seen::default();
    for round in 0..ROUNDS {
        for path in [
            format!("/v1/sites.json?term=a&page={}", round % 3),
            format!("/v1/sites/{site}.json?extra_fields=features"),
            format!("/v1/sites/{site}/stats.json"),
            format!("/v1/sites/{site}/logs.json?page={}", round % 2),
        ] {
            let (status, _, took) = timed(server.get(&path)).await;
            seen.reads.push((status, took));
        }
        let function = format!("client {i} round {round}");
        let form = [("function", function.as_str())];
        let (status, _, took) = timed(server.send_form(Method::PUT, "/v1/account/contact.json", &form)).await;
        seen.writes.push((status, took));
        if round % 5 == 0 {
            let (status, body, took) = timed(server.post(&format!("/v1/sites/{site}/backups.json"), &[])).await;
            seen.writes.push((status, took));
            seen.jobs.extend(body["data"]["job_id"].as_i64().map(|id| (site.clone(), id)));
        }
        if round == ROUNDS / 2 {
            let code = format!("charge-{i}");
            let mut form: Vec<(&str, &str)> =
                NEW_SITE.iter().copied().filter(|(name, _)| *name != "code_site").collect();
            form.push(("code_site", &code));
            let (status, body, took) = timed(server.post("/v1/sites.json", &form)).await;
            seen.writes.push((status, took));
            seen.jobs.extend(body["data"]["job_id"].as_i64().map(|id| (code.clone(), id)));
        }
    }
    seen
}

/// The items of every page of `path?{query}`.
async fn every_item(server: &TestServer, path: &str, query: &str) -> Vec<serde_json::Value> {
    let mut all = Vec::new();
    for page in 0.. {
        let (_, body) = server.get(&format!("{path}?{query}&limit=20&page={page}")).await;
        let found = body["data"].as_array().cloned().unwrap_or_default();
        if found.is_empty() {
            return all;
        }
        all.extend(found);
    }
    unreachable!()
}

/// The codes of every page of `sites.json?{query}`.
async fn every_code(server: &TestServer, query: &str) -> Vec<String> {
    codes(&serde_json::json!({ "data": every_item(server, "/v1/sites.json", query).await }))
}

/// How many times a site's activity says a backup point was made.
async fn backups_logged(server: &TestServer, site: &str) -> usize {
    let logs = every_item(server, &format!("/v1/sites/{site}/logs.json"), "type=update").await;
    logs.iter().filter(|l| l["text"] == "Point de sauvegarde créé").count()
}

fn percentile(times: &mut [Duration], p: f64) -> f64 {
    times.sort();
    times[((times.len() - 1) as f64 * p).round() as usize].as_secs_f64() * 1000.0
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_clients_lose_nothing_duplicate_nothing_and_fail_only_on_the_rate_limit() {
    let server = Arc::new(TestServer::start_with(Config { job_ms: 50, ..Config::default() }).await);
    let sites = every_code(&server, "sort=code_site").await;
    let mut logged_before = Vec::new();
    let mut points_before = Vec::new();
    for site in &sites[..CLIENTS] {
        logged_before.push(backups_logged(&server, site).await);
        points_before
            .push(server.get(&format!("/v1/sites/{site}/backups.json")).await.1["data"].as_array().unwrap().len());
    }
    let started_at = chrono::Local::now().format("%Y-%m-%d %H:%M:%S").to_string();

    let start = Instant::now();
    let clients: Vec<_> = (0..CLIENTS).map(|i| tokio::spawn(client(server.clone(), i, sites[i].clone()))).collect();
    let mut seen = Vec::new();
    for handle in clients {
        seen.push(handle.await.unwrap());
    }
    let elapsed = start.elapsed();

    // Every reply a success: the quota (5,000 a minute) is not reached.
    let statuses: BTreeSet<u16> = seen.iter().flat_map(|s| s.reads.iter().chain(&s.writes).map(|r| r.0)).collect();
    assert_eq!(statuses, BTreeSet::from([200]));
    // Every job done; each new site there once; each backup asked for made once (a manual point
    // replaces the previous one, so the activity counts them).
    for (site, job) in seen.iter().flat_map(|s| s.jobs.clone()) {
        assert_eq!(server.wait_job(&site, job).await["status"], "done", "{site} job {job}");
    }
    let created = every_code(&server, "term=charge-").await;
    assert_eq!(created.len(), CLIENTS, "{created:?}");
    assert_eq!(created.iter().collect::<BTreeSet<_>>().len(), CLIENTS, "no duplicate");
    for (i, site) in sites[..CLIENTS].iter().enumerate() {
        assert_eq!(backups_logged(&server, site).await, logged_before[i] + ROUNDS.div_ceil(5), "{site}");
        let (_, backups) = server.get(&format!("/v1/sites/{site}/backups.json")).await;
        let backups = backups["data"].as_array().unwrap();
        assert!([points_before[i], points_before[i] + 1].contains(&backups.len()), "{site}: one manual point kept");
        assert!(backups[0]["creation_date"].as_str().unwrap() >= started_at.as_str(), "{site}: the newest is ours");
        let ids: BTreeSet<&str> = backups.iter().map(|b| b["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), backups.len(), "{site}: backup ids are unique");
    }
    // The contact holds one of the values written, whole.
    let (_, contact) = server.get("/v1/account/contact.json").await;
    let function = contact["data"]["function"].as_str().unwrap();
    assert!(function.starts_with("client ") && function.contains(" round "), "{function}");

    let mut reads: Vec<Duration> = seen.iter().flat_map(|s| s.reads.iter().map(|r| r.1)).collect();
    let mut writes: Vec<Duration> = seen.iter().flat_map(|s| s.writes.iter().map(|r| r.1)).collect();
    let total = reads.len() + writes.len();
    println!("| {CLIENTS} clients at once | requests | p50 ms | p99 ms |");
    println!("|---|---:|---:|---:|");
    println!("| reads | {} | {:.2} | {:.2} |", reads.len(), percentile(&mut reads, 0.5), percentile(&mut reads, 0.99));
    println!(
        "| writes | {} | {:.2} | {:.2} |",
        writes.len(),
        percentile(&mut writes, 0.5),
        percentile(&mut writes, 0.99)
    );
    println!(
        "| all, {:.2} s | {total} ({:.0} req/s) | | |",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn past_the_quota_every_refusal_is_the_rate_limit_and_none_comes_before() {
    const QUOTA: usize = 60;
    let server = Arc::new(TestServer::start_with(Config { rate_quota: QUOTA as u32, ..Config::default() }).await);
    let clients: Vec<_> = (0..8)
        .map(|_| {
            let server = server.clone();
            tokio::spawn(async move {
                let mut seen = Vec::new();
                for _ in 0..12 {
                    let (status, body) = server.get("/v1/sites.json?limit=5").await;
                    seen.push((status, body["error"]["code"].as_i64()));
                }
                seen
            })
        })
        .collect();
    let mut seen = Vec::new();
    for handle in clients {
        seen.extend(handle.await.unwrap());
    }
    let refused: Vec<_> = seen.iter().filter(|(status, _)| *status != 200).collect();
    assert_eq!(seen.len() - refused.len(), QUOTA, "exactly the quota served");
    assert!(refused.iter().all(|r| **r == (429, Some(4300))), "{refused:?}");
}
