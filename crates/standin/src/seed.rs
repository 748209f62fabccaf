//! Deterministic demo data: the same account, sites, states, figures and activity on every new
//! database. Dates are placed relative to the day of seeding, so "trial ends in 3 days" stays true.
//!
//! Some of it is hostile on purpose (`HOSTILE`): one site in seventeen has markup, a very long word,
//! right-to-left or emoji text in its name and activity, the contact and two plans carry markup,
//! and one field is empty. A client must show all of it as text and stay usable.

use chrono::{Datelike, Days, Local, NaiveDate};
use kiubi_wire::enums::Scope;
use rusqlite::{params, Transaction};

use crate::auth::password_hash;
use crate::db::Db;
use crate::effects::backup_id;

/// The demo account's API key, printed at start-up to paste into the sign-in screen.
pub const DEMO_API_KEY: &str = "7c1e4a9b2d8f6035e1a7c9b4d2f80e6a135b7c9d";
/// Login and password of the demo account's user, for sign-in with `POST /v1/auth/token`.
pub const DEMO_LOGIN: &str = "demo";
pub const DEMO_PASSWORD: &str = "demo-kiubi";
/// A key of the demo account granted every scope but `site:backup` and `site:subscription`: its
/// user may read the sites and their statistics, not back them up nor see their subscription.
pub const RESTRICTED_API_KEY: &str = "5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b";
/// The scopes `RESTRICTED_API_KEY` lacks.
pub const RESTRICTED_WITHOUT: [Scope; 2] = [Scope::Backup, Scope::Subscription];
/// A key of another account, whose sites the demo key must not reach (error 4310).
pub const OTHER_ACCOUNT_KEY: &str = "0f9e8d7c6b5a49382716a5b4c3d2e1f009182736";
pub const DEMO_ACCOUNT: &str = "100234";
pub const OTHER_ACCOUNT: &str = "999001";
pub const DEFAULT_SITES: usize = 52;
/// The site of the other account.
pub const OTHER_SITE: &str = "voisin-prive";

const PLANS: [(i64, &str, &str, f64); 5] = [
    (1, "Découverte", "Un site vitrine simple, offert.", 0.0),
    (2, "Essentiel", "Site vitrine, blog et formulaires.", 9.9),
    (3, "Pro", "Tout Essentiel, plus le référencement avancé et 10 utilisateurs. 🎉 متجر", 29.0),
    (4, "Boutique", "Catalogue et commandes en ligne, paiement sécurisé.", 49.0),
    (5, "Agence", "Pour les agences : 30 utilisateurs, API front-office étendue. <b>API</b> <img src=x onerror=\"alert('plan')\">", 99.0),
];

/// `(country_id, name, code, group_id, group_name)`.
const COUNTRIES: [(i64, &str, &str, i64, &str); 16] = [
    (1, "France", "FR", 1, "Union européenne"),
    (2, "Belgique", "BE", 1, "Union européenne"),
    (3, "Luxembourg", "LU", 1, "Union européenne"),
    (4, "Allemagne", "DE", 1, "Union européenne"),
    (5, "Espagne", "ES", 1, "Union européenne"),
    (6, "Italie", "IT", 1, "Union européenne"),
    (7, "Suisse", "CH", 2, "Europe hors UE"),
    (8, "Royaume-Uni", "GB", 2, "Europe hors UE"),
    (9, "Monaco", "MC", 2, "Europe hors UE"),
    (10, "Canada", "CA", 3, "Amérique du Nord"),
    (11, "États-Unis", "US", 3, "Amérique du Nord"),
    (12, "Guadeloupe", "GP", 4, "Outre-mer"),
    (13, "Martinique", "MQ", 4, "Outre-mer"),
    (14, "La Réunion", "RE", 4, "Outre-mer"),
    (15, "Maroc", "MA", 5, "Afrique"),
    (16, "Sénégal", "SN", 5, "Afrique"),
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
const USERS: [(&str, &str); 5] = [
    ("Camille Martin", "Administrateur"),
    ("Louis Bernard", "Rédacteur"),
    ("Inès Petit", "Rédacteur"),
    ("Hugo Robert", "Client"),
    ("Léa Richard", "Client"),
];

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

const GB: i64 = 1024 * 1024 * 1024;

/// A right-to-left override (U+202E) left open, as in spoofed file names: shown in a sentence without
/// isolation, it reverses the words that follow it.
pub const BIDI_OVERRIDE: &str = "\u{202E}fdp.exe";

/// Text a client must show literally: markup that would run if parsed, a word too long for any
/// column, right-to-left and emoji text, a direction override, and nothing at all.
pub const HOSTILE: [&str; 7] = [
    "<script>alert('xss')</script>",
    "<img src=x onerror=\"alert('xss')\">",
    "Anticonstitutionnellement-intergouvernementalisations-hyperindustrialisation-sans-aucune-espace-possible",
    "متجر الزهور שלום",
    "🎉🛒 Boutique 👩‍💻",
    BIDI_OVERRIDE,
    "",
];

/// The sites whose name and activity carry `HOSTILE` text (3 of the 52 demo sites).
fn is_hostile(i: usize) -> bool {
    i % 17 == 16
}

fn day(base: NaiveDate, offset: i64) -> NaiveDate {
    let date = if offset >= 0 {
        base.checked_add_days(Days::new(offset as u64))
    } else {
        base.checked_sub_days(Days::new(offset.unsigned_abs()))
    };
    date.unwrap_or(base)
}

fn ymd(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
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
        seed_reference_data(&tx)?;
        for i in 0..site_count {
            seed_site(&tx, i, today)?;
        }
        seed_other_account_site(&tx, today)?;
        tx.commit()
    })
}

fn seed_reference_data(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    for (id, name, code, group_id, group_name) in COUNTRIES {
        tx.execute(
            "INSERT INTO countries (country_id, name, code, group_id, group_name) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, name, code, group_id, group_name],
        )?;
    }
    for (id, name, description, cost) in PLANS {
        tx.execute(
            "INSERT INTO plans (plan_id, name, description, monthly_cost) VALUES (?1, ?2, ?3, ?4)",
            params![id, name, description, cost],
        )?;
    }
    let accounts = [
        (
            DEMO_ACCOUNT,
            "prestataire",
            "expert",
            "2016-03-14",
            "Camille",
            "Martin",
            "Mrs",
            "Gérante",
            "camille.martin@agence-exemple.fr",
            "Agence Exemple",
        ),
        (
            OTHER_ACCOUNT,
            "porteur",
            "premium",
            "2019-09-02",
            "Paul",
            "Durand",
            "Mr",
            "Fondateur",
            "paul.durand@voisin.example",
            "Voisin SARL",
        ),
    ];
    for (number, kind, level, created, first, last, civility, function, email, company) in accounts {
        tx.execute(
            "INSERT INTO accounts (account_number, account_type, account_level, creation_date, firstname, lastname, civility,
                function, phone, email, company_name, company_address, company_zipcode, company_city, company_country_id,
                company_forme, company_siret, company_capital, company_rcs, company_naf, company_tva)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, '04 72 00 00 00', ?9, ?10, ?11, '69002', 'Lyon', 1,
                '', '12345678900012', '10 000 €', ?12, '6201Z', 'FR12345678901')",
            params![
                number,
                kind,
                level,
                created,
                first,
                last,
                civility,
                function,
                email,
                company,
                format!("12 rue de la République {}", HOSTILE[0]),
                format!("Lyon B 123 456 789 {}", HOSTILE[2])
            ],
        )?;
    }
    tx.execute(
        "INSERT INTO users (user_id, account_number, login, password_hash, firstname, lastname, email, gender, is_admin)
         VALUES (1, ?1, ?2, ?3, 'Camille', 'Martin', 'camille.martin@agence-exemple.fr', 'F', 1)",
        params![DEMO_ACCOUNT, DEMO_LOGIN, password_hash(DEMO_PASSWORD)],
    )?;
    for (key, account) in
        [(DEMO_API_KEY, DEMO_ACCOUNT), (OTHER_ACCOUNT_KEY, OTHER_ACCOUNT), (RESTRICTED_API_KEY, DEMO_ACCOUNT)]
    {
        tx.execute(
            "INSERT INTO api_keys (key, account_number, key_hash) VALUES (?1, ?2, ?3)",
            params![key, account, crate::auth::key_hash(key)],
        )?;
    }
    let granted: Vec<&str> =
        Scope::ALL.iter().filter(|scope| !RESTRICTED_WITHOUT.contains(scope)).map(|scope| scope.as_str()).collect();
    tx.execute("INSERT INTO key_scopes (key, scopes) VALUES (?1, ?2)", params![RESTRICTED_API_KEY, granted.join(",")])?;
    Ok(())
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Site number `i` of the demo account, with its figures, options, backups and activity.
fn seed_site(tx: &Transaction<'_>, i: usize, today: NaiveDate) -> rusqlite::Result<()> {
    let trade = TRADES[i % TRADES.len()];
    let place = PLACES[(i / TRADES.len()) % PLACES.len()];
    let round = i / (TRADES.len() * PLACES.len());
    let code = if round == 0 { format!("{trade}-{place}") } else { format!("{trade}-{place}-{round}") };
    let name = format!(
        "{} {}{}",
        capitalise(trade),
        capitalise(place),
        if round == 0 { String::new() } else { format!(" {round}") }
    );
    let name = if is_hostile(i) {
        // Never empty: a site always has a name; the other hostile kinds in turn, the long word
        // followed by the open direction override.
        let kind = (i / 17) % (HOSTILE.len() - 1);
        let tail = if kind == 2 { format!(" {BIDI_OVERRIDE}") } else { String::new() };
        format!("{} {}{tail}", capitalise(trade), HOSTILE[kind])
    } else {
        name
    };
    let n = i as i64;
    let created = day(today, -30 - (n * 37) % 1400);
    let (plan_id, balance, closed, trial, demo, free, closing, endtrial) = match CYCLE[i % CYCLE.len()] {
        State::Open => (2 + n % 4, Some(3 + n % 20), false, false, false, false, Some(day(today, 40 + n % 300)), None),
        State::TrialEndingSoon => (3, None, false, true, false, false, None, Some(day(today, 3))),
        State::Trial => (4, None, false, true, false, false, None, Some(day(today, 24))),
        State::Closed => (2, Some(0), true, false, false, false, Some(day(today, -20 - n % 90)), None),
        State::ClosingSoon => (3, Some(1), false, false, false, false, Some(day(today, 5)), None),
        State::Demo => (5, None, false, false, true, false, None, None),
        State::Free => (1, None, false, false, false, true, None, None),
    };
    // Shops: the Boutique plan, and one Agence site in two.
    let has_shop = plan_id == 4 || (plan_id == 5 && i.is_multiple_of(2));
    let has_forms = i % 5 != 3;
    let space_total = match plan_id {
        1 => GB,
        2 => 5 * GB,
        3 => 10 * GB,
        _ => 20 * GB,
    };
    // One site in eleven is near its quotas (under 15 % free disk, over 85 % of products and users).
    let crowded = i % 11 == 4;
    let fill = if crowded { 0.9 } else { 0.15 + (n % 50) as f64 / 100.0 };
    let used = (space_total as f64 * fill) as i64;
    let (medias, datas) = (used * 6 / 10, used * 3 / 10);
    let products_total = if has_shop { 500 + 500 * (n % 3) } else { 0 };
    let products_used = if crowded { products_total * 9 / 10 } else { products_total * (n % 60) / 100 };
    let users_total = match plan_id {
        1 | 2 => 3,
        3 | 4 => 10,
        _ => 30,
    };
    let users_used = if crowded { users_total } else { 1 + n % users_total };
    tx.execute(
        "INSERT INTO sites (code_site, account_number, name, domain, backoffice, creation_date, plan_id, balance,
            is_closed, is_trial, is_demo, is_free, closing_date, endtrial_date, traffic_base, has_shop, has_forms,
            live_visitors, unread_responses, pending_orders, pending_orders_amount, average_cart, monthly_transformation,
            stock_shortage_count, refillable_count, space_medias, space_datas, space_ftp, space_total,
            bandwidth_used, bandwidth_total, api_pfo_used, api_pfo_total, forms_used, forms_total,
            products_used, products_total, users_used, users_total)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
            ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39)",
        params![
            code,
            DEMO_ACCOUNT,
            name,
            format!("https://www.{code}.example"),
            format!("{code}.kiubi-admin.example"),
            format!("{} {:02}:{:02}:00", ymd(created), 8 + i % 10, (i * 7) % 60),
            plan_id,
            balance,
            closed,
            trial,
            demo,
            free,
            closing.map(ymd),
            endtrial.map(ymd),
            20 + (n * 97) % 800,
            has_shop,
            has_forms,
            if closed { 0 } else { (n * 13) % 40 },
            if has_forms { (n * 7) % 9 } else { 0 },
            if has_shop { (n * 3) % 12 } else { 0 },
            if has_shop { ((n * 3) % 12) * (45 + n % 60) } else { 0 },
            if has_shop { 45 + n % 60 } else { 0 },
            if has_shop { 1 + n % 4 } else { 0 },
            if has_shop { n % 6 } else { 0 },
            if has_shop { (n * 5) % 14 } else { 0 },
            medias,
            datas,
            used - medias - datas,
            space_total,
            ((100 * GB) as f64 * fill) as i64,
            100 * GB,
            if crowded { 95_000 } else { 1_000 * (n % 80) },
            100_000,
            (n * 3) % 20,
            20,
            products_used,
            products_total,
            users_used,
            users_total,
        ],
    )?;
    if !free && !demo {
        let options: &[(&str, &str, i64, i64, f64)] = &[
            ("users", "Utilisateurs supplémentaires", 1 + n % 3, 10, 5.0),
            ("domain", "Nom de domaine supplémentaire", 1, 5, 1.5),
            ("space", "Espace disque +5 Go", n % 3, 4, 3.0),
        ];
        for (option_code, option_name, quantity, max, cost) in options.iter().take(1 + i % 3) {
            tx.execute(
                "INSERT INTO site_options (code_site, code, name, quantity, quantity_max, unit_cost) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![code, option_code, option_name, quantity, max, cost],
            )?;
        }
    }
    seed_backups(tx, &code, &name, (products_used, (n * 3) % 20), today, i)?;
    seed_activity(tx, &code, has_shop, today, i)
}

/// Daily automatic points (yesterday, the day before, last Monday) and, for one site in three, a manual one.
/// The older a point, the fewer products and forms it holds, so a restore visibly changes the site.
fn seed_backups(
    tx: &Transaction<'_>,
    code: &str,
    name: &str,
    (products_used, forms_used): (i64, i64),
    today: NaiveDate,
    i: usize,
) -> rusqlite::Result<()> {
    let last_monday = day(today, -(i64::from(today.weekday().num_days_from_monday()) + 7));
    let mut points = vec![(day(today, -1), 3, false), (day(today, -2), 3, false), (last_monday, 3, false)];
    if i.is_multiple_of(3) {
        points.push((day(today, -4 - (i as i64 % 5)), 14, true));
    }
    for (date, hour, manual) in points {
        let at = date.and_hms_opt(hour, (i % 60) as u32, 0).unwrap_or_default();
        let age = (today - date).num_days();
        tx.execute(
            "INSERT OR IGNORE INTO backups (code_site, id, creation_date, manual, snapshot_name, snapshot_products_used,
                snapshot_forms_used) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                code,
                backup_id(at),
                at.format("%Y-%m-%d %H:%M:%S").to_string(),
                manual,
                name,
                (products_used - age).max(0),
                (forms_used - age).max(0)
            ],
        )?;
    }
    Ok(())
}

/// Activity of all five types over the last two months; the first sites get a long history.
fn seed_activity(tx: &Transaction<'_>, code: &str, has_shop: bool, today: NaiveDate, i: usize) -> rusqlite::Result<()> {
    let entries = if i < 60 { 45 } else { 6 };
    let mut stmt = tx.prepare_cached(
        "INSERT INTO logs (code_site, text, urn, type, user_name, user_profil, avatar_url, avatar_thumb_url, customer_id, creation_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?;
    for k in 0..entries {
        let kinds = ["login", "update", "comment", if has_shop { "checkout" } else { "update" }, "form"];
        let kind = kinds[(k + i) % kinds.len()];
        let n = (i * 31 + k * 17) % 1000;
        let (user, profile) = USERS[if matches!(kind, "login" | "update") { k % 3 } else { 3 + k % 2 }];
        let (text, urn, customer) = match kind {
            "login" => (format!("Connexion de {user}"), None, None),
            "update" => (
                format!("Page « Accueil » modifiée (version {})", 1 + n % 40),
                Some(format!("/cms/pages/{}", 1 + n % 12)),
                None,
            ),
            "comment" => (
                format!("Nouveau commentaire sur le billet « Nos nouveautés {} »", 1 + n % 9),
                Some(format!("/blog/posts/{}", 1 + n % 30)),
                Some(1000 + n as i64),
            ),
            "checkout" => (
                format!("Nouvelle commande n° {}", 20_000 + n),
                Some(format!("/checkout/orders/{}", 20_000 + n)),
                Some(1000 + n as i64),
            ),
            _ => (
                "Nouvelle réponse au formulaire « Contact »".to_owned(),
                Some(format!("/forms/1/responses/{}", 1 + n)),
                Some(1000 + n as i64),
            ),
        };
        let (text, user) = match is_hostile(i) && k < HOSTILE.len() {
            true => (format!("{text} {}", HOSTILE[k]), HOSTILE[(k + 1) % HOSTILE.len()]),
            false => (text, user),
        };
        let avatar = format!("https://cdn.kiubi.example/avatars/{}.png", 1 + (k + i) % 5);
        let minutes_ago = (k as i64) * (60 * 24 * 60 / entries as i64) + (i as i64 % 50);
        let at = today.and_hms_opt(9, 0, 0).unwrap_or_default() - chrono::Duration::minutes(minutes_ago);
        stmt.execute(params![
            code,
            text,
            urn,
            kind,
            user,
            profile,
            avatar,
            avatar.replace(".png", "-thumb.png"),
            customer,
            at.format("%Y-%m-%d %H:%M:%S").to_string()
        ])?;
    }
    Ok(())
}

fn seed_other_account_site(tx: &Transaction<'_>, today: NaiveDate) -> rusqlite::Result<()> {
    tx.execute(
        "INSERT INTO sites (code_site, account_number, name, domain, backoffice, creation_date, plan_id, balance, closing_date,
            space_total)
         VALUES (?1, ?2, 'Site d''un autre compte', ?3, ?4, ?5, 2, 10, ?6, ?7)",
        params![
            OTHER_SITE,
            OTHER_ACCOUNT,
            format!("https://www.{OTHER_SITE}.example"),
            format!("{OTHER_SITE}.kiubi-admin.example"),
            format!("{} 09:00:00", ymd(day(today, -100))),
            ymd(day(today, 200)),
            5 * GB
        ],
    )?;
    seed_backups(tx, OTHER_SITE, "Site d'un autre compte", (0, 0), today, 0)
}
