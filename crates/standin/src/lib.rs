//! Local stand-in of the Kiubi API DBO v1.
//!
//! It speaks the wire protocol of the official clients (`kiubi-api-notes.md`): `Authorization: token …`,
//! the `{meta, data, error}` envelope, paths with or without `.json`. Data lives in SQLite and is seeded
//! with deterministic demo data. It also serves the built panel (`dist/`) and the team's workspace
//! (both `kiubi-server`'s, the workspace kept in a SQLite file beside the stand-in's, each token's
//! account asked of this stand-in itself), so that one address gives all three.

mod auth;
mod dates;
mod db;
mod effects;
mod format;
mod jobs;
pub mod openapi;
mod params;
mod php_style;
mod protocol;
mod reply;
mod routes;
pub mod seed;
mod traffic;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

pub use protocol::MAX_BODY_BYTES;
pub use seed::DEMO_API_KEY;

/// How to run the stand-in.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// SQLite file; created and seeded when new.
    pub db_path: PathBuf,
    /// The built panel to serve at `/`; `None` serves the API only.
    pub dist: Option<PathBuf>,
    /// Number of sites of the demo account when seeding a new database.
    pub seed_sites: usize,
    /// Requests per key per minute before error 4300.
    pub rate_quota: u32,
    /// Added to every `/v1` reply, in milliseconds.
    pub latency_ms: u64,
    /// Share (0 to 1) of `/v1` replies replaced by a 500 or a 503.
    pub fault_share: f64,
    /// How long a job runs, in milliseconds.
    pub job_ms: u64,
    /// Every job ends in `halt` with an error.
    pub halt_jobs: bool,
    /// A site creation's job is refused while followed (the panel then watches for the site itself).
    pub refuse_new_site_jobs: bool,
    /// `/v1` replies loosely typed as a PHP back end may send them (see `php_style`).
    pub php_style: bool,
    /// Serves `POST /_standin/control`, for browser tests (never in a demo or production).
    pub test_control: bool,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            db_path: PathBuf::from("standin.sqlite"),
            dist: None,
            seed_sites: seed::DEFAULT_SITES,
            rate_quota: 5_000,
            latency_ms: 0,
            fault_share: 0.0,
            job_ms: 4_000,
            halt_jobs: false,
            refuse_new_site_jobs: false,
            php_style: false,
            test_control: false,
        }
    }
}

/// Shared by every handler.
pub(crate) struct AppState {
    pub db: db::Db,
    pub rate: auth::RateLimiter,
    /// Failed sign-ins with login and password, per login and per address.
    pub sign_ins: auth::SignInThrottle,
    pub control: Arc<Control>,
}

pub use auth::{FAILED_SIGN_INS_PER_LOGIN, SESSION_LIFETIME_SECS};
pub use php_style::UnknownAs;
pub use protocol::{Control, Fault};

/// A running stand-in: its address, and a handle that stops it when dropped or on `stop()`.
pub struct Running {
    pub addr: SocketAddr,
    /// Latency, faults and jobs, changeable while running.
    pub control: Arc<Control>,
    db: db::Db,
    /// As started, its address now fixed: for `come_back`.
    config: Config,
    serving: kiubi_server::Serving,
}

impl Running {
    /// Ends every session opened with login and password (API keys stay valid), as when they expire.
    pub async fn expire_sessions(&self) {
        let expired =
            self.database().call(|conn| conn.execute("DELETE FROM api_keys WHERE user_id IS NOT NULL", [])).await;
        expired.expect("the stand-in's database");
    }

    /// Sets how many visitors `code_site` has right now (as real traffic would change it).
    pub async fn set_live_visitors(&self, code_site: &str, visitors: i64) {
        let code = code_site.to_owned();
        let updated = self
            .database()
            .call(move |conn| {
                conn.execute(
                    "UPDATE sites SET live_visitors = ?2 WHERE code_site = ?1",
                    rusqlite::params![code, visitors],
                )
            })
            .await;
        assert_eq!(updated.expect("the stand-in's database"), 1, "no site {code_site}");
    }

    fn database(&self) -> &db::Db {
        &self.db
    }

    /// Stops answering, as a server that went down; its databases are kept for `come_back`.
    pub async fn go_down(&mut self) {
        let _ = self.serving.stop().await;
    }

    /// Serves again on the same address, from the same databases (after `go_down`).
    pub async fn come_back(&mut self) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
        *self = start(self.config.clone()).await?;
        Ok(())
    }

    pub async fn stop(mut self) -> std::io::Result<()> {
        self.serving.stop().await
    }

    /// Serves until the process is stopped.
    pub async fn wait(mut self) -> std::io::Result<()> {
        self.serving.wait().await
    }
}

/// Where the team's workspaces are kept beside the stand-in's database: `demo.sqlite` →
/// `demo.workspace.sqlite`.
pub fn workspace_db_path(db_path: &std::path::Path) -> PathBuf {
    db_path.with_extension("workspace.sqlite")
}

/// Opens (and seeds if new) the database, binds the address and starts serving in the background.
pub async fn start(config: Config) -> Result<Running, Box<dyn std::error::Error + Send + Sync>> {
    let control = Arc::new(Control::default());
    let db = db::Db::open(&config.db_path)?;
    seed::seed_if_empty(&db, config.seed_sites)?;
    control.set_latency_ms(config.latency_ms);
    control.set_fault_share(config.fault_share);
    control.set_job_ms(config.job_ms);
    control.set_halt_jobs(config.halt_jobs);
    control.set_refuse_new_site_jobs(config.refuse_new_site_jobs);
    control.set_php_style(config.php_style);
    let state = Arc::new(AppState {
        db: db.clone(),
        rate: auth::RateLimiter::new(config.rate_quota),
        sign_ins: auth::SignInThrottle::default(),
        control: control.clone(),
    });
    jobs::resume(&state)?;
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    // The workspace asks this stand-in who a token is, as the server asks the real API.
    let store = kiubi_server::Store::open(&kiubi_server::Database::Sqlite(workspace_db_path(&config.db_path))).await?;
    let mut marked = reqwest::header::HeaderMap::new();
    marked.insert(protocol::IDENTITY_HEADER, reqwest::header::HeaderValue::from_static("1"));
    let asker = reqwest::Client::builder().default_headers(marked).build()?;
    let identities = kiubi_server::Identities::new(&format!("http://{addr}"), asker);
    let team = Arc::new(kiubi_server::Team::new(store, identities, kiubi_server::DEFAULT_REQUESTS_PER_MINUTE));
    let app = routes::app(state, config.dist.as_deref(), config.test_control, team);
    let serving = kiubi_server::serve(listener, app);
    let config = Config { listen: addr, ..config };
    Ok(Running { addr, control, db, config, serving })
}
