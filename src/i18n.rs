//! Every string of the interface, in French and English. Components ask `Locale::tr(Key)`;
//! the table below is the only place where words live.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    pub fn code(self) -> &'static str {
        match self {
            Locale::Fr => "fr",
            Locale::En => "en",
        }
    }

    /// The locale for a BCP 47 tag such as the browser's `navigator.language` (`fr-FR`, `en-GB`…);
    /// French is Kiubi's home language, so anything unknown falls back to it.
    pub fn from_tag(tag: &str) -> Locale {
        match tag.split(['-', '_']).next().map(str::to_ascii_lowercase).as_deref() {
            Some("en") => Locale::En,
            _ => Locale::Fr,
        }
    }
}

macro_rules! messages {
    ($($key:ident => $fr:literal, $en:literal;)*) => {
        /// A message of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Key { $($key),* }

        impl Key {
            pub const ALL: &'static [Key] = &[$(Key::$key),*];
        }

        impl Locale {
            pub fn tr(self, key: Key) -> &'static str {
                match (self, key) {
                    $((Locale::Fr, Key::$key) => $fr, (Locale::En, Key::$key) => $en,)*
                }
            }
        }
    };
}

messages! {
    AppName => "Kiubi Admin", "Kiubi Admin";
    SignInTitle => "Connexion", "Sign in";
    SignInIntro => "Collez une clé API de votre profil Kiubi.", "Paste an API key from your Kiubi profile.";
    ApiKeyLabel => "Clé API", "API key";
    ApiKeyInvalidFormat => "Une clé API compte 40 caractères hexadécimaux (0-9, a-f).", "An API key is 40 hexadecimal characters (0-9, a-f).";
    SessionExpired => "Votre session a expiré : reconnectez-vous pour reprendre où vous en étiez.", "Your session has expired: sign in again to pick up where you left off.";
    SignInMethod => "Méthode de connexion", "Sign-in method";
    WithApiKey => "Clé API", "API key";
    WithLogin => "Identifiant et mot de passe", "Login and password";
    LoginLabel => "Identifiant", "Login";
    PasswordLabel => "Mot de passe", "Password";
    LoginRequired => "Saisissez l'identifiant et le mot de passe.", "Enter the login and the password.";
    LoginRefused => "Identifiant ou mot de passe incorrect.", "Wrong login or password.";
    ApiBaseLabel => "Adresse de l'API", "API address";
    ApiBaseInvalid => "L'adresse de l'API commence par https:// (ou http://), ou reste vide pour ce site.", "The API address starts with https:// (or http://), or stays empty for this site.";
    StaySignedIn => "Rester connecté sur cet appareil", "Stay signed in on this device";
    Language => "Langue", "Language";
    Theme => "Thème", "Theme";
    ThemeSystem => "Thème : système", "Theme: system";
    ThemeLight => "Thème : clair", "Theme: light";
    ThemeDark => "Thème : sombre", "Theme: dark";
    SignInButton => "Se connecter", "Sign in";
    SigningIn => "Connexion…", "Signing in…";
    SignOut => "Se déconnecter", "Sign out";
    Menu => "Menu", "Menu";
    MainNavigation => "Navigation principale", "Main navigation";
    NavSites => "Sites", "Sites";
    SitesTitle => "Sites", "Sites";
    ColCode => "Code", "Code";
    ColName => "Nom", "Name";
    ColDomain => "Domaine", "Domain";
    ColCreated => "Création", "Created";
    Dismiss => "Fermer", "Dismiss";
    SignedOut => "Vous êtes déconnecté.", "You are signed out.";
    FatalError => "Une erreur inattendue a arrêté le panneau. Vos données enregistrées ne sont pas touchées.", "An unexpected error stopped the panel. Your saved data is not affected.";
    Reload => "Recharger la page", "Reload the page";
    Loading => "Chargement…", "Loading…";
    Retry => "Réessayer", "Retry";
    NoSites => "Aucun site sur ce compte.", "No site on this account.";
    SitesCount => "site(s)", "site(s)";
    NotFoundTitle => "Page introuvable", "Page not found";
    BackToSites => "Retour aux sites", "Back to sites";
    ErrorBadToken => "Clé refusée par l'API : vérifiez-la ou reconnectez-vous.", "The API refused the key: check it or sign in again.";
    ErrorRateLimit => "Trop de requêtes : quota de l'API atteint, réessayez dans un instant.", "Too many requests: the API quota is used up, try again shortly.";
    ErrorMaintenance => "L'API est en maintenance, réessayez plus tard.", "The API is under maintenance, try again later.";
    ErrorServer => "Erreur du serveur", "Server error";
    ErrorNetwork => "L'API est injoignable : vérifiez la connexion.", "The API cannot be reached: check the connection.";
    ErrorTimeout => "L'API n'a pas répondu à temps.", "The API did not answer in time.";
    ErrorUndecodable => "Réponse de l'API illisible.", "The API sent a reply that cannot be read.";
    ErrorAborted => "Requête annulée.", "Request cancelled.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_exists_in_both_languages() {
        for key in Key::ALL {
            assert!(!Locale::Fr.tr(*key).is_empty() && !Locale::En.tr(*key).is_empty(), "{key:?}");
        }
    }

    #[test]
    fn browser_tags_map_to_locales() {
        assert_eq!(Locale::from_tag("en-GB"), Locale::En);
        assert_eq!(Locale::from_tag("fr"), Locale::Fr);
        assert_eq!(Locale::from_tag("de-DE"), Locale::Fr);
        assert_eq!(Locale::from_tag(""), Locale::Fr);
    }
}
