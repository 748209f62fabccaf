//! `kiubi-server`: the panel, the API forwarded, and the team's workspace, for production.

use std::process::ExitCode;
use std::time::Duration;

use kiubi_server::{Config, Database, SessionKey};

const USAGE: &str = "kiubi-server [--listen ADDR] [--dist DIR] [--upstream URL] [--database DB] …

  --listen ADDR      address to listen on (default 127.0.0.1:8080); plain HTTP: put TLS in front
  --dist DIR         the built panel to serve at / (default: the API and the workspace only)
  --upstream URL     the Kiubi API that /v1/* goes to and that says who a token is
                     (default https://api.kiubi.com)
  --database DB      where the team's workspaces are kept: a SQLite file, created and migrated at
                     start (default kiubi-server.sqlite), or postgres://user:password@host:port/name
                     (several servers sharing one database); KIUBI_DATABASE in the environment
                     instead keeps a password out of the process list
  --requests-per-minute N   workspace requests per token per minute (default 120)
  --upstream-connect-timeout SECS   time to connect to the API (default 10)
  --upstream-timeout SECS           time for a whole exchange with the API (default 60)
  --csp-reports      collect the panel's Content-Security-Policy violation reports (logged, one line each)
  --behind-https     the TLS proxy in front serves it over https: every reply carries HSTS (a year)
  --session-key-file PATH   the key that seals the Kiubi tokens of sign-ins through the server
                     (64 hexadecimal characters); KIUBI_SESSION_KEY in the environment instead;
                     default: beside a SQLite database, its name with .session-key for its
                     extension (workspaces.session-key), made when missing
                     (PostgreSQL: required, the same for every instance)
  --session-idle-hours N    a session ends after N hours without a request (default 72)
  --session-max-days N      a session ends N days after its sign-in, used or not (default 30)";

/// A positive number of seconds, decimals allowed (`0.5`).
fn seconds(value: &str) -> Result<Duration, String> {
    let secs: f64 = value.parse().map_err(|e: std::num::ParseFloatError| e.to_string())?;
    Duration::try_from_secs_f64(secs).ok().filter(|d| !d.is_zero()).ok_or_else(|| "must be above 0".to_owned())
}

/// A whole positive number of `unit`s.
fn whole(value: &str, unit: Duration) -> Result<Duration, String> {
    let n: u32 = value.parse().map_err(|e: std::num::ParseIntError| e.to_string())?;
    Some(unit * n).filter(|d| !d.is_zero()).ok_or_else(|| "must be above 0".to_owned())
}

/// What the environment may say instead of a flag (kept out of the process list).
#[derive(Default)]
struct Environment {
    database: Option<String>,
    session_key: Option<String>,
}

fn parse_args(mut args: impl Iterator<Item = String>, env: Environment) -> Result<Config, String> {
    let mut config = Config::default();
    if let Some(database) = env.database {
        config.database = Database::parse(&database);
    }
    if let Some(key) = env.session_key {
        config.session_key = Some(SessionKey::from_hex(&key).map_err(|e| format!("KIUBI_SESSION_KEY: {e}"))?);
    }
    while let Some(flag) = args.next() {
        match flag.as_str() {
            "--help" | "-h" => return Err(USAGE.to_owned()),
            "--csp-reports" => {
                config.csp_reports = true;
                continue;
            }
            "--behind-https" => {
                config.behind_https = true;
                continue;
            }
            _ => {}
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--listen" => config.listen = value.parse().map_err(|e| bad(&e))?,
            "--dist" => config.dist = Some(value.into()),
            "--upstream" => config.upstream = value,
            "--database" => config.database = Database::parse(&value),
            "--requests-per-minute" => config.requests_per_minute = value.parse().map_err(|e| bad(&e))?,
            "--upstream-connect-timeout" => config.upstream_timeouts.connect = seconds(&value).map_err(|e| bad(&e))?,
            "--upstream-timeout" => config.upstream_timeouts.total = seconds(&value).map_err(|e| bad(&e))?,
            "--session-key-file" => {
                let text = std::fs::read_to_string(&value).map_err(|e| bad(&e))?;
                config.session_key = Some(SessionKey::from_hex(&text).map_err(|e| bad(&e))?);
            }
            "--session-idle-hours" => {
                config.session_limits.idle = whole(&value, Duration::from_secs(3600)).map_err(|e| bad(&e))?;
            }
            "--session-max-days" => {
                config.session_limits.max_age = whole(&value, Duration::from_secs(86_400)).map_err(|e| bad(&e))?;
            }
            _ => return Err(format!("unknown flag {flag}\n\n{USAGE}")),
        }
    }
    Ok(config)
}

/// The database as said to the operator: a PostgreSQL URL without its password.
fn shown(database: &Database) -> String {
    match database {
        Database::Sqlite(path) => path.display().to_string(),
        Database::Postgres(url) => match url.split_once("://").and_then(|(s, rest)| Some((s, rest.split_once('@')?))) {
            Some((scheme, (credentials, host))) => {
                format!("{scheme}://{}@{host}", credentials.split(':').next().unwrap_or_default())
            }
            None => url.clone(),
        },
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let env = Environment {
        database: std::env::var("KIUBI_DATABASE").ok(),
        session_key: std::env::var("KIUBI_SESSION_KEY").ok(),
    };
    let config = match parse_args(std::env::args().skip(1), env) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let (upstream, database) = (config.upstream.clone(), shown(&config.database));
    let running = match kiubi_server::start(config).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("kiubi-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("Panel on http://{}, /v1 forwarded to {upstream}, workspaces in {database}", running.addr);
    kiubi_server::serve_until_interrupted("kiubi-server", running.wait()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Config, String> {
        parse_args(args.iter().map(|a| a.to_string()), Environment::default())
    }

    #[test]
    fn flags_and_their_defaults() {
        let config = parse(&["--csp-reports", "--upstream-timeout", "0.5", "--database", "/var/lib/k.sqlite"]).unwrap();
        assert!(config.csp_reports && !config.behind_https);
        assert!(parse(&["--behind-https"]).unwrap().behind_https);
        assert_eq!(config.upstream_timeouts.total, Duration::from_millis(500));
        assert_eq!(config.upstream_timeouts.connect, Duration::from_secs(10), "the default");
        assert_eq!(config.database, Database::Sqlite("/var/lib/k.sqlite".into()));
        assert_eq!(config.upstream, "https://api.kiubi.com");
        for bad in ["0", "-1", "soon"] {
            assert!(parse(&["--upstream-connect-timeout", bad]).is_err(), "{bad}");
        }
        assert!(parse(&["--listen"]).is_err());
    }

    #[test]
    fn the_session_flags() {
        let config = parse(&["--session-idle-hours", "8", "--session-max-days", "7"]).unwrap();
        assert_eq!(config.session_limits.idle, Duration::from_secs(8 * 3600));
        assert_eq!(config.session_limits.max_age, Duration::from_secs(7 * 86_400));
        assert_eq!(parse(&[]).unwrap().session_limits, kiubi_server::SessionLimits::default());
        for bad in ["0", "-1", "1.5"] {
            assert!(parse(&["--session-idle-hours", bad]).is_err(), "{bad}");
        }
        let env = Environment { session_key: Some("ab".repeat(32)), ..Environment::default() };
        assert!(parse_args(std::iter::empty(), env).unwrap().session_key.is_some());
        let env = Environment { session_key: Some("short".into()), ..Environment::default() };
        let refused = parse_args(std::iter::empty(), env).unwrap_err();
        assert!(refused.starts_with("KIUBI_SESSION_KEY") && !refused.contains("short"), "{refused}");
        assert!(parse(&["--session-key-file", "/nonexistent/key"]).is_err());
    }

    #[test]
    fn the_database_from_the_environment_and_its_password_never_shown() {
        let url = "postgres://kiubi:s3cret@db.internal:5432/kiubi";
        let env = Environment { database: Some(url.to_owned()), session_key: None };
        let config = parse_args(std::iter::empty(), env).unwrap();
        assert_eq!(config.database, Database::Postgres(url.to_owned()));
        assert_eq!(shown(&config.database), "postgres://kiubi@db.internal:5432/kiubi");
        assert_eq!(shown(&Database::parse("sqlite:/tmp/w.sqlite")), "/tmp/w.sqlite");
    }
}
