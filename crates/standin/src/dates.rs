//! The stand-in's dates: today in its clock, and the plan dates it sets (a new site's trial end).

/// Today, in the stand-in's clock (the API speaks server-local dates).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Endtrial date of a new site: trials last 30 days.
pub fn trial_end() -> String {
    today().checked_add_days(chrono::Days::new(30)).unwrap_or_default().format("%Y-%m-%d").to_string()
}
