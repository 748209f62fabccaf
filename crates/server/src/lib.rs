//! The panel's server, what an agency runs in production: serves the built panel with its headers
//! (`panel`), forwards `/v1/*` to the Kiubi API (`proxy`), collects Content-Security-Policy reports,
//! and keeps the team's workspace (`workspace`, over `store`: SQLite or PostgreSQL), each request's
//! account told by the API (`identity`); users may sign in through it (`session`), so that the
//! browser never holds their Kiubi token.
//!
//! The stand-in (`kiubi-standin`), the fake API of demos and tests, mounts `panel` and `workspace`
//! itself, in front of its own `/v1`.

pub mod identity;
pub mod panel;
pub mod proxy;
mod reply;
pub mod session;
pub mod store;
pub mod workspace;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use axum::response::IntoResponse;
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;

pub use identity::{Identities, IDENTITY_LIFETIME};
pub use panel::CspReports;
pub use proxy::Timeouts;
pub use reply::Refusal;
pub use session::{Limits as SessionLimits, SessionKey};
pub use store::{Database, Store, StoreError};
pub use workspace::{Team, DEFAULT_REQUESTS_PER_MINUTE};

/// How to run the server.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    /// The built panel to serve at `/`; `None`: the API and the workspace only.
    pub dist: Option<PathBuf>,
    /// The API `/v1/*` goes to, e.g. `https://api.kiubi.com`; it also tells who a token is.
    pub upstream: String,
    pub upstream_timeouts: Timeouts,
    /// Where the team's workspaces are kept.
    pub database: Database,
    /// Workspace requests per token per minute (429 beyond).
    pub requests_per_minute: u32,
    /// Collect the panel's Content-Security-Policy violation reports.
    pub csp_reports: bool,
    /// Served over https by a proxy in front: every reply says so for a year (HSTS).
    pub behind_https: bool,
    /// Seals the tokens of the sessions; `None`: a key file beside a SQLite database, made when
    /// missing (PostgreSQL needs one given: every instance must hold the same).
    pub session_key: Option<SessionKey>,
    pub session_limits: SessionLimits,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            dist: None,
            upstream: "https://api.kiubi.com".to_owned(),
            upstream_timeouts: Timeouts::default(),
            database: Database::Sqlite(PathBuf::from("kiubi-server.sqlite")),
            requests_per_minute: DEFAULT_REQUESTS_PER_MINUTE,
            csp_reports: false,
            behind_https: false,
            session_key: None,
            session_limits: SessionLimits::default(),
        }
    }
}

/// A running server: its address, and a handle that stops it.
pub struct Running {
    pub addr: SocketAddr,
    /// The violation reports received (when `csp_reports`).
    pub csp_reports: Arc<CspReports>,
    pub team: Arc<Team>,
    serving: Serving,
}

impl Running {
    pub async fn stop(mut self) -> std::io::Result<()> {
        self.serving.stop().await
    }

    /// Serves until the process is stopped.
    pub async fn wait(mut self) -> std::io::Result<()> {
        self.serving.wait().await
    }
}

/// A binary's end: serves until `served` ends or the process is interrupted (Ctrl+C); a failure
/// of the listener is said under `name` and is the exit status.
pub async fn serve_until_interrupted(
    name: &str,
    served: impl std::future::Future<Output = std::io::Result<()>>,
) -> std::process::ExitCode {
    tokio::select! {
        result = served => {
            if let Err(e) = result {
                eprintln!("{name}: {e}");
                return std::process::ExitCode::FAILURE;
            }
        }
        _ = tokio::signal::ctrl_c() => {}
    }
    std::process::ExitCode::SUCCESS
}

/// An app served in the background (`serve`): stopped by `stop`, or awaited by `wait`.
pub struct Serving {
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl Serving {
    /// Stops taking connections, lets the requests under way end, and waits for that.
    pub async fn stop(&mut self) -> std::io::Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        self.wait().await
    }

    /// Waits until it stops (an error of the listener, or `stop`).
    pub async fn wait(&mut self) -> std::io::Result<()> {
        (&mut self.task).await.unwrap_or_else(|e| Err(std::io::Error::other(e)))
    }
}

/// The panel and its report route, as the routes' fallback (`reports`: collected).
pub fn with_panel(router: Router, dist: &std::path::Path, reports: Option<Arc<CspReports>>) -> Router {
    let reported = reports.is_some();
    let router = match reports {
        Some(reports) => router.merge(panel::report_route(reports)),
        None => router,
    };
    router.fallback_service(panel::service(dist, reported))
}

/// Behind https: the browser is to come back over https only, for a year.
async fn strict_transport(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    let mut response = next.run(request).await;
    let hsts = axum::http::HeaderValue::from_static("max-age=31536000");
    response.headers_mut().insert("strict-transport-security", hsts);
    response
}

/// A handler that panics (a bug) answers a 500 envelope; the server goes on serving the others.
pub fn survive_panics() -> CatchPanicLayer<fn(Box<dyn std::any::Any + Send>) -> axum::response::Response> {
    CatchPanicLayer::custom(|_| {
        let code = kiubi_wire::error_code::SYS_UNEXPECTED_ERROR;
        Refusal::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, code, "Erreur inattendue").into_response()
    })
}

/// How long a client may take to send a request's head: one that sends it slowly (slowloris) holds a
/// connection for nothing.
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Serves `app` on `listener` in the background, until `Serving::stop`: connections as `axum::serve`
/// serves them (HTTP/1 and 2, TCP_NODELAY, a graceful end that lets requests under way finish), and
/// a request's head read within `HEADER_READ_TIMEOUT`.
pub fn serve(listener: tokio::net::TcpListener, app: Router) -> Serving {
    use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
    use hyper_util::server::conn::auto::Builder;
    use tower::ServiceExt;

    let (tx, mut rx) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(async move {
        let graceful = hyper_util::server::graceful::GracefulShutdown::new();
        loop {
            let (tcp, remote) = tokio::select! {
                accepted = listener.accept() => match accepted {
                    Ok(accepted) => accepted,
                    // No file descriptor left, or a connection reset before it was taken: the
                    // others go on.
                    Err(_) => {
                        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                        continue;
                    }
                },
                _ = &mut rx => break,
            };
            // Without TCP_NODELAY small replies wait for the client's delayed ACK (tens of ms).
            let _ = tcp.set_nodelay(true);
            // The client's address, for handlers that count per address (`ConnectInfo`).
            let service = app.clone().map_request(move |request: axum::http::Request<hyper::body::Incoming>| {
                let mut request = request.map(axum::body::Body::new);
                request.extensions_mut().insert(axum::extract::ConnectInfo(remote));
                request
            });
            let mut builder = Builder::new(TokioExecutor::new());
            builder.http1().timer(TokioTimer::new()).header_read_timeout(HEADER_READ_TIMEOUT);
            let service = hyper_util::service::TowerToHyperService::new(service);
            let connection = builder.serve_connection_with_upgrades(TokioIo::new(tcp), service).into_owned();
            let connection = graceful.watch(connection);
            tokio::spawn(async move {
                let _ = connection.await;
            });
        }
        drop(listener);
        graceful.shutdown().await;
        Ok(())
    });
    Serving { shutdown: Some(tx), task }
}

/// The key of `config`, or the one in a file beside its SQLite database (`<database>.session-key`).
fn session_key(config: &Config) -> Result<SessionKey, String> {
    match (&config.session_key, &config.database) {
        (Some(key), _) => Ok(key.clone()),
        (None, Database::Sqlite(path)) => SessionKey::load_or_create(&path.with_extension("session-key")),
        (None, Database::Postgres(_)) => Err("with PostgreSQL, give the session key (--session-key-file or \
             KIUBI_SESSION_KEY): every instance must seal and open the sessions with the same"
            .to_owned()),
    }
}

/// Opens the database (migrating it), binds the address and starts serving in the background.
pub async fn start(config: Config) -> Result<Running, Box<dyn std::error::Error + Send + Sync>> {
    let key = session_key(&config)?;
    let store = Store::open(&config.database).await?;
    let upstream = Arc::new(proxy::Upstream::new(&config.upstream, config.upstream_timeouts)?);
    let identities = Identities::new(&config.upstream, upstream.client().clone());
    let team = Arc::new(Team::new(store, identities, config.requests_per_minute));
    let sessions = Arc::new(session::Sessions::new(team.clone(), upstream.clone(), key, config.session_limits));
    let csp_reports = Arc::new(CspReports::default());
    let mut app = Router::new()
        .route("/v1", axum::routing::any(proxy::forward))
        .route("/v1/{*rest}", axum::routing::any(proxy::forward))
        .with_state(upstream)
        .layer(axum::middleware::from_fn_with_state(sessions.clone(), session::admit))
        .layer(axum::middleware::from_fn(proxy::api_reply_headers))
        .merge(workspace::routes(team.clone(), Some(sessions.clone())))
        .merge(session::routes(sessions));
    if let Some(dist) = &config.dist {
        app = with_panel(app, dist, config.csp_reports.then(|| csp_reports.clone()));
    }
    if config.behind_https {
        app = app.layer(axum::middleware::from_fn(strict_transport));
    }
    let listener = tokio::net::TcpListener::bind(config.listen).await?;
    let addr = listener.local_addr()?;
    let serving = serve(listener, app.layer(survive_panics()));
    Ok(Running { addr, csp_reports, team, serving })
}
