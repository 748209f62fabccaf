//! The account and its contact.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use kiubi_wire::models::{Account, Contact};
use kiubi_wire::validate::{self, Invalid, Rules};
use kiubi_wire::{error_code, FieldError};
use rusqlite::{Connection, OptionalExtension};

use crate::auth::Caller;
use crate::dates::date_time_at;
use crate::params::Params;
use crate::reply::ApiFailure;
use crate::AppState;

/// `GET /v1/account.json`.
pub async fn account(caller: Caller, State(state): State<Arc<AppState>>) -> Response {
    let account_number = caller.account_number.clone();
    let result = state
        .db
        .call(move |conn| {
            conn.query_row(
                "SELECT account_number, account_type, account_level, creation_date FROM accounts WHERE account_number = ?1",
                [account_number],
                |r| {
                    Ok(Account {
                        account_number: r.get(0)?,
                        account_type: r.get(1)?,
                        account_level: r.get(2)?,
                        creation_date: date_time_at(r, 3)?,
                    })
                },
            )
        })
        .await;
    caller.respond(result.and_then(|account| caller.ok(account)))
}

fn read_contact(conn: &Connection, account_number: &str) -> rusqlite::Result<Contact> {
    conn.query_row(
        "SELECT firstname, lastname, civility, function, phone, email, company_name, company_address, company_zipcode,
            company_city, company_country_id, c.name, company_forme, company_siret, company_capital, company_rcs,
            company_naf, company_tva
         FROM accounts a LEFT JOIN countries c ON c.country_id = a.company_country_id WHERE account_number = ?1",
        [account_number],
        |r| {
            Ok(Contact {
                firstname: r.get(0)?,
                lastname: r.get(1)?,
                civility: r.get(2)?,
                function: r.get(3)?,
                phone: r.get(4)?,
                email: r.get(5)?,
                company_name: r.get(6)?,
                company_address: r.get(7)?,
                company_zipcode: r.get(8)?,
                company_city: r.get(9)?,
                company_country_id: r.get(10)?,
                company_country: r.get(11)?,
                company_forme: r.get(12)?,
                company_siret: r.get(13)?,
                company_capital: r.get(14)?,
                company_rcs: r.get(15)?,
                company_naf: r.get(16)?,
                company_tva: r.get(17)?,
            })
        },
    )
}

/// `GET /v1/account/contact.json`.
pub async fn contact(caller: Caller, State(state): State<Arc<AppState>>) -> Response {
    let account_number = caller.account_number.clone();
    let result = state.db.call(move |conn| read_contact(conn, &account_number)).await;
    caller.respond(result.and_then(|contact| caller.ok(contact)))
}

/// `PUT /v1/account/contact.json`: a partial update. Fields absent from the request keep their values;
/// unknown fields are ignored; names, email and civility cannot be emptied.
pub async fn update_contact(caller: Caller, State(state): State<Arc<AppState>>, params: Params) -> Response {
    let mut changes: Vec<(&'static str, String)> = Vec::new();
    let mut refused: Vec<FieldError> = Vec::new();
    let mut refuse =
        |field: &str, why: Invalid| refused.push(FieldError { field: field.into(), message: why.message_fr() });
    for (field, _) in validate::CONTACT_TEXT_FIELDS {
        let Some(value) = params.raw(field).map(str::trim) else { continue };
        match validate::contact_field(field, value, Rules::StandIn).unwrap_or(Ok(())) {
            Ok(()) => changes.push((field, value.to_owned())),
            Err(why) => refuse(field, why),
        }
    }
    let country = params.raw("company_country_id").map(str::trim).map(str::to_owned);
    let account_number = caller.account_number.clone();
    let result = state
        .db
        .call(move |conn| {
            if let Some(country) = &country {
                let known = country.parse::<i64>().ok().and_then(|id| {
                    conn.query_row("SELECT 1 FROM countries WHERE country_id = ?1", [id], |_| Ok(()))
                        .optional()
                        .ok()
                        .flatten()
                });
                match known {
                    Some(()) => changes.push(("company_country_id", country.clone())),
                    None => {
                        refused.push(FieldError { field: "company_country_id".into(), message: "Pays inconnu".into() })
                    }
                }
            }
            // An email belongs to one account: a rule only the API can check.
            if let Some((_, email)) = changes.iter().find(|(field, _)| *field == "email") {
                let taken = conn
                    .query_row(
                        "SELECT 1 FROM accounts WHERE lower(email) = lower(?1) AND account_number <> ?2",
                        [email, &account_number],
                        |_| Ok(()),
                    )
                    .optional()?
                    .is_some();
                if taken {
                    refused.push(FieldError {
                        field: "email".into(),
                        message: "Adresse email déjà utilisée par un autre compte".into(),
                    });
                }
            }
            if !refused.is_empty() {
                return Ok(Err(refused));
            }
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            for (column, value) in &changes {
                // Column names come from the fixed list `CONTACT_TEXT_FIELDS`, never from the request.
                tx.execute(
                    &format!("UPDATE accounts SET {column} = ?2 WHERE account_number = ?1"),
                    [&account_number, value],
                )?;
            }
            let contact = read_contact(&tx, &account_number)?;
            tx.commit()?;
            Ok(Ok(contact))
        })
        .await;
    caller.respond(match result {
        Ok(Ok(contact)) => caller.ok(contact),
        Ok(Err(fields)) => Err(ApiFailure::fields(error_code::PARAMS_VALIDATION, fields)),
        Err(failure) => Err(failure),
    })
}
