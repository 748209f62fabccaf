//! Every string of the interface, in French and English. Components ask `Locale::tr(Key)`;
//! the table below is the only place where words live.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Locale {
    #[default]
    Fr,
    En,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::Fr, Locale::En];

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

/// A message of the interface: its text in each language.
pub trait Message: Copy + Send + Sync + 'static {
    fn text(self, locale: Locale) -> &'static str;
}

impl Locale {
    /// The text of `key` in this language. Generic, so that the pages in the chunk get their own copy
    /// of it (with their table of words) and the shell's copy knows only `Key`.
    pub fn tr<M: Message>(self, key: M) -> &'static str {
        key.text(self)
    }

    /// A message with its placeholders filled: `locale.tr_with(Key::CreatedOn, &[("date", &day)])`.
    /// Filled in one pass, so a value that holds `{…}` (a search term, an API text) stays as it is.
    pub fn tr_with<M: Message>(self, key: M, args: &[(&str, &str)]) -> String {
        fill(self.tr(key), args, None)
    }

    /// A message about `count` things: its text holds the singular and the plural, split by `|`
    /// (`"{count} site|{count} sites"`), one chosen by the language's rule (French: 0 and 1 take the
    /// singular; English: 1 alone), its `{count}` written by `integer`, the rest filled from `args` as
    /// by `tr_with`.
    pub fn tr_count<M: Message>(self, key: M, count: i64, args: &[(&str, &str)]) -> String {
        let text = self.tr(key);
        let (singular, plural) = text.split_once('|').unwrap_or((text, text));
        let one = match self {
            Locale::Fr => count.abs() < 2,
            Locale::En => count.abs() == 1,
        };
        fill(if one { singular } else { plural }, args, Some(&self.integer(count)))
    }

    /// A whole number, thousands grouped: 1 234 / 1,234. Without float formatting, whose code the
    /// first visit then does not download (ARCHITECTURE.md, "Code splitting").
    pub fn integer(self, value: i64) -> String {
        let mut out = self.grouped(&value.unsigned_abs().to_string());
        if value < 0 {
            out.insert(0, '-');
        }
        out
    }

    /// `digits` with the language's thousands separator.
    pub fn grouped(self, digits: &str) -> String {
        let group = match self {
            Locale::Fr => '\u{202f}',
            Locale::En => ',',
        };
        let mut out = String::new();
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(group);
            }
            out.push(c);
        }
        out
    }
}

/// `template` with each `{name}` replaced by its value in `args` (and `{count}` by `count`, when
/// given); one without a value stays as written.
pub fn fill(template: &str, args: &[(&str, &str)], count: Option<&str>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some((before, name, after)) = next_placeholder(rest) {
        out.push_str(before);
        let value = args.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
        match value.or(count.filter(|_| name == "count")) {
            Some(value) => out.push_str(value),
            None => out.push_str(&rest[before.len()..rest.len() - after.len()]),
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The names of the placeholders of `template`, in order.
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some((_, name, after)) = next_placeholder(rest) {
        names.push(name);
        rest = after;
    }
    names
}

/// The text before the first `{name}` of `text`, the name, and the text after it.
fn next_placeholder(text: &str) -> Option<(&str, &str, &str)> {
    let open = text.find('{')?;
    let close = open + text[open..].find('}')?;
    Some((&text[..open], &text[open + 1..close], &text[close + 1..]))
}

/// The parts of `template` before and after `placeholder` (`{name}`), for a sentence whose value is
/// rendered apart (bidi-isolated); without the placeholder, the whole template comes before.
pub fn around<'a>(template: &'a str, placeholder: &str) -> (&'a str, &'a str) {
    template.split_once(placeholder).unwrap_or((template, ""))
}

macro_rules! messages {
    ($name:ident; $($key:ident => $fr:literal, $en:literal;)*) => {
        /// A message of the interface.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($key),* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$key),*];
        }

        impl Message for $name {
            fn text(self, locale: Locale) -> &'static str {
                match (locale, self) {
                    $((Locale::Fr, $name::$key) => $fr, (Locale::En, $name::$key) => $en,)*
                }
            }
        }
    };
}

messages! {
    Key;
    AppName => "Kiubi Admin", "Kiubi Admin";
    SignInTitle => "Connexion", "Sign in";
    SignInIntro => "Collez une clé API de votre profil Kiubi.", "Paste an API key from your Kiubi profile.";
    ApiKeyLabel => "Clé API", "API key";
    ApiKeyRequired => "Saisissez la clé API.", "Enter the API key.";
    SessionExpired => "Votre session a expiré : reconnectez-vous pour reprendre où vous en étiez.", "Your session has expired: sign in again to pick up where you left off.";
    SignInMethod => "Méthode de connexion", "Sign-in method";
    WithApiKey => "Clé API", "API key";
    WithLogin => "Identifiant et mot de passe", "Login and password";
    LoginLabel => "Identifiant", "Login";
    PasswordLabel => "Mot de passe", "Password";
    LoginRequired => "Saisissez l'identifiant et le mot de passe.", "Enter the login and the password.";
    LoginRefused => "Identifiant ou mot de passe incorrect.", "Wrong login or password.";
    ApiBaseLabel => "Adresse de l'API", "API address";
    ApiBaseInvalid => "L'adresse de l'API commence par https:// (http:// seulement pour cet ordinateur), ou reste vide pour ce site.", "The API address starts with https:// (http:// only for this computer), or stays empty for this site.";
    StaySignedIn => "Rester connecté sur cet appareil (30 jours au plus, 3 jours sans usage)", "Stay signed in on this device (30 days at most, 3 days unused)";
    Language => "Langue", "Language";
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
    SelectSite => "Sélectionner", "Select";
    SelectPageSites => "Sélectionner les sites de cette page", "Select the sites of this page";
    ExportSites => "Exporter en CSV…", "Export as CSV…";
    ChunkFailed => "Cette partie du panneau n'a pas pu être téléchargée : la connexion est peut-être coupée, ou une nouvelle version du panneau a été déployée.", "This part of the panel could not be downloaded: the connection may be down, or a new version of the panel has been deployed.";
    ReloadPanel => "Recharger le panneau", "Reload the panel";
    NoSites => "Aucun site sur ce compte.", "No site on this account.";
    NotFoundTitle => "Page introuvable", "Page not found";
    BackToSites => "Retour aux sites", "Back to sites";
    ErrorBadToken => "Clé refusée par l'API : vérifiez-la ou reconnectez-vous.", "The API refused the key: check it or sign in again.";
    ErrorRateLimit => "Trop de requêtes : quota de l'API atteint, réessayez dans un instant.", "Too many requests: the API quota is used up, try again shortly.";
    ErrorNoRight => "Vous n'avez pas le droit de faire cela : votre accès ne comprend pas ce droit (4312).", "You do not have the right to do this: your access does not include it (4312).";
    ErrorMaintenance => "L'API est en maintenance, réessayez plus tard.", "The API is under maintenance, try again later.";
    ErrorServer => "L'API a rencontré une erreur, réessayez", "The API ran into an error, try again";
    ErrorNetwork => "L'API est injoignable : vérifiez la connexion.", "The API cannot be reached: check the connection.";
    ErrorTimeout => "L'API n'a pas répondu à temps.", "The API did not answer in time.";
    ErrorUndecodable => "Réponse de l'API illisible.", "The API sent a reply that cannot be read.";
    UnreadableItem => "Un élément de la liste est illisible ({id}) : la réponse de l'API n'a pas la forme attendue.", "An item of the list could not be read ({id}): the API's reply is not in the expected shape.";
    ErrorAborted => "Requête annulée.", "Request cancelled.";
    GoToSite => "Aller à un site ou une action…", "Go to a site or an action…";
    NewSite => "Nouveau site", "New site";
    SearchSites => "Rechercher un site (nom, code, domaine)", "Search sites (name, code, domain)";
    FilterType => "Type", "Type";
    AllSites => "Tous", "All";
    TypeOpen => "Ouverts", "Open";
    TypeTrial => "En essai", "Trial";
    TypeClosed => "Fermés", "Closed";
    TypeClosingSoon => "Fermeture proche", "Closing soon";
    TypeDemo => "Démo", "Demo";
    TypeFree => "Gratuits", "Free";
    SortBy => "Tri", "Sort";
    SortCode => "Code (A → Z)", "Code (A → Z)";
    SortCodeDesc => "Code (Z → A)", "Code (Z → A)";
    SortRelevance => "Pertinence", "Relevance";
    SortCreated => "Création (ancien → récent)", "Created (oldest first)";
    SortCreatedDesc => "Création (récent → ancien)", "Created (newest first)";
    SortClosing => "Fermeture (proche → lointaine)", "Closing (soonest first)";
    SortClosingDesc => "Fermeture (lointaine → proche)", "Closing (latest first)";
    ColPlan => "Formule", "Plan";
    NoSiteForSearch => "Aucun site ne correspond à « {term} » avec ces filtres.", "No site matches “{term}” with these filters.";
    NoSiteForFilter => "Aucun site de ce type.", "No site of this type.";
    ClearFilters => "Effacer la recherche et les filtres", "Clear search and filters";
    Pages => "Pages", "Pages";
    FirstPage => "Première page", "First page";
    PreviousPage => "Page précédente", "Previous page";
    NextPage => "Page suivante", "Next page";
    LastPage => "Dernière page", "Last page";
    ShownOfTotal => "{from}–{to} sur {total} sites", "{from}–{to} of {total} sites";
    ShownSites => "Sites {from}–{to}", "Sites {from}–{to}";
    BadgeClosed => "Fermé", "Closed";
    BadgeClosingOn => "Ferme le {date}", "Closes on {date}";
    BadgeTrial => "Essai", "Trial";
    BadgeTrialUntil => "Essai jusqu'au {date}", "Trial until {date}";
    BadgeDemo => "Démo", "Demo";
    BadgeFree => "Gratuit", "Free";
    BadgeCredits => "{count} crédit|{count} crédits", "{count} credit|{count} credits";
    PlansTitle => "Formules", "Plans";
    AccountPageTitle => "Compte", "Account";
    NavHome => "Vue d'ensemble", "Overview";
}

// The messages that only the pages in the lazy code show (components::lazy): their
// words are downloaded with that code, not in the first visit. The shell's code uses `Key` only.
messages! {
    PageKey;
    ActionOverview => "Ouvrir la vue d'ensemble du site", "Open the site's overview";
    ActionStats => "Ouvrir les statistiques du site", "Open the site's statistics";
    ActionActivity => "Ouvrir l'activité du site", "Open the site's activity";
    ActionBackups => "Ouvrir les sauvegardes du site", "Open the site's backups";
    ActionSubscription => "Ouvrir l'abonnement du site", "Open the site's subscription";
    ActionBackUp => "Créer un point de sauvegarde du site", "Create a backup point of the site";
    ActionNewSite => "Créer un nouveau site", "Create a new site";
    ActionExport => "Exporter les sites en CSV", "Export the sites as CSV";
    ActionLanguage => "Changer de langue (English)", "Switch language (français)";
    ActionTheme => "Changer de thème (clair, sombre, système)", "Switch theme (light, dark, system)";
    ActionSignOut => "Se déconnecter", "Sign out";
    ExportTitle => "Exporter les sites en CSV", "Export the sites as CSV";
    ExportWhich => "Sites", "Sites";
    ExportSelection => "La sélection ({count} site)|La sélection ({count} sites)", "The selection ({count} site)|The selection ({count} sites)";
    ExportAccount => "Tous les sites du compte", "Every site of the account";
    ExportSeparator => "Séparateur", "Separator";
    SeparatorSemicolon => "Point-virgule « ; » (tableurs en français)", "Semicolon “;” (spreadsheets set to French)";
    SeparatorComma => "Virgule « , »", "Comma “,”";
    ExportColumns => "Code, nom, domaine, formule, fin de l'essai, date de fermeture, crédits, disque utilisé et total, visiteurs des 30 derniers jours, commandes à traiter, réponses de formulaire non lues : trois lectures par site.", "Code, name, domain, plan, trial end, closing date, credits, disk used and total, visitors over the last 30 days, pending orders, unread form responses: three reads per site.";
    ExportListing => "Liste des sites : {count}…", "Listing the sites: {count}…";
    ExportReading => "Lecture des chiffres : {done} sur {total} site|Lecture des chiffres : {done} sur {total} sites", "Reading the figures: {done} of {total} site|Reading the figures: {done} of {total} sites";
    ExportReady => "{count} site exporté.|{count} sites exportés.", "{count} site exported.|{count} sites exported.";
    ExportMissing => "{count} valeur n'a pas pu être lue : sa case est vide.|{count} valeurs n'ont pas pu être lues : leurs cases sont vides.", "{count} value could not be read: its cell is empty.|{count} values could not be read: their cells are empty.";
    ExportDownload => "Télécharger", "Download";
    ExportFailed => "Le fichier n'a pas pu être préparé dans ce navigateur.", "The file could not be made in this browser.";
    ExportGo => "Exporter", "Export";
    CsvCode => "Code", "Code";
    CsvName => "Nom", "Name";
    CsvDomain => "Domaine", "Domain";
    CsvPlan => "Formule", "Plan";
    CsvTrialEnd => "Fin de l'essai", "Trial end";
    CsvClosingDate => "Date de fermeture", "Closing date";
    CsvCredits => "Crédits", "Credits";
    CsvDiskUsed => "Disque utilisé (octets)", "Disk used (bytes)";
    CsvDiskTotal => "Disque total (octets)", "Disk total (bytes)";
    CsvVisitors30 => "Visiteurs (30 jours)", "Visitors (30 days)";
    CsvPendingOrders => "Commandes à traiter", "Pending orders";
    CsvUnreadForms => "Réponses de formulaire non lues", "Unread form responses";
    BulkBackupTitle => "Créer un point de sauvegarde sur {count} site|Créer un point de sauvegarde sur {count} sites", "Create a backup point on {count} site|Create a backup point on {count} sites";
    BulkBackupExplained => "Chaque site reçoit un nouveau point de sauvegarde manuel, qui remplace son point manuel précédent. Au plus {jobs} sauvegardes tournent à la fois ; vous pouvez continuer à travailler pendant ce temps.", "Each site gets a new manual backup point, which replaces its previous manual point. At most {jobs} backups run at a time; you can keep working meanwhile.";
    BulkBackupGo => "Créer {count} point de sauvegarde|Créer {count} points de sauvegarde", "Create {count} backup point|Create {count} backup points";
    ListingSites => "Liste des sites : {done} sur {total}…", "Listing the sites: {done} of {total}…";
    RunUnderWay => "Une série de sauvegardes est déjà en cours : attendez sa fin ou annulez ce qu'il en reste.", "A run of backups is already under way: wait for it to end or cancel what is left of it.";
    RunTitle => "Points de sauvegarde : {done} sur {total}", "Backup points: {done} of {total}";
    RunCounts => "Terminés : {done} · en échec : {failed} · en cours : {under_way} · en attente : {waiting}", "Done: {done} · failed: {failed} · under way: {under_way} · waiting: {waiting}";
    RunPaused => "En pause : il reste {count} requêtes dans le quota de l'API. La série reprendra d'elle-même.", "Paused: {count} requests left in the API quota. The run resumes on its own.";
    RunHeld => "La série a été interrompue (la page a été rechargée) : {count} site reste à sauvegarder.|La série a été interrompue (la page a été rechargée) : {count} sites restent à sauvegarder.", "The run was interrupted (the page was reloaded): {count} site left to back up.|The run was interrupted (the page was reloaded): {count} sites left to back up.";
    RunMore => "… et {count} autre site|… et {count} autres sites", "… and {count} more site|… and {count} more sites";
    CancelRest => "Annuler le reste", "Cancel the rest";
    StepWaiting => "En attente", "Waiting";
    StepUnderWay => "En cours", "Under way";
    StepDone => "Terminé", "Done";
    StepCancelled => "Annulé", "Cancelled";
    StepFailed => "Échec : {message}", "Failed: {message}";
    Breadcrumbs => "Fil d'Ariane", "Breadcrumbs";
    JobRunning => "en cours", "in progress";
    JobOverdue => "Cette tâche prend bien plus longtemps que d'habitude. Elle continue peut-être côté Kiubi ; le suivi est en pause.", "This job is taking unusually long. It may still be running at Kiubi; following it is paused.";
    KeepWaiting => "Continuer d'attendre", "Keep waiting";
    JobDone => "terminé", "done";
    JobFailedNoReason => "La tâche s'est arrêtée sans donner de raison.", "The job stopped without giving a reason.";
    JobFailed => "échec", "failed";
    PerMonth => "{amount} / mois", "{amount} / month";
    Save => "Enregistrer", "Save";
    NoRightSection => "Votre accès ne comprend pas cette section de ce site (droit {scope}).", "Your access does not include this section of the site (right {scope}).";
    SiteTitle => "Site", "Site";
    SiteSections => "Rubriques du site", "Site sections";
    BackOffice => "Back-office", "Back office";
    CreatedOn => "Créé le {date}", "Created on {date}";
    ClosesSoonWarning => "Ce site ferme dans {count} jour : renouvelez l'abonnement pour le garder en ligne.|Ce site ferme dans {count} jours : renouvelez l'abonnement pour le garder en ligne.", "This site closes in {count} day: renew the subscription to keep it online.|This site closes in {count} days: renew the subscription to keep it online.";
    PlanTitle => "Formule", "Plan";
    TrialEnds => "Fin de l'essai", "Trial ends";
    ClosingDate => "Date de fermeture", "Closing date";
    CreditsBalance => "Solde de crédits", "Credits balance";
    FeaturesTitle => "Fonctionnalités", "Features";
    ScopesTitle => "Vos droits d'accès", "Your access rights";
    AccountTitle => "Compte", "Account";
    AccountType => "Type de compte", "Account type";
    AccountLevel => "Niveau", "Level";
    None => "Aucun", "None";
    AreaCms => "Pages et contenus", "Pages and content";
    AreaBlog => "Blog", "Blog";
    AreaSeo => "Référencement", "SEO";
    AreaForms => "Formulaires", "Forms";
    AreaCatalog => "Catalogue", "Catalog";
    AreaCheckout => "Commandes", "Orders";
    AreaBackup => "Sauvegardes", "Backups";
    AreaSubscription => "Abonnement", "Subscription";
    AreaUsers => "Utilisateurs", "Users";
    AreaAccount => "Compte", "Account";
    AreaLayout => "Mise en page", "Layout";
    AreaTheme => "Thème graphique", "Theme";
    AreaPrefs => "Préférences", "Preferences";
    AreaModules => "Modules", "Modules";
    AreaMarketing => "Marketing", "Marketing";
    AreaDomains => "Noms de domaine", "Domain names";
    DangerZone => "Zone sensible", "Danger zone";
    DeleteSiteIntro => "Supprimer le site efface définitivement ses pages, produits, commandes, médias et sauvegardes.", "Deleting the site permanently erases its pages, products, orders, media and backups.";
    DeleteSite => "Supprimer le site", "Delete the site";
    DeleteExplanation => "« {name} » et tout son contenu seront perdus, sauvegardes comprises. Cette action est définitive.", "“{name}” and all of its content will be lost, backups included. This cannot be undone.";
    TypeCodeToConfirm => "Pour confirmer, saisissez le code du site : {code}", "To confirm, type the site code: {code}";
    Cancel => "Annuler", "Cancel";
    Deleting => "Suppression…", "Deleting…";
    DeleteForGood => "Supprimer définitivement", "Delete for good";
    SiteDeleted => "Le site {code} a été supprimé.", "Site {code} was deleted.";
    Required => "obligatoire", "required";
    RequiredExplained => "Les champs marqués d'un * sont obligatoires.", "Fields marked * are required.";
    Choose => "— Choisir —", "— Choose —";
    CivilityMr => "M.", "Mr";
    CivilityMrs => "Mme", "Mrs";
    CivilityMiss => "Mlle", "Miss";
    SiteSection => "Site", "Site";
    ContactSection => "Contact", "Contact";
    CompanySection => "Société (facultatif)", "Company (optional)";
    FieldPlan => "Formule", "Plan";
    FieldCodeSite => "Code site (3 à 30 : a-z, 0-9, -)", "Site code (3 to 30: a-z, 0-9, -)";
    FieldSiteName => "Nom du site", "Site name";
    FieldCopySite => "Copier un site existant (facultatif)", "Copy an existing site (optional)";
    CopyOf => "Copie de", "Copy of";
    NoCopy => "Ne pas copier", "Don't copy";
    FieldCivility => "Civilité", "Title";
    FieldFirstname => "Prénom", "First name";
    FieldLastname => "Nom", "Last name";
    FieldEmail => "E-mail", "Email";
    FieldPhone => "Téléphone", "Phone";
    FieldFax => "Fax", "Fax";
    FieldAddress => "Adresse", "Address";
    FieldZipcode => "Code postal", "Zip code";
    FieldCity => "Ville", "City";
    FieldCountry => "Pays", "Country";
    FieldCompanyName => "Raison sociale", "Company name";
    FieldCompanyForme => "Forme juridique", "Legal form";
    FieldCompanyCnil => "N° CNIL", "CNIL number";
    FieldCompanyCapital => "Capital", "Capital";
    FieldCompanySiret => "SIRET", "SIRET";
    FieldCompanyRcs => "RCS", "RCS";
    FieldCompanyTva => "N° de TVA", "VAT number";
    InvalidRequired => "Champ obligatoire.", "Required.";
    InvalidCivility => "Choisissez une civilité.", "Choose a title.";
    FixFields => "{count} champ à corriger.|{count} champs à corriger.", "{count} field to fix.|{count} fields to fix.";
    CreateSite => "Créer le site", "Create the site";
    Creating => "Création…", "Creating…";
    CreatingSite => "Création du site", "Creating the site";
    SiteCreated => "Le site {code} est créé.", "Site {code} is created.";
    CurrentPlanOf => "Formule actuelle de {site}", "Current plan of {site}";
    ComparePlans => "Comparer les formules", "Compare plans";
    AccountNumber => "Numéro de compte", "Account number";
    AccountCreated => "Créé le", "Created on";
    ContactTitle => "Coordonnées", "Contact details";
    Edit => "Modifier", "Edit";
    Saving => "Enregistrement…", "Saving…";
    ContactSaved => "Coordonnées enregistrées.", "Contact details saved.";
    NothingChanged => "Aucune modification à enregistrer.", "Nothing to save.";
    LeaveUnsaved => "Vos modifications ne sont pas enregistrées. Quitter quand même ? (Elles restent en brouillon dans cet onglet.)", "Your changes are not saved. Leave anyway? (They stay as a draft in this tab.)";
    FieldFunction => "Fonction", "Job title";
    FieldCompanyNaf => "Code NAF", "NAF code";
    BackupsExplained => "Un point de sauvegarde garde les pages, produits, commandes, médias et réglages du site à cet instant. Restaurer un point remet le site dans cet état : ce qui a été créé ou modifié depuis est perdu.", "A backup point keeps the site's pages, products, orders, media and settings as they are now. Restoring a point puts the site back in that state: whatever was created or changed since is lost.";
    CreateBackup => "Créer un point de sauvegarde", "Create a backup point";
    CreatingBackup => "Création du point de sauvegarde", "Creating the backup point";
    RestoringBackup => "Restauration du point du {date}", "Restoring the point of {date}";
    BackupCreated => "Point de sauvegarde créé.", "Backup point created.";
    BackupRestored => "Site restauré.", "Site restored.";
    NoBackups => "Aucun point de sauvegarde pour ce site.", "No backup point for this site.";
    Restore => "Restaurer", "Restore";
    RestoreTitle => "Restaurer ce point ?", "Restore this point?";
    RestoreQuestion => "Le site reviendra à son état du {date}. Tout ce qui a été créé ou modifié depuis sera perdu.", "The site will go back to how it was on {date}. Everything created or changed since will be lost.";
    RestoreForGood => "Restaurer et perdre les modifications", "Restore and lose the changes";
    OptionsTitle => "Options", "Options";
    NoOptions => "Aucune option souscrite.", "No option subscribed.";
    ColOption => "Option", "Option";
    ColQuantity => "Quantité / max", "Quantity / max";
    ColRemaining => "Encore possible", "Still available";
    ColMonthlyCost => "Coût mensuel", "Monthly cost";
    OptionsTotal => "Total des options", "Options total";
    MonthlyTotal => "Coût mensuel total", "Total monthly cost";
    TrialEndsSoonWarning => "L'essai se termine dans {count} jour : choisissez une formule pour garder le site.|L'essai se termine dans {count} jours : choisissez une formule pour garder le site.", "The trial ends in {count} day: choose a plan to keep the site.|The trial ends in {count} days: choose a plan to keep the site.";
    Last30Days => "Les 30 derniers jours", "The last 30 days";
    SeeStatistics => "Voir les statistiques", "See statistics";
    LiveVisitors => "Visiteurs en ce moment", "Visitors right now";
    UpdatedAt => "Mis à jour à {time}", "Updated at {time}";
    KpiPendingOrders => "Commandes à traiter", "Orders to process";
    KpiAverageCart => "Panier moyen", "Average cart";
    KpiConversion => "Taux de transformation (30 j)", "Conversion rate (30 d)";
    KpiOutOfStock => "Produits en rupture", "Products out of stock";
    KpiToRestock => "Produits à réapprovisionner", "Products to restock";
    KpiUnreadForms => "Réponses de formulaires non lues", "Unread form responses";
    NoShopNoForms => "Ni boutique ni formulaires sur ce site.", "No shop and no forms on this site.";
    UsageTitle => "Ressources", "Resources";
    KeyFigures => "Chiffres clés", "Key figures";
    SpaceTitle => "Espace disque", "Disk space";
    SpaceMedias => "Médias", "Media";
    SpaceDatas => "Données", "Data";
    SpaceFtp => "FTP", "FTP";
    SpaceFree => "Libre", "Free";
    UsedOfTotal => "{used} sur {total}", "{used} of {total}";
    QuotaBandwidth => "Bande passante", "Bandwidth";
    QuotaApi => "Appels API front-office", "Front-office API calls";
    QuotaForms => "Formulaires", "Forms";
    QuotaProducts => "Produits", "Products";
    QuotaUsers => "Utilisateurs", "Users";
    MetricVisitors => "Visiteurs", "Visitors";
    MetricPageviews => "Pages vues", "Page views";
    MetricApiHits => "Appels API", "API hits";
    MetricSales => "Chiffre d'affaires", "Sales";
    Metric => "Mesure", "Metric";
    Period => "Période", "Period";
    Preset7d => "7 jours", "7 days";
    Preset30d => "30 jours", "30 days";
    Preset3m => "3 mois", "3 months";
    Preset12m => "12 mois", "12 months";
    PresetThisMonth => "Ce mois-ci", "This month";
    PresetLastMonth => "Le mois dernier", "Last month";
    From => "Du", "From";
    To => "Au", "To";
    Apply => "Appliquer", "Apply";
    Clear => "Effacer", "Clear";
    ComparePrevious => "Comparer à la période précédente", "Compare with the previous period";
    PreviousPeriod => "Période précédente", "Previous period";
    VsPreviousPeriod => "par rapport à la période précédente", "vs the previous period";
    ChartLabel => "{metric} par jour du {from} au {to}", "{metric} per day from {from} to {to}";
    TableOfDays => "Tableau des jours", "Table of days";
    ColDate => "Date", "Date";
    ExportCsv => "Exporter en CSV", "Export as CSV";
    ActivityTypes => "Types d'activité", "Activity types";
    ActivityLogin => "Connexions", "Sign-ins";
    ActivityUpdate => "Modifications", "Updates";
    ActivityComment => "Commentaires", "Comments";
    ActivityCheckout => "Commandes", "Orders";
    ActivityForm => "Formulaires", "Forms";
    Since => "Depuis", "Since";
    NoActivity => "Aucune activité pour ces filtres.", "No activity for these filters.";
    HomeTitle => "Vue d'ensemble", "Portfolio";
    AlertsTitle => "À surveiller", "Needs attention";
    AlertsChecking => "Vérification des sites…", "Checking your sites…";
    AlertsNone => "Rien à signaler sur ces sites.", "Nothing needs attention on these sites.";
    ConcernClosed => "Site fermé", "Site closed";
    ConcernClosing => "Ferme dans {days} j", "Closes in {days} days";
    ConcernTrialEnds => "Essai terminé dans {days} j", "Trial ends in {days} days";
    ConcernLowBalance => "Solde de crédits bas : {count}", "Low credits balance: {count}";
    ConcernDiskFull => "Disque presque plein : {percent} % libre", "Disk nearly full: {percent} % free";
    ConcernQuotaFull => "{quota} : {percent} % utilisés", "{quota}: {percent} % used";
    ConcernPendingOrders => "{count} commande à traiter|{count} commandes à traiter", "{count} order to process|{count} orders to process";
    ConcernUnreadForms => "{count} réponse de formulaire non lue|{count} réponses de formulaire non lues", "{count} unread form response|{count} unread form responses";
    MoreClosed => "{count} autres sites fermés", "{count} more closed sites";
    MoreClosing => "{count} autres sites ferment bientôt", "{count} more sites closing soon";
    TrialsChecked => "Seuls les {count} essais les plus anciens sont vérifiés.", "Only the {count} oldest trials are checked.";
    SeeAll => "Tout voir", "See all";
    RefreshFigures => "Actualiser les chiffres", "Refresh figures";
    Visitors30Days => "Visiteurs sur 30 jours", "Visitors, last 30 days";
    FiguresPaused => "Chiffres en pause : il reste {count} requêtes dans le quota de l'API. Le chargement reprendra de lui-même.", "Figures paused: {count} requests left in the API quota. Loading resumes on its own.";
    Resume => "Reprendre", "Resume";
    Selection => "Sélection", "Selection";
    SelectedSites => "{count} site sélectionné|{count} sites sélectionnés", "{count} site selected|{count} sites selected";
    SelectAllMatching => "Sélectionner les {count} sites", "Select all {count} sites";
    ClearSelection => "Effacer la sélection", "Clear the selection";
    BackUpSelection => "Créer un point de sauvegarde…", "Create a backup point…";
    ShownOfTotalEvents => "{from}–{to} sur {total} événements", "{from}–{to} of {total} events";
    ShownEvents => "Événements {from}–{to}", "Events {from}–{to}";
    TypeToSearch => "Tapez un nom, un code ou un domaine, ou une action.", "Type a name, a code or a domain, or an action.";
    RecentSites => "Sites récents", "Recent sites";
    NoSiteMatches => "Aucun site ne correspond.", "No site matches.";
    TabOverview => "Vue d'ensemble", "Overview";
    TabStatistics => "Statistiques", "Statistics";
    TabActivity => "Activité", "Activity";
    TabBackups => "Sauvegardes", "Backups";
    TabSubscription => "Abonnement", "Subscription";
    ClientReport => "Rapport client", "Client report";
    ClientReports => "Rapports clients", "Client reports";
    ActionReport => "Ouvrir le rapport client du site", "Open the site's client report";
    ReportsTitle => "Rapports clients", "Client reports";
    ReportsNoSelection => "Aucun site n'est sélectionné. Cochez des sites dans la liste des sites, puis « Rapports clients » ; ou ouvrez le rapport d'un site depuis sa vue d'ensemble.", "No site is selected. Tick sites in the sites list, then “Client reports”; or open a site's report from its overview.";
    ReportsReading => "Rapports lus : {done} sur {total} site|Rapports lus : {done} sur {total} sites", "Reports read: {done} of {total} site|Reports read: {done} of {total} sites";
    ReportMonth => "Mois", "Month";
    ReportCompareWith => "Comparer avec", "Compare with";
    ReportYearBefore => "La même période un an avant", "The same period a year before";
    ReportLanguage => "Langue du rapport", "Report language";
    LanguageName => "Français", "English";
    PrintReport => "Imprimer / PDF", "Print / PDF";
    ReportKind => "Rapport d'activité", "Activity report";
    ReportComparedWith => "Comparé à : {what}, {period}", "Compared with: {what}, {period}";
    ReportVisitorsPerDay => "Visiteurs par jour", "Visitors per day";
    ReportPageviewsPerDay => "Pages vues par jour", "Page views per day";
    ReportShop => "Boutique", "Shop";
    ReportPendingAmount => "Montant des commandes à traiter", "Amount of the orders to process";
    ReportForms => "Formulaires", "Forms";
    ReportFormsQuota => "Quota de formulaires", "Forms quota";
    ReportBackups => "Sauvegardes de la période", "Backups of the period";
    ReportNoBackup => "Aucun point de sauvegarde dans la période.", "No backup point in the period.";
    ReportBackupCount => "{count} point de sauvegarde :|{count} points de sauvegarde :", "{count} backup point:|{count} backup points:";
    ReportMoreBackups => "… et {count} autre.|… et {count} autres.", "… and {count} more.|… and {count} more.";
    ReportActivity => "Activité", "Activity";
    ReportEvents => "{count} événement dans la période.|{count} événements dans la période.", "{count} event in the period.|{count} events in the period.";
    ReportAtLeastEvents => "Au moins {count} événement dans la période (le journal n'a pas été lu en entier).|Au moins {count} événements dans la période (le journal n'a pas été lu en entier).", "At least {count} event in the period (the log was not read in full).|At least {count} events in the period (the log was not read in full).";
    ReportLatestEvents => "Derniers événements", "Latest events";
    ReportComment => "Commentaire de l'agence", "The agency's comment";
    ReportPartSite => "site", "site";
    ReportPartVisits => "visites", "visits";
    ReportPartComparison => "période de comparaison", "comparison period";
    ReportPartFigures => "chiffres clés", "key figures";
    ReportPartUsage => "ressources", "usage";
    ReportPartBackups => "sauvegardes", "backups";
    ReportPartActivity => "activité", "activity";
    ReportPartsFailed => "Non lu : {parts} ({reason}). Ces parties se lisent « — ».", "Not read: {parts} ({reason}). These parts read “—”.";
    BrandingTitle => "Identité de l'agence", "Agency branding";
    BrandingKept => "Gardée pour ce compte avec ses étiquettes, notes et vues : partagée avec l'équipe quand le panneau a son serveur, sinon dans ce navigateur ; exportez-la pour la donner à un autre navigateur.", "Kept for this account with its labels, notes and views: shared with the team when the panel has its server, else in this browser; export it to give it to another browser.";
    AgencyName => "Nom de l'agence", "Agency name";
    AgencyLogo => "Logo", "Logo";
    AgencyLogoHint => "Une image PNG, JPEG, GIF, WebP ou SVG de {limit} au plus, gardée dans ce navigateur.", "A PNG, JPEG, GIF, WebP or SVG image of at most {limit}, kept in this browser.";
    LogoNotImage => "Ce fichier n'est pas une image PNG, JPEG, GIF, WebP ou SVG : le logo n'a pas changé.", "This file is not a PNG, JPEG, GIF, WebP or SVG image: the logo has not changed.";
    LogoTooLarge => "Cette image pèse {size}, plus que la limite de {limit} : choisissez une image plus légère. Le logo n'a pas changé.", "This image weighs {size}, over the limit of {limit}: choose a lighter one. The logo has not changed.";
    FileUnreadable => "Ce fichier n'a pas pu être lu.", "This file could not be read.";
    RemoveLogo => "Retirer le logo", "Remove the logo";
    AccentColour => "Couleur d'accent", "Accent colour";
    BrandingFile => "Fichier d'identité", "Branding file";
    ExportBranding => "Exporter (JSON)", "Export (JSON)";
    ImportBranding => "Importer un fichier…", "Import a file…";
    BrandingImported => "Identité lue dans le fichier : enregistrez pour la garder.", "Branding read from the file: save to keep it.";
    BrandingFileNot => "Ce fichier n'est pas une identité d'agence exportée par Kiubi Admin : rien n'a changé.", "This file is not an agency branding exported by Kiubi Admin: nothing has changed.";
    BrandingFileVersion => "Ce fichier d'identité est d'une version inconnue ({version}) : rien n'a changé.", "This branding file is of an unknown version ({version}): nothing has changed.";
    BrandingFileLogo => "Le logo de ce fichier n'est pas une image acceptée : rien n'a changé.", "This file's logo is not an accepted image: nothing has changed.";
    Labels => "Étiquettes", "Labels";
    ChangesThresholds => "Seuils des alertes : modifiés", "Alert thresholds: changed";
    Snooze => "Mettre de côté", "Snooze";
    SnoozeDay => "1 jour", "1 day";
    SnoozeWeek => "7 jours", "7 days";
    SnoozeChange => "Jusqu'à ce qu'elle change", "Until it changes";
    SnoozedCount => "{count} alerte mise de côté.|{count} alertes mises de côté.", "{count} alert snoozed.|{count} alerts snoozed.";
    ShowSnoozed => "Les voir", "Show them";
    HideSnoozed => "Les masquer", "Hide them";
    SnoozedUntil => "jusqu'au {date}", "until {date}";
    SnoozedWhile => "jusqu'à ce qu'elle change", "until it changes";
    Wake => "Rétablir", "Show again";
    AlertSettings => "Réglages des alertes", "Alert settings";
    ThresholdsHint => "Pour ce compte, dans ce navigateur ; ils voyagent avec l'export des étiquettes, notes et vues (page Compte).", "For this account, in this browser; they travel with the export of labels, notes and views (Account page).";
    ThresholdTrialDays => "Essai qui finit dans (jours) au plus", "Trial ending within (days)";
    ThresholdLowCredits => "Crédits restants au plus", "Credits left at or below";
    ThresholdFullPercent => "Disque ou quota utilisé au-delà de (%)", "Disk or quota used over (%)";
    ThresholdWaitingOrders => "Commandes à traiter au-delà de", "Orders to process, more than";
    ThresholdRange => "Un nombre entier de {low} à {high}.", "A whole number from {low} to {high}.";
    ResetThresholds => "Valeurs par défaut", "Defaults";
    ThresholdsSaved => "Réglages des alertes enregistrés.", "Alert settings saved.";
    LabelChoice => "Sites avec l'étiquette", "Sites labelled";
    Delete => "Supprimer", "Delete";
    EditLabels => "Étiquettes…", "Labels…";
    NoLabelsYet => "Aucune étiquette pour l'instant : créez-en une ci-dessous.", "No labels yet: make one below.";
    NewLabel => "Nouvelle étiquette", "New label";
    LabelName => "Nom", "Name";
    LabelColour => "Couleur", "Colour";
    AddLabel => "Créer et ajouter", "Make and add";
    LabelUses => "{count} site|{count} sites", "{count} site|{count} sites";
    ColourGrey => "Gris", "Grey";
    ColourRed => "Rouge", "Red";
    ColourOrange => "Orange", "Orange";
    ColourGreen => "Vert", "Green";
    ColourTeal => "Bleu canard", "Teal";
    ColourBlue => "Bleu", "Blue";
    ColourPurple => "Violet", "Purple";
    ColourPink => "Rose", "Pink";
    NameEmpty => "Donnez un nom.", "Give a name.";
    NameTooLong => "{limit} caractères au plus.", "At most {limit} characters.";
    NameComma => "Un nom d'étiquette ne peut pas contenir de virgule.", "A label's name cannot hold a comma.";
    NameTaken => "Ce nom est déjà pris.", "This name is already taken.";
    MatchLabels => "Sites ayant", "Sites with";
    MatchAny => "l'une de ces étiquettes", "any of these labels";
    MatchAll => "toutes ces étiquettes", "all of these labels";
    SearchNotes => "Chercher aussi dans les notes", "Search the notes too";
    SaveView => "Enregistrer la vue", "Save this view";
    SaveViewHint => "La recherche, le type, le tri et les étiquettes de la liste, à un clic dans le menu.", "The list's search, type, sort and labels, one click away in the menu.";
    ViewName => "Nom de la vue", "View name";
    ViewReplaced => "Une vue de ce nom existe : elle sera remplacée.", "A view of this name exists: it will be replaced.";
    ViewSaved => "Vue enregistrée.", "View saved.";
    SavedViews => "Vues enregistrées", "Saved views";
    DeleteView => "Supprimer la vue {name}", "Delete the view {name}";
    Note => "Note", "Note";
    Notes => "Notes", "Notes";
    NoteHint => "Pour l'agence seulement : jamais montrée sur le site.", "For the agency only: never shown on the site.";
    NoteChanged => "Modifiée le {date}", "Changed on {date}";
    NoteSaved => "Note enregistrée.", "Note saved.";
    SaveNote => "Enregistrer la note", "Save the note";
    OrganizeTitle => "Étiquettes, notes et vues", "Labels, notes and views";
    OrganizeKept => "Gardées dans ce navigateur seulement (aucun serveur d'équipe derrière ce panneau) pour ce compte, même après la déconnexion. Exportez-les pour les donner à un collègue ou à un autre navigateur.", "Kept in this browser only (no team server behind this panel) for this account, even after you sign out. Export them to give them to a colleague or another browser.";
    ExportOrganize => "Exporter", "Export";
    ImportOrganize => "Importer un fichier…", "Import a file…";
    ImportPreview => "Ce que l'import changerait", "What the import would change";
    ImportHow => "Comment importer", "How to import";
    ImportMerge => "Fusionner avec ce qui est ici (le fichier l'emporte en cas de doublon)", "Merge with what is here (the file wins where both have one)";
    ImportReplace => "Remplacer ce qui est ici", "Replace what is here";
    ChangesLabels => "Étiquettes : {added} ajoutées, {changed} modifiées, {removed} retirées", "Labels: {added} added, {changed} changed, {removed} removed";
    ChangesSites => "Sites dont les étiquettes changent : {count}", "Sites whose labels change: {count}";
    ChangesNotes => "Notes : {added} ajoutées, {changed} modifiées, {removed} retirées", "Notes: {added} added, {changed} changed, {removed} removed";
    ChangesViews => "Vues : {added} ajoutées, {changed} modifiées, {removed} retirées", "Views: {added} added, {changed} changed, {removed} removed";
    NoChanges => "Ce fichier ne change rien ici.", "This file changes nothing here.";
    ApplyImport => "Importer", "Import";
    OrganizeImported => "Fichier importé.", "File imported.";
    OrganizeFileNot => "Ce fichier n'est pas un export d'étiquettes, de notes et de vues de Kiubi Admin : rien n'a changé.", "This file is not an export of labels, notes and views from Kiubi Admin: nothing has changed.";
    OrganizeFileVersion => "Ce fichier est d'une version inconnue ({version}) : rien n'a changé.", "This file is of an unknown version ({version}): nothing has changed.";
    OrganizeFileTooLarge => "Ce fichier dépasse 2 Mo, la taille d'un espace d'équipe : rien n'a changé.", "This file is over 2 MB, the size of a team's workspace: nothing has changed.";
    OrganizeFileTooMany => "Ce fichier contient plus de 10\u{202f}000 étiquettes, 20\u{202f}000 notes ou 1\u{202f}000 vues, plus que le panneau n'en garde : rien n'a changé.", "This file holds more than 10,000 labels, 20,000 notes or 1,000 views, more than the panel keeps: nothing has changed.";
    OrganizeFileBroken => "Ce fichier est abîmé : rien n'a changé.", "This file is damaged: nothing has changed.";
    OrganizeRefused => "Ce navigateur a refusé de garder ce changement (son stockage est plein) : rien n'a changé.", "This browser refused to keep this change (its storage is full): nothing has changed.";
    ForgetOrganize => "Retirer de ce navigateur", "Remove from this browser";
    ForgetOrganizeConfirm => "Retirer de ce navigateur les étiquettes, notes et vues de ce compte ? Exportez-les d'abord pour les garder.", "Remove this account's labels, notes and views from this browser? Export them first to keep them.";
    SharedWithTeam => "Partagées avec votre équipe : le serveur du panneau les garde pour ce compte, et vos collègues voient vos changements en quelques secondes, sans recharger.", "Shared with your team: the panel's server keeps them for this account, and your colleagues see your changes within seconds, without reloading.";
    TeamWaiting => "Le serveur de l'équipe ne répond pas : vos changements sont gardés dans ce navigateur et lui seront envoyés dès qu'il répondra.", "The team's server cannot be reached: your changes are kept in this browser and will be sent as soon as it answers.";
    TeamRefused => "Le serveur de l'équipe a refusé vos changements ({reason}) : ils restent dans ce navigateur.", "The team's server refused your changes ({reason}): they stay in this browser.";
    TeamTooLarge => "l'espace de l'équipe dépasserait 2 Mo", "the team's workspace would be over 2 MB";
    TeamTooManyRequests => "trop de requêtes, nouvel essai dans une minute", "too many requests, tried again in a minute";
    TeamMalformed => "le serveur ne lit pas ce document", "the server cannot read this document";
    OfferTitle => "Ce navigateur a ses propres étiquettes, notes ou vues", "This browser has labels, notes or views of its own";
    OfferHint => "Elles datent d'avant le serveur de l'équipe, qui ne les a pas. Apportez-les à l'équipe (fusionner ou remplacer, après un aperçu), ou laissez-les de côté.", "They were made before the team's server, which does not have them. Bring them to the team (merge or replace, after a preview), or leave them out.";
    OfferReview => "Voir ce qu'elles changeraient…", "See what they would change…";
    OfferLeave => "Les laisser de côté", "Leave them out";
    OfferBrought => "Ajoutées ; elles partent vers l'équipe.", "Added; on their way to the team.";
    NoteAlso => "Écrit en même temps par un collègue :", "Written at the same time by a colleague:";
    NoteTakeOther => "Garder ce texte-ci", "Keep this text instead";
    NoteDismissOther => "L'écarter", "Dismiss it";
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every message of both tables: its name as the code writes it (`Key::Save`), French, English.
    fn every_message() -> Vec<(String, &'static str, &'static str)> {
        fn of<M: Message + std::fmt::Debug>(table: &str, all: &[M]) -> Vec<(String, &'static str, &'static str)> {
            all.iter().map(|m| (format!("{table}::{m:?}"), Locale::Fr.tr(*m), Locale::En.tr(*m))).collect()
        }
        let mut all = of("Key", Key::ALL);
        all.extend(of("PageKey", PageKey::ALL));
        all
    }

    #[test]
    fn every_message_exists_in_both_languages_and_in_one_table() {
        let all = every_message();
        for (name, fr, en) in &all {
            assert!(!fr.is_empty() && !en.is_empty(), "{name}");
            let bare = name.split("::").nth(1);
            assert_eq!(all.iter().filter(|(other, ..)| other.split("::").nth(1) == bare).count(), 1, "{name}");
        }
    }

    #[test]
    fn placeholders_are_filled_once_and_the_same_in_both_languages() {
        assert_eq!(
            fill("{from}–{to} of {total}", &[("to", "{from}"), ("from", "1"), ("total", "3")], None),
            "1–{from} of 3"
        );
        assert_eq!(fill("{a} and {b}", &[("a", "x")], None), "x and {b}");
        assert_eq!(fill("no { end", &[], None), "no { end");
        assert_eq!(fill("{count} of {total}", &[("total", "3")], Some("2")), "2 of 3");
        for (name, fr, en) in every_message() {
            // The forms of a count's message: each with the same placeholders, in both languages.
            let forms: Vec<Vec<&str>> = [fr, en]
                .iter()
                .flat_map(|text| text.split('|'))
                .map(|form| {
                    let mut names = placeholders(form);
                    names.sort_unstable();
                    names
                })
                .collect();
            assert!(forms.windows(2).all(|pair| pair[0] == pair[1]), "{name}: {forms:?}");
            assert_eq!(fr.matches('|').count(), en.matches('|').count(), "{name}");
            assert!(fr.matches('|').count() <= 1, "{name}: a singular and a plural, no more");
        }
    }

    #[test]
    fn counts_take_the_singular_or_the_plural_by_each_languages_rule() {
        let sites = |locale: Locale, n: i64| locale.tr_count(PageKey::SelectedSites, n, &[]);
        assert_eq!(sites(Locale::En, 1), "1 site selected");
        assert_eq!(sites(Locale::En, 0), "0 sites selected");
        assert_eq!(sites(Locale::En, 2), "2 sites selected");
        assert_eq!(sites(Locale::Fr, 0), "0 site sélectionné");
        assert_eq!(sites(Locale::Fr, 1), "1 site sélectionné");
        assert_eq!(sites(Locale::Fr, 2), "2 sites sélectionnés");
        // A message of no count is itself.
        assert_eq!(Locale::En.tr_count(Key::AppName, 2, &[]), "Kiubi Admin");
        // The count is written as the language writes numbers.
        assert_eq!(sites(Locale::En, 1234), "1,234 sites selected");
        assert_eq!(sites(Locale::Fr, 1234), "1\u{202f}234 sites sélectionnés");
    }

    /// Messages say "1 site" and "2 sites", never "site(s)".
    #[test]
    fn no_message_writes_a_plural_in_brackets() {
        for (name, fr, en) in every_message() {
            for text in [fr, en] {
                assert!(!text.contains("(s)") && !text.contains("(e)"), "{name}: {text}");
            }
        }
    }

    /// Every `tr_with` of the panel names a message and gives exactly that message's placeholders;
    /// nothing fills one by hand.
    #[test]
    fn every_placeholder_of_every_message_is_filled() {
        let all = every_message();
        let mut calls = 0;
        for (file, text) in sources() {
            assert!(!text.contains(".replace(\"{"), "{file}: a placeholder filled by hand; use tr_with");
            for (name, ..) in all.iter().filter(|(_, _, en)| en.contains('|')) {
                assert!(!text.contains(&format!("tr({name})")), "{file}: {name} is a count's message: tr_count");
            }
            let calls_of = |function: &'static str| text.split(function).skip(1).map(move |call| (function, call));
            for (function, call) in calls_of("tr_with(").chain(calls_of("tr_count(")) {
                if file.ends_with("i18n/messages.rs") {
                    continue;
                }
                let call = call.trim_start();
                let name = &call[..call.find(|c: char| !c.is_alphanumeric() && c != ':').unwrap()];
                let (_, _, en) = all
                    .iter()
                    .find(|(known, ..)| known == name)
                    .unwrap_or_else(|| panic!("{file}: tr_with of a key that is not named ({name})"));
                let args = arguments(call).unwrap_or_else(|| panic!("{file}: {name}'s arguments"));
                // A message of a count is filled by tr_count, which picks its form; any other by tr_with.
                assert_eq!(en.contains('|'), function == "tr_count(", "{file}: {name} by {function}");
                let mut given: Vec<&str> = args.split("(\"").skip(1).map(|a| &a[..a.find('"').unwrap()]).collect();
                let mut wanted = placeholders(en.split('|').next().unwrap());
                // tr_count writes the count itself.
                if function == "tr_count(" {
                    wanted.retain(|name| *name != "count");
                }
                given.sort_unstable();
                wanted.sort_unstable();
                assert_eq!(given, wanted, "{file}: {name}");
                calls += 1;
            }
        }
        assert!(calls > 20, "the calls were found ({calls})");
    }

    /// The text of the first `&[…]` of `call`.
    fn arguments(call: &str) -> Option<&str> {
        let start = call.find("&[")? + 2;
        let mut depth = 0;
        for (i, c) in call[start..].char_indices() {
            match c {
                '[' => depth += 1,
                ']' if depth == 0 => return Some(&call[start..start + i]),
                ']' => depth -= 1,
                _ => {}
            }
        }
        None
    }

    fn sources() -> Vec<(String, String)> {
        fn walk(dir: &std::path::Path, found: &mut Vec<(String, String)>) {
            for entry in std::fs::read_dir(dir).unwrap().map(Result::unwrap) {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    found.push((path.display().to_string(), std::fs::read_to_string(&path).unwrap()));
                }
            }
        }
        let mut found = Vec::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut found);
        found
    }

    #[test]
    fn sentences_split_around_their_value() {
        assert_eq!(around(Locale::En.tr(PageKey::CurrentPlanOf), "{site}"), ("Current plan of ", ""));
        assert_eq!(around(Locale::Fr.tr(PageKey::DeleteExplanation), "{name}").0, "« ");
        assert_eq!(around("no value", "{name}"), ("no value", ""));
    }

    #[test]
    fn browser_tags_map_to_locales() {
        assert_eq!(Locale::from_tag("en-GB"), Locale::En);
        assert_eq!(Locale::from_tag("fr"), Locale::Fr);
        assert_eq!(Locale::from_tag("de-DE"), Locale::Fr);
        assert_eq!(Locale::from_tag(""), Locale::Fr);
    }
}
