//! Word lists for French and English news: units, verbs, determiners, reporting verbs and the
//! English glosses of common complements ("ans de pouvoir" -> "years in power").
//!
//! Every lookup takes a lowercased word (see `token::lower_same_len`). The lists describe general
//! news vocabulary, not any one article: the extractor is measured on unseen text. `match` on `&str`
//! compiles to length-then-bytes comparisons, fast enough for the hot loop and allocation-free.

/// What a unit noun measures, with its English singular name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitClass {
    /// A span of time: the number is a duration.
    Time,
    /// People: the number counts persons (children are kept apart as "child").
    People,
    /// Anything else that can be counted or measured.
    Thing,
}

/// The unit a noun stands for: (English singular unit, class). `None` for nouns that are not units.
pub fn unit(word: &str) -> Option<(&'static str, UnitClass)> {
    use UnitClass::{People, Thing, Time};
    let u = match word {
        "an" | "ans" | "année" | "années" | "year" | "years" | "yr" | "yrs" => ("year", Time),
        "mois" | "month" | "months" => ("month", Time),
        "semaine" | "semaines" | "week" | "weeks" => ("week", Time),
        "jour" | "jours" | "journée" | "journées" | "day" | "days" => ("day", Time),
        "nuit" | "nuits" | "night" | "nights" => ("night", Time),
        "heure" | "heures" | "hour" | "hours" | "h" => ("hour", Time),
        "minute" | "minutes" | "min" => ("minute", Time),
        "seconde" | "secondes" | "second" | "seconds" => ("second", Time),
        "siècle" | "siècles" | "century" | "centuries" => ("century", Time),
        "décennie" | "décennies" | "decade" | "decades" => ("decade", Time),
        "enfant" | "enfants" | "child" | "children" | "kid" | "kids" | "bébé" | "bébés"
        | "baby" | "babies" | "mineur" | "mineurs" | "minors" => ("child", People),
        "personne" | "personnes" | "gens" | "people" | "persons" | "person" | "habitant"
        | "habitants" | "residents" | "civil" | "civils" | "civilians" | "manifestant"
        | "manifestants" | "protesters" | "prisonnier" | "prisonniers" | "prisonnière"
        | "prisonnières" | "prisoners" | "détenu" | "détenus" | "détenues" | "detainees"
        | "mort" | "morts" | "dead" | "deaths" | "décès" | "tués" | "killed" | "blessé"
        | "blessés" | "injured" | "victime" | "victimes" | "victims" | "soldat" | "soldats"
        | "soldiers" | "troops" | "militaire" | "militaires" | "combattant" | "combattants"
        | "fighters" | "réfugié" | "réfugiés" | "refugees" | "migrant" | "migrants" | "salarié"
        | "salariés" | "employés" | "employees" | "workers" | "travailleurs" | "ouvriers"
        | "électeurs" | "voters" | "patients" | "malades" | "élèves" | "étudiants" | "students"
        | "passagers" | "passengers" | "otages" | "hostages" | "membres" | "members"
        | "policiers" | "officers" | "médecins" | "doctors" | "femmes" | "women" | "hommes"
        | "men" | "familles" | "families" | "adultes" | "adults" | "citoyens" | "citizens"
        | "agents" | "journalistes" | "journalists" | "rebelles" | "rebels" | "jihadistes"
        | "djihadistes" | "terroristes" | "terrorists" | "américains" | "americans"
        | "touristes" | "tourists" | "visiteurs" | "visitors" | "spectateurs" | "spectators"
        | "fans" | "supporters" | "abonnés" | "subscribers" | "utilisateurs" | "users"
        | "clients" | "customers" | "consommateurs" | "consumers" | "chômeurs" | "unemployed"
        | "retraités" | "retirees" | "pensioners" | "fonctionnaires" | "enseignants"
        | "teachers" | "infirmiers" | "infirmières" | "nurses" | "candidats" | "candidates"
        | "élus" | "députés" | "lawmakers" | "sénateurs" | "senators" | "participants"
        | "volontaires" | "volunteers" | "bénévoles" | "immigrés" | "immigrants" | "demandeurs"
        | "personnels" | "staff" | "agriculteurs" | "farmers" | "habitantes" | "individus"
        | "individuals" | "adolescents" | "teenagers" | "jeunes" | "seniors" | "sans-abri"
        | "homeless" | "déplacés" | "displaced" | "disparus" | "missing" | "arrêtés"
        | "arrested" | "interpellés" | "évacués" | "evacuated" => ("person", People),
        "ménages" | "households" | "foyers" => ("household", Thing),
        "emplois" | "emploi" | "jobs" | "job" => ("job", Thing),
        "kilomètres" | "kilomètre" | "km" | "kilometers" | "kilometres" => ("kilometre", Thing),
        "mètres" | "mètre" | "m" | "meters" | "metres" => ("metre", Thing),
        "miles" | "mile" => ("mile", Thing),
        "tonnes" | "tonne" | "tons" | "ton" | "t" => ("tonne", Thing),
        "kilos" | "kilo" | "kg" | "kilogrammes" | "kilograms" => ("kilogram", Thing),
        "litres" | "litre" | "liters" | "l" => ("litre", Thing),
        "barils" | "barrels" => ("barrel", Thing),
        "hectares" | "hectare" | "ha" => ("hectare", Thing),
        "maisons" | "houses" | "homes" | "logements" => ("home", Thing),
        "bâtiments" | "buildings" => ("building", Thing),
        "voitures" | "véhicules" | "cars" | "vehicles" => ("vehicle", Thing),
        "pays" | "countries" | "nations" => ("country", Thing),
        "villes" | "cities" | "localités" | "towns" => ("town", Thing),
        "écoles" | "schools" => ("school", Thing),
        "hôpitaux" | "hospitals" => ("hospital", Thing),
        "cas" | "cases" => ("case", Thing),
        "doses" | "dose" => ("dose", Thing),
        "votes" | "voix" => ("vote", Thing),
        "sièges" | "seats" => ("seat", Thing),
        "missiles" | "roquettes" | "rockets" | "drones" => ("missile", Thing),
        "statues" => ("statue", Thing),
        _ => return None,
    };
    Some(u)
}

/// Currency named by a word or symbol, as an ISO 4217 code.
pub fn currency(word: &str) -> Option<&'static str> {
    Some(match word {
        "€" | "euro" | "euros" | "eur" => "euro",
        "$" | "dollar" | "dollars" | "usd" => "dollar",
        "£" | "livres" | "pounds" | "gbp" => "pound",
        "francs" | "fcfa" | "cfa" => "CFA franc",
        "yens" | "yen" | "¥" => "yen",
        "roubles" | "rubles" => "rouble",
        _ => return None,
    })
}

/// Multiplier words that scale a preceding number ("3 millions", "two billion").
pub fn scale(word: &str) -> Option<f64> {
    Some(match word {
        "mille" | "thousand" | "thousands" | "k" => 1e3,
        "million" | "millions" | "m" | "mln" => 1e6,
        "milliard" | "milliards" | "billion" | "billions" | "md" | "mds" | "bn" => 1e9,
        "trillion" | "trillions" | "billiard" => 1e12,
        _ => return None,
    })
}

/// Collective nouns that stand for an approximate number: plural forms ("des milliers",
/// "dozens") and singular approximations ("une dizaine", "une vingtaine").
pub fn collective(word: &str) -> Option<f64> {
    // "des dizaines" / "dozens" are normalised to 12: the project's gold convention for an
    // unspecified multiple of ten or twelve; the `approx` flag carries the uncertainty.
    Some(match word {
        "dizaines" | "dozens" | "douzaines" => 12.0,
        "dizaine" | "dozen" | "douzaine" => 10.0,
        "vingtaine" | "score" => 20.0,
        "quinzaine" => 15.0,
        "trentaine" => 30.0,
        "quarantaine" => 40.0,
        "cinquantaine" => 50.0,
        "soixantaine" => 60.0,
        "centaine" | "centaines" | "hundreds" => 100.0,
        "millier" | "milliers" | "thousands" => 1000.0,
        "millions" => 1e6,
        "milliards" | "billions" => 1e9,
        _ => return None,
    })
}

/// Words that mark a number as approximate when they precede it.
pub fn approximator(word: &str) -> bool {
    matches!(
        word,
        "environ"
            | "quelque"
            | "quelques"
            | "près"
            | "presque"
            | "approximativement"
            | "about"
            | "around"
            | "approximately"
            | "roughly"
            | "nearly"
            | "almost"
            | "some"
            | "estimated"
            | "estimé"
    )
}

/// English gloss of the complement that follows a unit ("de pouvoir" -> "in power").
/// `word` is the head noun after "de"/"d'"/"au"/"of"/"in".
pub fn complement_gloss(word: &str) -> Option<&'static str> {
    Some(match word {
        "pouvoir" | "power" => "in power",
        "règne" | "rule" | "domination" => "of rule",
        "régime" | "regime" => "of regime rule",
        "prison" | "réclusion" | "emprisonnement" | "incarcération" => "in prison",
        "détention" | "detention" => "in detention",
        "guerre" | "war" => "of war",
        "combats" | "combat" | "fighting" | "affrontements" => "of fighting",
        "conflit" | "conflict" => "of conflict",
        "mandat" | "office" | "présidence" => "in office",
        "exil" | "exile" => "in exile",
        "occupation" => "of occupation",
        "dictature" | "dictatorship" => "of dictatorship",
        "siège" | "siege" => "of siege",
        "négociations" | "négociation" | "talks" => "of negotiations",
        "grève" | "strike" => "of strike",
        "manifestations" | "protests" | "mobilisation" => "of protests",
        "travail" | "work" => "of work",
        "retard" | "delay" => "of delay",
        "existence" => "of existence",
        "mariage" | "marriage" => "of marriage",
        "vie" | "life" => "of life",
        "service" => "of service",
        "carrière" | "career" => "of career",
        "captivité" | "captivity" => "in captivity",
        "silence" => "of silence",
        "crise" | "crisis" => "of crisis",
        "croissance" | "growth" => "of growth",
        "récession" | "recession" => "of recession",
        "confinement" | "lockdown" => "of lockdown",
        "bombardements" | "bombardement" | "bombing" => "of bombing",
        "trêve" | "truce" | "cessez-le-feu" => "of truce",
        "deuil" | "mourning" => "of mourning",
        "colonisation" => "of colonisation",
        "indépendance" | "independence" => "of independence",
        "histoire" | "history" => "of history",
        _ => return None,
    })
}

/// Adjectives that name a regime or ideology, used to sharpen a gloss ("régime baasiste" -> "Baath").
pub fn regime_adjective(word: &str) -> Option<&'static str> {
    Some(match word {
        "baasiste" | "baas" | "baath" | "baathist" => "Baath",
        "communiste" | "communist" => "communist",
        "soviétique" | "soviet" => "Soviet",
        "militaire" | "military" => "military",
        "talibans" | "taliban" => "Taliban",
        "islamiste" | "islamist" => "Islamist",
        "colonial" | "coloniale" => "colonial",
        "franquiste" => "Franco",
        "apartheid" => "apartheid",
        _ => return None,
    })
}

/// English plural of a unit, for glosses ("year" -> "years", "person" -> "people").
pub fn unit_plural(unit: &str) -> String {
    match unit {
        "person" => "people".into(),
        "child" => "children".into(),
        "century" => "centuries".into(),
        "country" => "countries".into(),
        "" => String::new(),
        _ => format!("{unit}s"),
    }
}

/// Determiners and subject pronouns that open a new noun phrase or clause subject.
pub fn subject_opener(word: &str) -> bool {
    matches!(
        word,
        "le" | "la"
            | "les"
            | "l"
            | "un"
            | "une"
            | "des"
            | "du"
            | "son"
            | "sa"
            | "ses"
            | "leur"
            | "leurs"
            | "ce"
            | "cet"
            | "cette"
            | "ces"
            | "notre"
            | "nos"
            | "plusieurs"
            | "certains"
            | "certaines"
            | "chaque"
            | "il"
            | "elle"
            | "ils"
            | "elles"
            | "on"
            | "nous"
            | "je"
            | "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "this"
            | "these"
            | "those"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "it"
            | "there"
    )
}

/// Subject pronouns after which the next word (past clitics) is a finite verb.
pub fn subject_pronoun(word: &str) -> bool {
    matches!(
        word,
        "il" | "elle"
            | "ils"
            | "elles"
            | "on"
            | "je"
            | "j"
            | "nous"
            | "vous"
            | "tu"
            | "qui"
            | "he"
            | "she"
            | "they"
            | "we"
            | "i"
            | "you"
            | "it"
            | "who"
    )
}

/// Object clitics that may stand between a subject pronoun and its verb.
pub fn clitic(word: &str) -> bool {
    matches!(
        word,
        "ne" | "n"
            | "se"
            | "s"
            | "le"
            | "la"
            | "les"
            | "l"
            | "lui"
            | "leur"
            | "y"
            | "en"
            | "me"
            | "m"
            | "te"
            | "t"
            | "nous"
            | "vous"
    )
}

/// Finite verbs and auxiliaries common in news (French and English), lowercased.
pub fn finite_verb(word: &str) -> bool {
    if matches!(
        word,
        "a" | "ont"
            | "est"
            | "sont"
            | "était"
            | "étaient"
            | "avait"
            | "avaient"
            | "sera"
            | "seront"
            | "serait"
            | "seraient"
            | "aura"
            | "auront"
            | "aurait"
            | "auraient"
            | "fut"
            | "furent"
            | "eut"
            | "va"
            | "vont"
            | "peut"
            | "peuvent"
            | "doit"
            | "doivent"
            | "fait"
            | "font"
            | "veut"
            | "veulent"
            | "dit"
            | "disent"
            | "vient"
            | "viennent"
            | "tient"
            | "tiennent"
            | "met"
            | "mettent"
            | "prend"
            | "prennent"
            | "permet"
            | "permettent"
            | "soutient"
            | "soutiennent"
            | "contient"
            | "contiennent"
            | "détient"
            | "détiennent"
            | "reçoit"
            | "reçoivent"
            | "atteint"
            | "atteignent"
            | "interdit"
            | "interdisent"
            | "prévoit"
            | "prévoient"
            | "guérit"
            | "meurt"
            | "meurent"
            | "vit"
            | "vivent"
            | "part"
            | "partent"
            | "rejoint"
            | "vend"
            | "vendent"
            | "promet"
            | "promettent"
            | "is"
            | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "must"
            | "may"
            | "might"
            | "did"
            | "does"
            | "do"
            | "said"
            | "says"
            | "told"
            | "shows"
            | "showed"
            | "went"
            | "made"
            | "got"
            | "gave"
            | "took"
            | "came"
    ) {
        return true;
    }
    // Regular present-tense forms of frequent news verbs (3rd person singular / plural): strip
    // the ending, then look the stem up (one hash-free `match`, not a scan over all stems).
    for ending in ["aient", "eront", "ent", "ait", "era", "e"] {
        if let Some(stem) = word.strip_suffix(ending) {
            if verb_stem(stem) {
                return true;
            }
        }
    }
    // Imperfect, simple past and future/conditional endings are rarely nouns.
    let n = word.len();
    if n > 6 && (word.ends_with("aient") || word.ends_with("èrent")) {
        return true;
    }
    if n > 6 && (word.ends_with("eront") || word.ends_with("erait") || word.ends_with("eraient")) {
        return true;
    }
    if n > 4 && word.ends_with("ait") {
        return !matches!(
            word,
            "portrait"
                | "trait"
                | "attrait"
                | "souhait"
                | "bienfait"
                | "parfait"
                | "extrait"
                | "retrait"
                | "abstrait"
                | "distrait"
                | "lait"
                | "forfait"
                | "méfait"
        );
    }
    false
}

/// Stems of regular verbs frequent in news ("accord" for "accorde", "accordent").
fn verb_stem(stem: &str) -> bool {
    matches!(
        stem,
        "accord"
            | "annonc"
            | "affirm"
            | "indiqu"
            | "montr"
            | "rapport"
            | "déclar"
            | "précis"
            | "confirm"
            | "expliqu"
            | "estim"
            | "assur"
            | "révél"
            | "dénonc"
            | "compt"
            | "représent"
            | "coût"
            | "touch"
            | "soign"
            | "provoqu"
            | "tu"
            | "protèg"
            | "autoris"
            | "oblig"
            | "facilit"
            | "augment"
            | "baiss"
            | "diminu"
            | "caus"
            | "entraîn"
            | "possèd"
            | "achèt"
            | "donn"
            | "arriv"
            | "travaill"
            | "demand"
            | "refus"
            | "accus"
            | "exig"
            | "propos"
            | "cit"
            | "sign"
            | "lanc"
            | "ouvr"
            | "ferm"
            | "quitt"
            | "attaqu"
            | "bombard"
            | "frapp"
            | "envoi"
            | "réclam"
            | "manifest"
            | "dépass"
            | "regroup"
            | "abrit"
            | "occup"
            | "contrôl"
            | "gouvern"
            | "dirig"
            | "remplac"
            | "supprim"
            | "cré"
            | "menac"
            | "ajout"
            | "soulign"
            | "reconnaiss"
            | "lutt"
            | "rest"
            | "demeur"
            | "devien"
            | "sembl"
            | "apparaî"
            | "pass"
            | "port"
            | "pill"
            | "célèbr"
            | "fuient"
            | "tent"
            | "continu"
            | "visit"
            | "rencontr"
            | "condamn"
            | "vot"
            | "adopt"
            | "rejett"
            | "impos"
            | "financ"
            | "pay"
            | "produis"
            | "dispos"
            | "gagn"
            | "perd"
            | "mang"
            | "recommand"
            | "affich"
            | "circul"
            | "fabriqu"
            | "vaccin"
            | "infect"
            | "contamin"
            | "e"
            | "ent"
            | "ait"
            | "aient"
            | "era"
            | "eront"
    )
}

/// Past participles that follow an auxiliary in a reporting clause ("a indiqué", "ont confirmé"),
/// and present-tense reporting verbs. A clause that opens with one is an attribution tail.
pub fn reporting_verb(word: &str) -> bool {
    matches!(
        word,
        "indiqué"
            | "précisé"
            | "déclaré"
            | "affirmé"
            | "annoncé"
            | "expliqué"
            | "ajouté"
            | "souligné"
            | "estimé"
            | "assuré"
            | "confirmé"
            | "rapporté"
            | "dit"
            | "raconté"
            | "confié"
            | "écrit"
            | "noté"
            | "martelé"
            | "insisté"
            | "averti"
            | "prévenu"
            | "dénoncé"
            | "révélé"
            | "relevé"
            | "rappelé"
            | "signalé"
            | "indique"
            | "précise"
            | "déclare"
            | "affirme"
            | "affirment"
            | "annonce"
            | "explique"
            | "ajoute"
            | "souligne"
            | "estime"
            | "assure"
            | "confirme"
            | "rapporte"
            | "rapportent"
            | "selon"
            | "said"
            | "says"
            | "told"
            | "reported"
            | "added"
            | "noted"
            | "claimed"
            | "stated"
            | "announced"
            | "confirmed"
            | "wrote"
            | "according"
    )
}

/// Auxiliaries that precede a reporting participle in a French attribution tail.
pub fn reporting_aux(word: &str) -> bool {
    matches!(
        word,
        "a" | "ont" | "avait" | "avaient" | "aurait" | "auraient" | "has" | "have"
    )
}

/// Subordinators and relatives that open a clause of their own (after a comma for the weak ones).
/// Returns how strongly: 2 = split even without a comma ("alors que"), 1 = only after a comma.
pub fn subordinator(word: &str, next: &str) -> u8 {
    match (word, next) {
        ("alors", "que" | "qu") | ("tandis", "que" | "qu") | ("bien", "que" | "qu") => 2,
        ("mais", _) | ("whereas", _) | ("while", _) | ("but", _) => 2,
        (
            "où" | "dont" | "qui" | "lorsque" | "lorsqu" | "puisque" | "car" | "which" | "who"
            | "where" | "when" | "because",
            _,
        ) => 1,
        _ => 0,
    }
}

/// Present participles that are really prepositions, adverbs or nouns.
pub fn not_participle(word: &str) -> bool {
    matches!(
        word,
        "avant"
            | "pendant"
            | "durant"
            | "cependant"
            | "maintenant"
            | "devant"
            | "suivant"
            | "tant"
            | "autant"
            | "enfant"
            | "habitant"
            | "commandant"
            | "représentant"
            | "manifestant"
            | "étudiant"
            | "combattant"
            | "dirigeant"
            | "participant"
            | "restaurant"
            | "croissant"
            | "géant"
            | "néant"
            | "puissant"
            | "important"
            | "suffisant"
            | "constant"
            | "pourtant"
            | "montant"
            | "instant"
            | "during"
            | "according"
            | "including"
            | "nothing"
            | "something"
            | "anything"
            | "everything"
            | "thing"
            | "morning"
            | "evening"
            | "building"
            | "king"
            | "spring"
            | "string"
            | "bring"
            | "ring"
            | "wing"
            | "sing"
            | "following"
            | "regarding"
            | "concerning"
    )
}

/// French or English month name (full or common abbreviation) to its number.
pub fn month(word: &str) -> Option<u32> {
    Some(match word {
        "janvier" | "janv" | "january" | "jan" => 1,
        "février" | "fevrier" | "févr" | "fév" | "february" | "feb" => 2,
        "mars" | "march" | "mar" => 3,
        "avril" | "avr" | "april" | "apr" => 4,
        "mai" | "may" => 5,
        "juin" | "june" | "jun" => 6,
        "juillet" | "juil" | "july" | "jul" => 7,
        "août" | "aout" | "august" | "aug" => 8,
        "septembre" | "sept" | "september" | "sep" => 9,
        "octobre" | "oct" | "october" => 10,
        "novembre" | "nov" | "november" => 11,
        "décembre" | "decembre" | "déc" | "dec" | "december" => 12,
        _ => return None,
    })
}

/// Weekday names (French and English).
pub fn weekday(word: &str) -> bool {
    weekday_from_monday(word).is_some()
}

/// Days after Monday of a French or English weekday name: "lundi"/"monday" 0 ... "dimanche"/"sunday" 6.
pub fn weekday_from_monday(word: &str) -> Option<u32> {
    Some(match word {
        "lundi" | "monday" => 0,
        "mardi" | "tuesday" => 1,
        "mercredi" | "wednesday" => 2,
        "jeudi" | "thursday" => 3,
        "vendredi" | "friday" => 4,
        "samedi" | "saturday" => 5,
        "dimanche" | "sunday" => 6,
        _ => return None,
    })
}

/// Days from the article's date named by a word: "hier"/"yesterday" -1, "demain"/"tomorrow" 1,
/// "avant-hier" -2, "après-demain" 2. "Aujourd'hui" and "today" are left out: in news and
/// debates they mostly mean "nowadays" ("the economy today"), not a calendar day.
pub fn relative_day(word: &str) -> Option<i64> {
    Some(match word {
        "hier" | "yesterday" => -1,
        "avant-hier" => -2,
        "demain" | "tomorrow" => 1,
        "après-demain" | "apres-demain" => 2,
        _ => return None,
    })
}

/// Abbreviations whose final period does not end a sentence (lowercased, without the period).
pub fn abbreviation(word: &str) -> bool {
    matches!(
        word,
        "m" | "mm"
            | "mme"
            | "mmes"
            | "mlle"
            | "mlles"
            | "dr"
            | "pr"
            | "me"
            | "mgr"
            | "st"
            | "ste"
            | "p"
            | "pp"
            | "co"
            | "inc"
            | "ltd"
            | "corp"
            | "jr"
            | "sr"
            | "mr"
            | "mrs"
            | "ms"
            | "prof"
            | "vs"
            | "etc"
            | "cf"
            | "av"
            | "bd"
            | "no"
            | "nos"
            | "art"
            | "ch"
            | "vol"
            | "gen"
            | "gov"
            | "sen"
            | "rep"
            | "lt"
            | "col"
            | "capt"
            | "sgt"
            | "mt"
            | "ft"
            | "fig"
            | "env"
            | "min"
            | "max"
            | "janv"
            | "févr"
            | "fév"
            | "avr"
            | "juil"
            | "sept"
            | "oct"
            | "nov"
            | "déc"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "dec"
            | "approx"
            | "dept"
            | "est"
            | "ll"
            | "aa"
            | "ss"
            | "al"
    )
}

/// First-person and evaluative markers of opinion rather than fact.
pub fn opinion_marker(word: &str, next: &str) -> bool {
    matches!(
        (word, next),
        (
            "je",
            "pense" | "crois" | "trouve" | "souhaite" | "espère" | "veux"
        ) | ("j", "espère" | "estime" | "aimerais" | "adore")
            | ("à", "mon")
            | ("il", "faut")
            | (
                "i",
                "think" | "believe" | "feel" | "hope" | "want" | "guess" | "wish"
            )
            | ("in", "my")
            | ("we", "must" | "should" | "need")
    )
}

/// Opening words of navigation and boilerplate lines ("À lire également", "Read also").
pub fn boilerplate_start(first: &str, second: &str) -> bool {
    matches!(
        (first, second),
        ("à" | "a", "lire")
            | ("lire", "aussi" | "également" | "plus" | "la")
            | ("voir", "aussi" | "également")
            | ("read", "also" | "more" | "next")
            | ("see", "also")
            | ("related", _)
            | ("sur", "le")
            | ("partager", _)
            | ("share", _)
            | ("abonnez", _)
            | ("subscribe", _)
            | ("newsletter", _)
            | ("publicité", _)
            | ("advertisement", _)
            | ("sponsored", _)
            | ("cookies", _)
            | ("mis", "à")
            | ("updated", _)
            | ("published", _)
            | ("publié", _)
            | ("modifié", _)
            | ("crédit" | "credit" | "crédits" | "credits", _)
            | ("cet", "article")
            | ("ce", "contenu")
            | ("this", "article" | "content")
            | ("article", "réservé")
            | ("contenu", "réservé")
            | (
                "photo" | "image" | "illustration" | "photographie" | "video" | "vidéo",
                ":"
            )
            // Teasers of related pieces: "Enquête: Comprendre pourquoi...", "Watch: ..."
            | (
                "enquête"
                    | "portrait"
                    | "témoignage"
                    | "reportage"
                    | "décryptage"
                    | "entretien"
                    | "interview"
                    | "infographie"
                    | "podcast"
                    | "diaporama"
                    | "watch"
                    | "listen"
                    | "explainer"
                    | "live",
                ":"
            )
            // Live blogs and promotions around the text.
            | ("merci", "de")
            | ("pour", "tout")
            | ("suivez", _)
            | ("retrouvez", _)
            | ("follow", "us" | "our")
            | ("sign", "up")
    )
}

/// The English singular of a French counted noun (given singular, without accents) that news
/// often counts and the unit lexicon above does not know, so that values read alike in both
/// languages ("36 interpellations" -> arrest). `None`: the French word is kept as the unit.
pub fn english_counted_noun(fr: &str) -> Option<&'static str> {
    Some(match fr {
        "interpellation" | "arrestation" => "arrest",
        "garde a vue" => "custody",
        "manifestation" => "demonstration",
        "defile" | "cortege" | "marche" => "march",
        "greve" => "strike",
        "syndicat" => "union",
        "siege" => "seat",
        "depute" => "mp",
        "senateur" => "senator",
        "voix" | "suffrage" | "vote" => "vote",
        "bulletin" => "ballot",
        "bureau de vote" => "polling station",
        "candidat" | "candidate" => "candidate",
        "parti" => "party",
        "region" => "region",
        "departement" => "department",
        "commune" | "municipalite" => "municipality",
        "arrondissement" | "district" | "circonscription" => "district",
        "province" => "province",
        "pays" => "country",
        "ville" => "city",
        "village" => "village",
        "quartier" => "neighbourhood",
        "maison" | "habitation" => "house",
        "logement" => "home",
        "batiment" | "immeuble" | "edifice" => "building",
        "ecole" => "school",
        "hopital" => "hospital",
        "lit" => "bed",
        "eglise" => "church",
        "mosquee" => "mosque",
        "pont" => "bridge",
        "route" => "road",
        "voiture" | "vehicule" | "automobile" => "vehicle",
        "camion" => "truck",
        "bus" | "autocar" | "car" => "bus",
        "train" => "train",
        "avion" | "appareil" => "aircraft",
        "vol" => "flight",
        "navire" | "bateau" => "ship",
        "missile" => "missile",
        "drone" => "drone",
        "roquette" => "rocket",
        "obus" => "shell",
        "frappe" | "bombardement" => "strike",
        "attaque" | "attentat" => "attack",
        "seisme" | "secousse" | "replique" => "earthquake",
        "incendie" | "feu" => "fire",
        "pompier" => "firefighter",
        "sauveteur" | "secouriste" => "rescuer",
        "entreprise" | "societe" => "company",
        "emploi" | "poste" => "job",
        "chomeur" => "unemployed person",
        "tente" => "tent",
        "tonne" => "tonne",
        "litre" => "litre",
        "cas" => "case",
        "contamination" => "infection",
        "vaccin" | "dose" => "dose",
        "test" => "test",
        "plainte" => "complaint",
        "proces" => "trial",
        "condamnation" => "conviction",
        "resultat" => "result",
        _ => return None,
    })
}
