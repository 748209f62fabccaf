//! 50 colleagues of one account using the team's workspace at once, on each backend: each reads
//! the workspace, adds a label of its own and writes it on the revision it read, reading again and
//! adding again when a colleague wrote first, as the panel does. Prints the latency of reads and
//! writes (p50, p99), the writes refused as stale, and whether every label is there at the end.
//!
//! `cargo bench -p kiubi-server --bench workspace_load`; PostgreSQL too when `KIUBI_TEST_POSTGRES`
//! names one (a URL whose user may create databases), as for the tests.

use std::time::{Duration, Instant};

use kiubi_server::{Config, Database};
use serde_json::{json, Value};

const USERS: usize = 50;
const LABELS_EACH: usize = 10;
const KEY: &str = kiubi_standin::DEMO_API_KEY;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn run(name: &str, database: Database, api: &str) {
    let config = Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        upstream: api.to_owned(),
        database,
        requests_per_minute: 1_000_000,
        ..Config::default()
    };
    let server = kiubi_server::start(config).await.unwrap();
    let url = format!("http://{}{}", server.addr, kiubi_wire::team::WORKSPACE_PATH);
    let http = reqwest::Client::new();
    let started = Instant::now();
    let users = (0..USERS).map(|user| {
        let (http, url) = (http.clone(), url.clone());
        tokio::spawn(async move {
            let (mut reads, mut writes, mut stale) = (Vec::new(), Vec::new(), 0);
            for n in 0..LABELS_EACH {
                loop {
                    let at = Instant::now();
                    let body: Value = http
                        .get(&url)
                        .header("Authorization", format!("token {KEY}"))
                        .send()
                        .await
                        .unwrap()
                        .json()
                        .await
                        .unwrap();
                    reads.push(at.elapsed());
                    let revision = body["data"]["revision"].as_i64().unwrap();
                    let mut labels =
                        body["data"]["document"]["organize"]["labels"].as_array().cloned().unwrap_or_default();
                    labels.push(json!({"name": format!("user{user}-{n}")}));
                    let write = json!({"base_revision": revision, "document": {"organize": {"labels": labels}}});
                    let at = Instant::now();
                    let reply = http
                        .put(&url)
                        .header("Authorization", format!("token {KEY}"))
                        .body(write.to_string())
                        .send()
                        .await
                        .unwrap();
                    writes.push(at.elapsed());
                    match reply.status().as_u16() {
                        200 => break,
                        409 => stale += 1,
                        other => panic!("a write answered {other}"),
                    }
                }
            }
            (reads, writes, stale)
        })
    });
    let (mut reads, mut writes, mut stale) = (Vec::new(), Vec::new(), 0);
    for user in users.collect::<Vec<_>>() {
        let (r, w, s) = user.await.unwrap();
        reads.extend(r);
        writes.extend(w);
        stale += s;
    }
    let elapsed = started.elapsed();
    reads.sort();
    writes.sort();
    let body: Value =
        http.get(&url).header("Authorization", format!("token {KEY}")).send().await.unwrap().json().await.unwrap();
    let kept = body["data"]["document"]["organize"]["labels"].as_array().map_or(0, Vec::len);
    println!(
        "{name}: {USERS} users × {LABELS_EACH} labels in {:.1} s; reads {} (p50 {:.1} ms, p99 {:.1} ms), writes {} \
         (p50 {:.1} ms, p99 {:.1} ms), {stale} refused as stale and made again; labels kept {kept} of {}, lost {}",
        elapsed.as_secs_f64(),
        reads.len(),
        percentile(&reads, 0.5).as_secs_f64() * 1e3,
        percentile(&reads, 0.99).as_secs_f64() * 1e3,
        writes.len(),
        percentile(&writes, 0.5).as_secs_f64() * 1e3,
        percentile(&writes, 0.99).as_secs_f64() * 1e3,
        USERS * LABELS_EACH,
        USERS * LABELS_EACH - kept,
    );
    server.stop().await.unwrap();
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let api = kiubi_standin::start(kiubi_standin::Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: dir.path().join("standin.sqlite"),
        seed_sites: 3,
        rate_quota: 1_000_000,
        ..kiubi_standin::Config::default()
    })
    .await
    .unwrap();
    let api_url = format!("http://{}", api.addr);
    run("SQLite", Database::Sqlite(dir.path().join("bench.sqlite")), &api_url).await;
    match std::env::var("KIUBI_TEST_POSTGRES") {
        Ok(url) => run("PostgreSQL", Database::Postgres(url), &api_url).await,
        Err(_) => println!("PostgreSQL: skipped (KIUBI_TEST_POSTGRES is not set)"),
    }
}
