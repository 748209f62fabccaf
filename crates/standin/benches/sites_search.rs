//! Latency of `GET /v1/sites.json?term=…` on a 10,000-site account, over loopback.
//! Run with `cargo bench -p kiubi-standin`; prints p50 / p99 / max for one client and for eight at once.

use std::time::{Duration, Instant};

use kiubi_standin::{Config, DEMO_API_KEY};

const SITES: usize = 10_000;
const REQUESTS: usize = 2_000;
const TERMS: [&str; 8] =
    ["lyon", "boulangerie-nantes", "hotel", "studio-brest-3", "e", "atelier-lille-1", "zzz", "pharmacie"];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1]
}

fn report(label: &str, mut samples: Vec<Duration>, wall: Duration) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "| {label:<22} | {:>6} | {:>8.2} | {:>8.2} | {:>8.2} | {:>9.0} |",
        samples.len(),
        ms(percentile(&samples, 0.50)),
        ms(percentile(&samples, 0.99)),
        ms(*samples.last().unwrap()),
        samples.len() as f64 / wall.as_secs_f64()
    );
}

async fn run_client(
    http: reqwest::Client,
    base: String,
    count: usize,
    offset: usize,
    sort: &'static str,
) -> Vec<Duration> {
    let mut samples = Vec::with_capacity(count);
    for i in 0..count {
        let term = TERMS[(i + offset) % TERMS.len()];
        let url = format!("{base}/v1/sites.json?term={term}&sort={sort}&limit=20&page={}", i % 3);
        let started = Instant::now();
        let response = http.get(&url).header("Authorization", format!("token {DEMO_API_KEY}")).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 200);
        response.bytes().await.unwrap();
        samples.push(started.elapsed());
    }
    samples
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let seeding = Instant::now();
    let running = kiubi_standin::start(Config {
        listen: "127.0.0.1:0".parse().unwrap(),
        db_path: dir.path().join("bench.sqlite"),
        seed_sites: SITES,
        rate_quota: u32::MAX,
        ..Config::default()
    })
    .await
    .unwrap();
    println!("seeded {SITES} sites in {:.2} s\n", seeding.elapsed().as_secs_f64());
    let base = format!("http://{}", running.addr);
    let http = reqwest::Client::new();
    println!("| GET /v1/sites.json?term=… | requests | p50 ms | p99 ms | max ms | req/s |");
    println!("|---|---:|---:|---:|---:|---:|");
    for sort in ["code_site", "relevance"] {
        // Warm-up, not measured.
        run_client(http.clone(), base.clone(), 50, 0, sort).await;
        let started = Instant::now();
        let samples = run_client(http.clone(), base.clone(), REQUESTS, 0, sort).await;
        report(&format!("1 client, sort={sort}"), samples, started.elapsed());
        let started = Instant::now();
        let clients: Vec<_> =
            (0..8).map(|c| tokio::spawn(run_client(http.clone(), base.clone(), REQUESTS / 8, c, sort))).collect();
        let mut samples = Vec::new();
        for client in clients {
            samples.extend(client.await.unwrap());
        }
        report(&format!("8 clients, sort={sort}"), samples, started.elapsed());
    }
    running.stop().await.unwrap();
}
