//! Places named differently in French and English, and the newsroom habit of naming a capital
//! by its country ("la capitale russe", "the Russian capital").
//!
//! Each place has one canonical key (its English name, folded). Names and adjectives are
//! folded (lower case, no accents); a name of several words is written with spaces and matched
//! on consecutive words ("etats unis" for "États-Unis").

/// A country: its names, the adjectives that point to it, and its capital.
struct Country {
    key: &'static str,
    names: &'static [&'static str],
    adjectives: &'static [&'static str],
    capital: &'static str,
    capital_names: &'static [&'static str],
}

macro_rules! country {
    ($key:literal, [$($n:literal),*], [$($a:literal),*], $cap:literal, [$($c:literal),*]) => {
        Country { key: $key, names: &[$($n),*], adjectives: &[$($a),*], capital: $cap,
                  capital_names: &[$($c),*] }
    };
}

const COUNTRIES: &[Country] = &[
    country!(
        "russia",
        [
            "russie",
            "russia",
            "federation de russie",
            "russian federation"
        ],
        ["russe", "russes", "russian", "russians"],
        "moscow",
        ["moscou", "moscow"]
    ),
    country!(
        "syria",
        ["syrie", "syria"],
        [
            "syrien",
            "syrienne",
            "syriens",
            "syriennes",
            "syrian",
            "syrians"
        ],
        "damascus",
        ["damas", "damascus"]
    ),
    country!(
        "france",
        ["france"],
        ["francais", "francaise", "francaises", "french"],
        "paris",
        ["paris"]
    ),
    country!(
        "united states",
        ["etats unis", "united states", "usa", "amerique", "america"],
        [
            "americain",
            "americaine",
            "americains",
            "americaines",
            "american",
            "americans"
        ],
        "washington",
        ["washington"]
    ),
    country!(
        "united kingdom",
        [
            "royaume uni",
            "united kingdom",
            "grande bretagne",
            "britain",
            "great britain",
            "uk"
        ],
        ["britannique", "britanniques", "british"],
        "london",
        ["londres", "london"]
    ),
    country!(
        "germany",
        ["allemagne", "germany"],
        [
            "allemand",
            "allemande",
            "allemands",
            "allemandes",
            "german",
            "germans"
        ],
        "berlin",
        ["berlin"]
    ),
    country!(
        "italy",
        ["italie", "italy"],
        [
            "italien",
            "italienne",
            "italiens",
            "italiennes",
            "italian",
            "italians"
        ],
        "rome",
        ["rome"]
    ),
    country!(
        "spain",
        ["espagne", "spain"],
        [
            "espagnol",
            "espagnole",
            "espagnols",
            "espagnoles",
            "spanish"
        ],
        "madrid",
        ["madrid"]
    ),
    country!(
        "belgium",
        ["belgique", "belgium"],
        ["belge", "belges", "belgian", "belgians"],
        "brussels",
        ["bruxelles", "brussels"]
    ),
    country!(
        "switzerland",
        ["suisse", "switzerland"],
        ["suisses", "swiss"],
        "bern",
        ["berne", "bern"]
    ),
    country!(
        "ukraine",
        ["ukraine"],
        [
            "ukrainien",
            "ukrainienne",
            "ukrainiens",
            "ukrainiennes",
            "ukrainian",
            "ukrainians"
        ],
        "kyiv",
        ["kiev", "kyiv", "kiew"]
    ),
    country!(
        "china",
        ["chine", "china"],
        ["chinois", "chinoise", "chinoises", "chinese"],
        "beijing",
        ["pekin", "beijing"]
    ),
    country!(
        "japan",
        ["japon", "japan"],
        ["japonais", "japonaise", "japonaises", "japanese"],
        "tokyo",
        ["tokyo"]
    ),
    country!(
        "india",
        ["inde", "india"],
        [
            "indien",
            "indienne",
            "indiens",
            "indiennes",
            "indian",
            "indians"
        ],
        "new delhi",
        ["new delhi", "delhi"]
    ),
    country!(
        "turkey",
        ["turquie", "turkey", "turkiye"],
        ["turc", "turque", "turcs", "turques", "turkish"],
        "ankara",
        ["ankara"]
    ),
    country!(
        "iran",
        ["iran"],
        [
            "iranien",
            "iranienne",
            "iraniens",
            "iraniennes",
            "iranian",
            "iranians"
        ],
        "tehran",
        ["teheran", "tehran"]
    ),
    country!(
        "iraq",
        ["irak", "iraq"],
        [
            "irakien",
            "irakienne",
            "irakiens",
            "irakiennes",
            "iraqi",
            "iraqis"
        ],
        "baghdad",
        ["bagdad", "baghdad"]
    ),
    country!(
        "israel",
        ["israel"],
        [
            "israelien",
            "israelienne",
            "israeliens",
            "israeliennes",
            "israeli",
            "israelis"
        ],
        "jerusalem",
        ["jerusalem"]
    ),
    country!(
        "lebanon",
        ["liban", "lebanon"],
        ["libanais", "libanaise", "libanaises", "lebanese"],
        "beirut",
        ["beyrouth", "beirut"]
    ),
    country!(
        "egypt",
        ["egypte", "egypt"],
        [
            "egyptien",
            "egyptienne",
            "egyptiens",
            "egyptiennes",
            "egyptian",
            "egyptians"
        ],
        "cairo",
        ["le caire", "caire", "cairo"]
    ),
    country!(
        "morocco",
        ["maroc", "morocco"],
        [
            "marocain",
            "marocaine",
            "marocains",
            "marocaines",
            "moroccan",
            "moroccans"
        ],
        "rabat",
        ["rabat"]
    ),
    country!(
        "algeria",
        ["algerie", "algeria"],
        [
            "algerien",
            "algerienne",
            "algeriens",
            "algeriennes",
            "algerian",
            "algerians"
        ],
        "algiers",
        ["alger", "algiers"]
    ),
    country!(
        "tunisia",
        ["tunisie", "tunisia"],
        [
            "tunisien",
            "tunisienne",
            "tunisiens",
            "tunisiennes",
            "tunisian",
            "tunisians"
        ],
        "tunis",
        ["tunis"]
    ),
    country!(
        "saudi arabia",
        ["arabie saoudite", "saudi arabia"],
        [
            "saoudien",
            "saoudienne",
            "saoudiens",
            "saoudiennes",
            "saudi",
            "saudis"
        ],
        "riyadh",
        ["riyad", "riyadh"]
    ),
    country!(
        "afghanistan",
        ["afghanistan"],
        ["afghan", "afghane", "afghans", "afghanes"],
        "kabul",
        ["kaboul", "kabul"]
    ),
    country!(
        "pakistan",
        ["pakistan"],
        [
            "pakistanais",
            "pakistanaise",
            "pakistanaises",
            "pakistani",
            "pakistanis"
        ],
        "islamabad",
        ["islamabad"]
    ),
    country!(
        "poland",
        ["pologne", "poland"],
        ["polonais", "polonaise", "polonaises", "polish"],
        "warsaw",
        ["varsovie", "warsaw"]
    ),
    country!(
        "netherlands",
        ["pays bas", "netherlands", "hollande", "holland"],
        ["neerlandais", "neerlandaise", "neerlandaises", "dutch"],
        "amsterdam",
        ["amsterdam"]
    ),
    country!(
        "greece",
        ["grece", "greece"],
        ["grec", "grecque", "grecs", "grecques", "greek", "greeks"],
        "athens",
        ["athenes", "athens"]
    ),
    country!(
        "portugal",
        ["portugal"],
        ["portugais", "portugaise", "portugaises", "portuguese"],
        "lisbon",
        ["lisbonne", "lisbon"]
    ),
    country!(
        "canada",
        ["canada"],
        [
            "canadien",
            "canadienne",
            "canadiens",
            "canadiennes",
            "canadian",
            "canadians"
        ],
        "ottawa",
        ["ottawa"]
    ),
    country!(
        "mexico",
        ["mexique", "mexico"],
        [
            "mexicain",
            "mexicaine",
            "mexicains",
            "mexicaines",
            "mexican",
            "mexicans"
        ],
        "mexico city",
        ["mexico city"]
    ),
    country!(
        "brazil",
        ["bresil", "brazil"],
        [
            "bresilien",
            "bresilienne",
            "bresiliens",
            "bresiliennes",
            "brazilian",
            "brazilians"
        ],
        "brasilia",
        ["brasilia"]
    ),
    country!(
        "argentina",
        ["argentine", "argentina"],
        [
            "argentin",
            "argentins",
            "argentines",
            "argentinian",
            "argentine"
        ],
        "buenos aires",
        ["buenos aires"]
    ),
    country!(
        "venezuela",
        ["venezuela"],
        [
            "venezuelien",
            "venezuelienne",
            "venezueliens",
            "venezuelan",
            "venezuelans"
        ],
        "caracas",
        ["caracas"]
    ),
    country!(
        "south korea",
        ["coree du sud", "south korea"],
        ["sud coreen", "sud coreenne", "south korean"],
        "seoul",
        ["seoul"]
    ),
    country!(
        "north korea",
        ["coree du nord", "north korea"],
        ["nord coreen", "nord coreenne", "north korean"],
        "pyongyang",
        ["pyongyang"]
    ),
    country!(
        "palestine",
        ["palestine", "territoires palestiniens"],
        [
            "palestinien",
            "palestinienne",
            "palestiniens",
            "palestiniennes",
            "palestinian",
            "palestinians"
        ],
        "ramallah",
        ["ramallah"]
    ),
    country!(
        "jordan",
        ["jordanie", "jordan"],
        ["jordanien", "jordanienne", "jordanian"],
        "amman",
        ["amman"]
    ),
    country!(
        "libya",
        ["libye", "libya"],
        ["libyen", "libyenne", "libyens", "libyan", "libyans"],
        "tripoli",
        ["tripoli"]
    ),
    country!(
        "mali",
        ["mali"],
        ["malien", "malienne", "maliens", "malian"],
        "bamako",
        ["bamako"]
    ),
    country!(
        "senegal",
        ["senegal"],
        ["senegalais", "senegalaise", "senegalese"],
        "dakar",
        ["dakar"]
    ),
    country!(
        "nigeria",
        ["nigeria"],
        ["nigerian", "nigerians", "nigerian"],
        "abuja",
        ["abuja"]
    ),
    country!(
        "south africa",
        ["afrique du sud", "south africa"],
        ["sud africain", "sud africaine", "south african"],
        "pretoria",
        ["pretoria"]
    ),
    country!(
        "australia",
        ["australie", "australia"],
        [
            "australien",
            "australienne",
            "australiens",
            "australian",
            "australians"
        ],
        "canberra",
        ["canberra"]
    ),
];

/// Words that name a capital by its country: "capitale" before the adjective in French,
/// "capital" after it in English.
const CAPITAL_WORDS: &[&str] = &["capitale", "capital"];

/// What a run of words at some position names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The canonical key ("moscow").
    pub key: &'static str,
    /// How many words it took.
    pub len: usize,
}

/// The place named by the folded words starting at `words[0]`, longest name first: a country
/// or capital by any of its names, a country by its adjective, a capital by "capitale" + the
/// country's adjective or the country's adjective + "capital".
pub fn place_at(words: &[String]) -> Option<Place> {
    let first = words.first()?;
    if CAPITAL_WORDS.contains(&first.as_str()) {
        if let Some(next) = words.get(1) {
            if let Some(c) = COUNTRIES
                .iter()
                .find(|c| c.adjectives.contains(&next.as_str()))
            {
                return Some(Place {
                    key: c.capital,
                    len: 2,
                });
            }
        }
    }
    if let Some(next) = words.get(1) {
        if CAPITAL_WORDS.contains(&next.as_str()) {
            if let Some(c) = COUNTRIES
                .iter()
                .find(|c| c.adjectives.contains(&first.as_str()))
            {
                return Some(Place {
                    key: c.capital,
                    len: 2,
                });
            }
        }
    }
    for len in (1..=3).rev() {
        if words.len() < len {
            continue;
        }
        let phrase = words[..len].join(" ");
        for c in COUNTRIES {
            if c.names.contains(&phrase.as_str()) {
                return Some(Place { key: c.key, len });
            }
            if c.capital_names.contains(&phrase.as_str()) {
                return Some(Place {
                    key: c.capital,
                    len,
                });
            }
            if c.adjectives.contains(&phrase.as_str()) {
                return Some(Place { key: c.key, len });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(words: &str) -> Option<&'static str> {
        let w: Vec<String> = words.split(' ').map(String::from).collect();
        place_at(&w).map(|p| p.key)
    }

    #[test]
    fn names_in_both_languages_meet() {
        assert_eq!(at("moscou"), Some("moscow"));
        assert_eq!(at("moscow"), Some("moscow"));
        assert_eq!(at("etats unis"), Some("united states"));
        assert_eq!(at("russes"), Some("russia"));
    }

    #[test]
    fn a_capital_named_by_its_country_is_the_capital() {
        assert_eq!(at("capitale russe"), Some("moscow"));
        assert_eq!(at("russian capital"), Some("moscow"));
        assert_eq!(at("capitale syrienne"), Some("damascus"));
    }

    #[test]
    fn ordinary_words_name_no_place() {
        assert_eq!(at("capitale"), None);
        assert_eq!(at("famille"), None);
    }
}
