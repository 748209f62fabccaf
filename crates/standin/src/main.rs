//! `kiubi-standin`: runs the local stand-in of the Kiubi API (and serves the built panel).

use std::process::ExitCode;

use kiubi_standin::seed::{DEMO_LOGIN, DEMO_PASSWORD, RESTRICTED_API_KEY};
use kiubi_standin::{Config, DEMO_API_KEY};

const USAGE: &str = "kiubi-standin [--listen ADDR] [--db PATH] [--dist DIR] [--seed-sites N] [--rate-quota N]

  --listen ADDR      address to listen on (default 127.0.0.1:8080)
  --db PATH          SQLite file, created and seeded when new (default standin.sqlite)
  --dist DIR         built panel to serve at / (default: API only)
  --seed-sites N     sites of the demo account in a new database (default 52)
  --rate-quota N     requests per key per minute before error 4300 (default 5000)
  --latency-ms N     delay added to every /v1 reply (default 0)
  --fault-share X    share, 0 to 1, of /v1 replies replaced by a 500 or a 503 (default 0)
  --job-ms N         how long a job (backup, restore, site creation) runs (default 4000)
  --halt-jobs        every job ends in `halt` with an error
  --refuse-new-site-jobs   a site creation's job answers 404 (4401) while followed
  --php-style        /v1 replies loosely typed, as a PHP back end may send them (numbers as strings,
                     lists as keyed objects, error as [] on a success…), the same on every run
  --test-control     serve POST /_standin/control to change the above while running (tests only)
  --openapi          print the OpenAPI document of what it serves (docs/api-openapi.json) and exit

The team's workspace is kept beside the database (standin.sqlite: standin.workspace.sqlite).
In production, run kiubi-server in front of the real API instead.";

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Config, String> {
    let mut config = Config::default();
    while let Some(flag) = args.next() {
        // Flags without a value: switches.
        let switch: Option<&mut bool> = match flag.as_str() {
            "--help" | "-h" => return Err(USAGE.to_owned()),
            "--halt-jobs" => Some(&mut config.halt_jobs),
            "--refuse-new-site-jobs" => Some(&mut config.refuse_new_site_jobs),
            "--php-style" => Some(&mut config.php_style),
            "--test-control" => Some(&mut config.test_control),
            _ => None,
        };
        if let Some(on) = switch {
            *on = true;
            continue;
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value\n\n{USAGE}"))?;
        let bad = |e: &dyn std::fmt::Display| format!("{flag} {value}: {e}");
        match flag.as_str() {
            "--listen" => config.listen = value.parse().map_err(|e| bad(&e))?,
            "--db" => config.db_path = value.into(),
            "--dist" => config.dist = Some(value.into()),
            "--seed-sites" => config.seed_sites = value.parse().map_err(|e| bad(&e))?,
            "--rate-quota" => config.rate_quota = value.parse().map_err(|e| bad(&e))?,
            "--latency-ms" => config.latency_ms = value.parse().map_err(|e| bad(&e))?,
            "--fault-share" => config.fault_share = value.parse().map_err(|e| bad(&e))?,
            "--job-ms" => config.job_ms = value.parse().map_err(|e| bad(&e))?,
            _ => return Err(format!("unknown flag {flag}\n\n{USAGE}")),
        }
    }
    Ok(config)
}

#[tokio::main]
async fn main() -> ExitCode {
    if std::env::args().nth(1).as_deref() == Some("--openapi") {
        print!("{}", kiubi_standin::openapi::pretty());
        return ExitCode::SUCCESS;
    }
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(config) => config,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let serves_panel = config.dist.is_some();
    let running = match kiubi_standin::start(config).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("kiubi-standin: {e}");
            return ExitCode::FAILURE;
        }
    };
    let what = if serves_panel { "Panel and API" } else { "API" };
    println!(
        "{what} on http://{}\nDemo API key: {DEMO_API_KEY}\nDemo login: {DEMO_LOGIN} / {DEMO_PASSWORD}\n\
         Restricted key (no backups, no subscription): {RESTRICTED_API_KEY}",
        running.addr
    );
    kiubi_server::serve_until_interrupted("kiubi-standin", running.wait()).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Config, String> {
        parse_args(args.iter().map(|a| a.to_string()))
    }

    #[test]
    fn switches_and_values() {
        let config = parse(&["--php-style", "--halt-jobs", "--job-ms", "50"]).unwrap();
        assert!(config.php_style && config.halt_jobs && !config.test_control);
        assert_eq!(config.job_ms, 50);
        assert!(parse(&["--upstream", "https://api.kiubi.com"]).is_err(), "the server's flag, not the stand-in's");
        assert!(parse(&["--job-ms"]).is_err());
    }
}
