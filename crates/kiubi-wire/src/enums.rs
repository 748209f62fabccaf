//! The enums whose values travel as fixed strings (filters, sorts, statuses, extra fields), with
//! their wire names.

/// Enums whose values travel as fixed strings, for code that handles any of them (e.g. the
/// stand-in checking a list parameter).
pub trait WireEnum: Copy + PartialEq + 'static {
    fn all() -> &'static [Self];
    fn wire_name(self) -> &'static str;
}

/// An enum whose values travel as fixed strings: its `ALL` values, `as_str` and `parse`.
macro_rules! wire_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $wire),+ }
            }

            pub fn parse(value: &str) -> Option<$name> {
                $name::ALL.iter().copied().find(|v| v.as_str() == value)
            }
        }

        impl WireEnum for $name {
            fn all() -> &'static [$name] {
                $name::ALL
            }

            fn wire_name(self) -> &'static str {
                self.as_str()
            }
        }
    };
}

wire_enum! {
    /// A token's access rights on a site (`extra_fields=scopes`), as Kiubi's back office names them.
    Scope {
        Backup => "site:backup",
        Subscription => "site:subscription",
        Users => "site:users",
        Account => "site:account",
        Cms => "site:cms",
        Blog => "site:blog",
        Catalog => "site:catalog",
        Checkout => "site:checkout",
        Layout => "site:layout",
        Theme => "site:theme",
        Pref => "site:pref",
        Seo => "site:seo",
        Modules => "site:modules",
        Marketing => "site:marketing",
        Domains => "site:domains",
    }
}

wire_enum! {
    /// Site type filter of `GET /v1/sites.json`.
    SiteType {
        Open => "open",
        Trial => "trial",
        Closed => "closed",
        ClosingSoon => "closing_soon",
        Demo => "demo",
        Free => "free",
    }
}

wire_enum! {
    /// Sort orders of `GET /v1/sites.json`: the seven the reference names.
    #[derive(Default)]
    SiteSort {
        #[default]
        CodeSite => "code_site",
        CodeSiteDesc => "-code_site",
        Relevance => "relevance",
        CreationDate => "creation_date",
        CreationDateDesc => "-creation_date",
        ClosingDate => "closing_date",
        ClosingDateDesc => "-closing_date",
    }
}

wire_enum! {
    /// Where a job stands (`jobs/{job_id}.json`).
    JobStatus {
        Todo => "todo",
        Working => "working",
        Done => "done",
        Halt => "halt",
    }
}

wire_enum! {
    /// Activity types of `logs.json`.
    ActivityType {
        Login => "login",
        Update => "update",
        Comment => "comment",
        Checkout => "checkout",
        Form => "form",
    }
}

wire_enum! {
    /// Civilities of contacts.
    #[derive(Default)]
    Civility {
        #[default]
        Mr => "Mr",
        Mrs => "Mrs",
        Miss => "Miss",
    }
}

wire_enum! {
    /// Extra sections of `GET /v1/sites/{code_site}.json`.
    SiteExtra {
        Scopes => "scopes",
        Features => "features",
        Account => "account",
    }
}

wire_enum! {
    /// Extra sections of `stats/usage.json`.
    UsageExtra {
        Bandwidth => "bp",
        ApiPfo => "api_pfo",
        Forms => "forms",
        Products => "products",
        Users => "users",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enums_round_trip_through_their_wire_names() {
        for &t in SiteType::ALL {
            assert_eq!(SiteType::parse(t.as_str()), Some(t));
        }
        for &s in SiteSort::ALL {
            assert_eq!(SiteSort::parse(s.as_str()), Some(s));
        }
        assert_eq!(SiteSort::parse("name"), None);
    }
}
