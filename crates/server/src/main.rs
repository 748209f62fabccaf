//! `kiubi-server`: the panel, the API forwarded, and the team's workspace, for production.

use std::process::ExitCode;
use std::time::Duration;

use kiubi_server::{Config, Database};

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
  --behind-https     the TLS proxy in front serves it over https: every reply carries HSTS (a year)";

/// A positive number of seconds, decimals allowed (`0.5`).
fn seconds(value: &str) -> Result<Duration, String> {
    let secs: f64 = value.parse().map_err(|e: std::num::ParseFloatError| e.to_string())?;
    Duration::try_from_secs_f64(secs).ok().filter(|d| !d.is_zero()).ok_or_else(|| "must be above 0".to_owned())
}

fn parse_args(mut args: impl Iterator<Item = String>, database: Option<String>) -> Result<Config, String> {
    let mut config = Config::default();
    if let Some(database) = database {
        config.database = Database::parse(&database);
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
    let config = match parse_args(std::env::args().skip(1), std::env::var("KIUBI_DATABASE").ok()) {
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
        parse_args(args.iter().map(|a| a.to_string()), None)
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
    fn the_database_from_the_environment_and_its_password_never_shown() {
        let url = "postgres://kiubi:s3cret@db.internal:5432/kiubi";
        let config = parse_args(std::iter::empty(), Some(url.to_owned())).unwrap();
        assert_eq!(config.database, Database::Postgres(url.to_owned()));
        assert_eq!(shown(&config.database), "postgres://kiubi@db.internal:5432/kiubi");
        assert_eq!(shown(&Database::parse("sqlite:/tmp/w.sqlite")), "/tmp/w.sqlite");
    }
}
