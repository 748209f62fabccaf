//! Deterministic demo data: the same sites, names and states on every new database.
//! Dates are placed relative to the day of seeding so that "trial ends in 3 days" stays true.

use chrono::{Days, Local, NaiveDate};
use rusqlite::params;

use crate::db::Db;

/// The demo account's API key, printed at start-up to paste into the sign-in screen.
pub const DEMO_API_KEY: &str = "7c1e4a9b2d8f6035e1a7c9b4d2f80e6a135b7c9d";
/// A key of another account, whose sites the demo key must not reach (error 4310).
pub const OTHER_ACCOUNT_KEY: &str = "0f9e8d7c6b5a49382716a5b4c3d2e1f009182736";
pub const DEMO_ACCOUNT: &str = "100234";
pub const OTHER_ACCOUNT: &str = "999001";
pub const DEFAULT_SITES: usize = 52;

const PLANS: [(i64, &str, &str, f64); 5] = [
    (1, "Découverte", "Un site vitrine simple, offert.", 0.0),
    (2, "Essentiel", "Site vitrine, blog et formulaires.", 9.9),
    (3, "Pro", "Tout Essentiel, plus le référencement avancé et 10 utilisateurs.", 29.0),
    (4, "Boutique", "Catalogue et commandes en ligne, paiement sécurisé.", 49.0),
    (5, "Agence", "Pour les agences : 30 utilisateurs, API front-office étendue.", 99.0),
];

const TRADES: [&str; 13] = [
    "atelier",
    "boulangerie",
    "cabinet",
    "domaine",
    "epicerie",
    "fleuriste",
    "galerie",
    "hotel",
    "librairie",
    "menuiserie",
    "optique",
    "pharmacie",
    "studio",
];
const PLACES: [&str; 8] = ["lyon", "nantes", "rennes", "lille", "annecy", "bordeaux", "dijon", "brest"];

/// The state a seeded site is in; the cycle covers every state of the reference's type filter.
#[derive(Clone, Copy)]
enum State {
    Open,
    TrialEndingSoon,
    Trial,
    Closed,
    ClosingSoon,
    Demo,
    Free,
}

const CYCLE: [State; 9] = [
    State::Open,
    State::Open,
    State::TrialEndingSoon,
    State::Closed,
    State::ClosingSoon,
    State::Demo,
    State::Free,
    State::Trial,
    State::Open,
];

fn day(base: NaiveDate, offset: i64) -> String {
    let date = if offset >= 0 {
        base.checked_add_days(Days::new(offset as u64))
    } else {
        base.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    date.unwrap_or(base).format("%Y-%m-%d").to_string()
}

/// Seeds a new database; a database that already has sites is left as it is.
pub fn seed_if_empty(db: &Db, site_count: usize) -> rusqlite::Result<()> {
    db.call_blocking(|conn| {
        let existing: i64 = conn.query_row("SELECT COUNT(*) FROM sites", [], |r| r.get(0))?;
        if existing > 0 {
            return Ok(());
        }
        let today = Local::now().date_naive();
        let tx = conn.transaction()?;
        for (key, account) in [(DEMO_API_KEY, DEMO_ACCOUNT), (OTHER_ACCOUNT_KEY, OTHER_ACCOUNT)] {
            tx.execute("INSERT INTO api_keys (key, account_number) VALUES (?1, ?2)", params![key, account])?;
        }
        for (id, name, description, cost) in PLANS {
            tx.execute(
                "INSERT INTO plans (plan_id, name, description, monthly_cost) VALUES (?1, ?2, ?3, ?4)",
                params![id, name, description, cost],
            )?;
        }
        {
            let mut insert = tx.prepare(
                "INSERT INTO sites (code_site, account_number, name, domain, backoffice, creation_date, plan_id, balance,
                    is_closed, is_trial, is_demo, is_free, closing_date, endtrial_date)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            for i in 0..site_count {
                let trade = TRADES[i % TRADES.len()];
                let place = PLACES[(i / TRADES.len()) % PLACES.len()];
                let round = i / (TRADES.len() * PLACES.len());
                let code = if round == 0 { format!("{trade}-{place}") } else { format!("{trade}-{place}-{round}") };
                let name = format!("{} {}{}", capitalise(trade), capitalise(place), if round == 0 { String::new() } else { format!(" {round}") });
                let created = format!("{} {:02}:{:02}:00", day(today, -30 - (i as i64 * 37) % 1400), 8 + i % 10, (i * 7) % 60);
                let (plan_id, balance, closed, trial, demo, free, closing, endtrial) = match CYCLE[i % CYCLE.len()] {
                    State::Open => (2 + (i % 4) as i64, Some(3 + (i % 20) as i64), false, false, false, false, Some(day(today, 40 + (i as i64 % 300))), None),
                    State::TrialEndingSoon => (3, None, false, true, false, false, None, Some(day(today, 3))),
                    State::Trial => (4, None, false, true, false, false, None, Some(day(today, 24))),
                    State::Closed => (2, Some(0), true, false, false, false, Some(day(today, -20 - (i as i64 % 90))), None),
                    State::ClosingSoon => (3, Some(1), false, false, false, false, Some(day(today, 5)), None),
                    State::Demo => (5, None, false, false, true, false, None, None),
                    State::Free => (1, None, false, false, false, true, None, None),
                };
                insert.execute(params![
                    code,
                    DEMO_ACCOUNT,
                    name,
                    format!("https://www.{code}.example"),
                    format!("{code}.kiubi-admin.example"),
                    created,
                    plan_id,
                    balance,
                    closed,
                    trial,
                    demo,
                    free,
                    closing,
                    endtrial
                ])?;
            }
            insert.execute(params![
                "voisin-prive",
                OTHER_ACCOUNT,
                "Site d'un autre compte",
                "https://www.voisin-prive.example",
                "voisin-prive.kiubi-admin.example",
                format!("{} 09:00:00", day(today, -100)),
                2,
                Some(10),
                false,
                false,
                false,
                false,
                Some(day(today, 200)),
                None::<String>
            ])?;
        }
        tx.commit()
    })
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
