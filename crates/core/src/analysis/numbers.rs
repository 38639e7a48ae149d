//! Numbers as texts write them: in digits (Western and Arabic-Indic) or in words (English,
//! French, Spanish, Russian, Arabic), the words that bound them ("at least", "no more than") and
//! the words that say what a count is of (killed, wounded, captured). `claims` builds the counts
//! of a report on them, for Compare, linking and corroboration alike.

use serde::{Deserialize, Serialize};

use super::Token;

/// What a figure counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Killed,
    Wounded,
    Captured,
}

impl Role {
    /// The word shown in evidence and tables.
    pub fn label(self) -> &'static str {
        match self {
            Role::Killed => "killed",
            Role::Wounded => "wounded",
            Role::Captured => "captured",
        }
    }
}

pub(super) fn role_of(word: &str) -> Option<Role> {
    Some(match word {
        "killed"
        | "kill"
        | "kills"
        | "die"
        | "dies"
        | "execution"
        | "executions"
        | "killing"
        | "dead"
        | "died"
        | "deaths"
        | "death"
        | "toll"
        | "lives"
        | "martyred"
        | "martyrs"
        | "fatalities"
        | "bodies"
        | "massacred"
        | "executed"
        | "execute"
        | "executes"
        | "executing"
        | "murder"
        | "murders"
        | "murdered"
        | "murdering"
        | "погибли"
        | "погиб"
        | "погибших"
        | "убиты"
        | "убито"
        | "убили"
        | "жертв"
        | "жертвами"
        | "погибло"
        | "погибшими"
        | "liquidated"
        | "liquidating"
        | "ликвидированы"
        | "ликвидировали"
        | "morts"
        | "mort"
        | "muertos"
        | "muertas"
        | "fallecidos"
        | "قتل"
        | "قتلى"
        | "قتيل"
        | "قتيلا"
        | "مقتل"
        | "شهداء"
        | "شهيد"
        | "شهيدا"
        | "استشهاد" => Role::Killed,
        "wounded"
        | "injured"
        | "injuring"
        | "wounding"
        | "injuries"
        | "hurt"
        | "casualties"
        | "ранены"
        | "ранения"
        | "раненых"
        | "ранено"
        | "пострадали"
        | "пострадавших"
        | "blesses"
        | "blessees"
        | "heridos"
        | "heridas"
        | "جرحى"
        | "جريح"
        | "جريحا"
        | "اصابة"
        | "اصيب"
        | "واصيب"
        | "مصابين" => Role::Wounded,
        "captured" | "arrested" | "detained" | "abducted" | "kidnapped" | "prisoners"
        | "задержали" | "задержаны" | "захвачены" => Role::Captured,
        _ => return None,
    })
}

/// The value of a number word in the languages the importer reads: English, French, Spanish,
/// Russian (its case forms) and Arabic (folded: without diacritics, hamza on alif dropped).
/// Multipliers ("hundred", "thousand") are here too; [`number_at`] combines them.
pub(super) fn word_value(word: &str) -> Option<u32> {
    const ENGLISH: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = ENGLISH.iter().position(|w| *w == word) {
        return Some(i as u32);
    }
    if let Some(i) = TENS.iter().position(|w| *w == word) {
        return Some(20 + 10 * i as u32);
    }
    Some(match word {
        "dozen" => 12,
        "hundred" | "cent" | "cents" | "cien" | "ciento" | "сто" | "ста" | "مئة" | "مائة"
        | "مئات" => 100,
        "thousand" | "mille" | "mil" | "тысяча" | "тысячи" | "тысяч" | "الف" | "الاف" => {
            1000
        }
        // French
        "un" | "une" => 1,
        "deux" => 2,
        "trois" => 3,
        "quatre" => 4,
        "cinq" => 5,
        "sept" => 7,
        "huit" => 8,
        "neuf" => 9,
        "dix" => 10,
        "onze" => 11,
        "douze" => 12,
        "treize" => 13,
        "quatorze" => 14,
        "quinze" => 15,
        "vingt" | "vingts" => 20,
        "trente" => 30,
        "quarante" => 40,
        "cinquante" => 50,
        "soixante" => 60,
        // Spanish (not "once", an English word; French "seize" is left out likewise)
        "uno" | "una" => 1,
        "dos" => 2,
        "tres" => 3,
        "cuatro" => 4,
        "cinco" => 5,
        "seis" => 6,
        "siete" => 7,
        "ocho" => 8,
        "nueve" => 9,
        "diez" => 10,
        "doce" => 12,
        "trece" => 13,
        "catorce" => 14,
        "quince" => 15,
        "dieciseis" => 16,
        "diecisiete" => 17,
        "dieciocho" => 18,
        "diecinueve" => 19,
        "veinte" => 20,
        "treinta" => 30,
        "cuarenta" => 40,
        "cincuenta" => 50,
        "sesenta" => 60,
        "setenta" => 70,
        "ochenta" => 80,
        "noventa" => 90,
        "doscientos" | "doscientas" => 200,
        "trescientos" | "trescientas" => 300,
        "quinientos" | "quinientas" => 500,
        // Russian, with the case forms reports use
        "один" | "одна" | "одного" | "одной" | "одному" => 1,
        "два" | "две" | "двух" | "двое" => 2,
        "три" | "трех" | "трое" => 3,
        "четыре" | "четырех" | "четверо" => 4,
        "пять" | "пяти" | "пятеро" => 5,
        "шесть" | "шести" | "шестеро" => 6,
        "семь" | "семи" | "семеро" => 7,
        "восемь" | "восьми" => 8,
        "девять" | "девяти" => 9,
        "десять" | "десяти" | "десяток" => 10,
        "одиннадцать" | "одиннадцати" => 11,
        "двенадцать" | "двенадцати" => 12,
        "тринадцать" | "тринадцати" => 13,
        "четырнадцать" | "четырнадцати" => 14,
        "пятнадцать" | "пятнадцати" => 15,
        "шестнадцать" | "шестнадцати" => 16,
        "семнадцать" | "семнадцати" => 17,
        "восемнадцать" | "восемнадцати" => 18,
        "девятнадцать" | "девятнадцати" => 19,
        "двадцать" | "двадцати" => 20,
        "тридцать" | "тридцати" => 30,
        "сорок" | "сорока" => 40,
        "пятьдесят" | "пятидесяти" => 50,
        "шестьдесят" | "шестидесяти" => 60,
        "семьдесят" | "семидесяти" => 70,
        "восемьдесят" | "восьмидесяти" => 80,
        "девяносто" | "девяноста" => 90,
        "двести" | "двухсот" => 200,
        "триста" | "трехсот" => 300,
        "четыреста" => 400,
        "пятьсот" | "пятисот" => 500,
        // Arabic (folded), masculine and feminine, with the -in case ending
        "واحد" | "واحدة" | "احد" | "احدى" => 1,
        "اثنان" | "اثنين" | "اثنتان" | "اثنتين" | "اثنا" | "اثنتا" => {
            2
        }
        "ثلاثة" | "ثلاث" => 3,
        "اربعة" | "اربع" => 4,
        "خمسة" | "خمس" => 5,
        "ستة" | "ست" => 6,
        "سبعة" | "سبع" => 7,
        "ثمانية" | "ثماني" | "ثمان" => 8,
        "تسعة" | "تسع" => 9,
        "عشرة" | "عشر" => 10,
        "عشرون" | "عشرين" => 20,
        "ثلاثون" | "ثلاثين" => 30,
        "اربعون" | "اربعين" => 40,
        "خمسون" | "خمسين" => 50,
        "ستون" | "ستين" => 60,
        "سبعون" | "سبعين" => 70,
        "ثمانون" | "ثمانين" => 80,
        "تسعون" | "تسعين" => 90,
        _ => return None,
    })
}

/// Whether a number word multiplies what comes before it ("two hundred", "deux mille").
fn multiplier(word: &str) -> Option<u32> {
    word_value(word).filter(|v| *v == 100 || *v == 1000)
}

/// Words that join the parts of a number written in words: "one hundred and fifty", "vingt et
/// un", "treinta y dos", "خمسة و عشرون".
fn joins_a_number(word: &str) -> bool {
    matches!(word, "and" | "et" | "y" | "و")
}

/// The value of a number written in digits, Western or Arabic-Indic ("١٢", "۱۲").
fn digits_value(word: &str) -> Option<u64> {
    let mut value: u64 = 0;
    for c in word.chars() {
        let digit = match c {
            '0'..='9' => u32::from(c) - u32::from('0'),
            '\u{0660}'..='\u{0669}' => u32::from(c) - 0x0660,
            '\u{06F0}'..='\u{06F9}' => u32::from(c) - 0x06F0,
            _ => return None,
        };
        value = value.checked_mul(10)?.checked_add(u64::from(digit))?;
    }
    (!word.is_empty()).then_some(value)
}

/// Words after a number that say it is not a head count.
pub(super) fn is_unit(word: &str) -> bool {
    matches!(
        word,
        "km" | "kilometres"
            | "kilometers"
            | "kilometre"
            | "kilometer"
            | "miles"
            | "mile"
            | "m"
            | "metres"
            | "meters"
            | "percent"
            | "per"
            | "hours"
            | "hour"
            | "minutes"
            | "years"
            | "year"
            | "days"
            | "day"
            | "weeks"
            | "week"
            | "month"
            | "months"
            | "am"
            | "pm"
            | "gmt"
            | "utc"
            | "mm"
            | "dollars"
            | "pounds"
            | "tonnes"
            | "tons"
            | "км"
            | "часов"
            | "лет"
            | "года"
    )
}

pub(super) fn is_month(word: &str) -> bool {
    matches!(
        word,
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Words before a number that bound it, longest first, each with the bound it sets. "No more
/// than" before "more than", so that "no more than 150-200" stays at most 200.
const QUALIFIERS: &[(&str, Bound)] = &[
    ("no more than", Bound::AtMost),
    ("not more than", Bound::AtMost),
    ("no fewer than", Bound::AtLeast),
    ("no less than", Bound::AtLeast),
    ("not less than", Bound::AtLeast),
    ("a maximum of", Bound::AtMost),
    ("a minimum of", Bound::AtLeast),
    ("in excess of", Bound::MoreThan),
    ("ما لا يقل عن", Bound::AtLeast),
    ("at least", Bound::AtLeast),
    ("more than", Bound::MoreThan),
    ("upwards of", Bound::MoreThan),
    ("up to", Bound::AtMost),
    ("as many as", Bound::AtMost),
    ("at most", Bound::AtMost),
    ("less than", Bound::LessThan),
    ("fewer than", Bound::LessThan),
    ("au moins", Bound::AtLeast),
    ("plus de", Bound::MoreThan),
    ("moins de", Bound::LessThan),
    ("pres de", Bound::About),
    ("al menos", Bound::AtLeast),
    ("mas de", Bound::MoreThan),
    ("menos de", Bound::LessThan),
    ("cerca de", Bound::About),
    ("не менее", Bound::AtLeast),
    ("не более", Bound::AtMost),
    ("اكثر من", Bound::MoreThan),
    ("اقل من", Bound::LessThan),
    ("about", Bound::About),
    ("around", Bound::About),
    ("nearly", Bound::About),
    ("almost", Bound::About),
    ("some", Bound::About),
    ("approximately", Bound::About),
    ("roughly", Bound::About),
    ("over", Bound::MoreThan),
    ("above", Bound::MoreThan),
    ("under", Bound::LessThan),
    ("below", Bound::LessThan),
    ("environ", Bound::About),
    ("unos", Bound::About),
    ("unas", Bound::About),
    ("около", Bound::About),
    ("более", Bound::MoreThan),
    ("свыше", Bound::MoreThan),
    ("почти", Bound::About),
    ("نحو", Bound::About),
    ("حوالي", Bound::About),
];

/// How a text bounds a number it gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    Exact,
    AtLeast,
    MoreThan,
    AtMost,
    LessThan,
    About,
}

impl Bound {
    /// The bound a qualifier as [`qualifier_before`] gives it sets ("dozens": about).
    pub fn of(qualifier: Option<&str>) -> Bound {
        let Some(q) = qualifier else {
            return Bound::Exact;
        };
        QUALIFIERS.iter().find(|(words, _)| *words == q).map_or(
            match q {
                "dozens" | "hundreds" | "thousands" => Bound::About,
                _ => Bound::Exact,
            },
            |(_, b)| *b,
        )
    }

    /// Whether the true value may be above the number given.
    pub fn open_above(self) -> bool {
        matches!(self, Bound::AtLeast | Bound::MoreThan | Bound::About)
    }

    /// Whether the true value may be below the number given.
    pub fn open_below(self) -> bool {
        matches!(self, Bound::AtMost | Bound::LessThan | Bound::About)
    }
}

/// The words just before token `at` that bound the number there ("at least", "no more than"),
/// as the folded phrase of [`QUALIFIERS`].
pub(super) fn qualifier_before(tokens: &[Token], at: usize) -> Option<String> {
    QUALIFIERS
        .iter()
        .find(|(words, _)| {
            let words: Vec<&str> = words.split(' ').collect();
            at >= words.len()
                && tokens[at - words.len()..at]
                    .iter()
                    .zip(&words)
                    .all(|(t, w)| t.folded == *w)
        })
        .map(|(words, _)| words.to_string())
}

/// How far apart two words are, in words; a comma, semicolon, "and", "while" or "but" between
/// them counts as three more, so the nearer word in the same clause wins.
pub(super) fn word_distance(text: &str, tokens: &[Token], from: usize, to: usize) -> usize {
    let (lo, hi) = (from.min(to), from.max(to));
    let crosses = text
        .get(tokens[lo].end..tokens[hi].start)
        .is_some_and(|gap| gap.contains(',') || gap.contains(';'))
        || tokens[lo + 1..hi]
            .iter()
            .any(|t| matches!(t.folded.as_str(), "and" | "while" | "but" | "и"));
    hi - lo + if crosses { 3 } else { 0 }
}

/// The number starting at token `i` and how many tokens it spans ("1,200" is two tokens,
/// "two hundred and fifty" four): digits (Western or Arabic-Indic, with thousands separators),
/// or number words of the languages [`word_value`] reads, added and multiplied as written
/// ("twenty three", "dix-sept", "quatre-vingts", "one hundred and fifty", "deux mille").
pub(super) fn number_at(text: &str, tokens: &[Token], i: usize) -> Option<(u32, usize)> {
    let t = &tokens[i];
    if let Some(first) = digits_value(&t.folded) {
        let mut value = first;
        let mut used = 1;
        // Thousands separators: "1,200" and "1 200".
        while let Some(next) = tokens.get(i + used) {
            let gap = text.get(tokens[i + used - 1].end..next.start).unwrap_or("");
            if (gap == "," || gap == " " || gap == "\u{a0}" || gap == "٬")
                && next.folded.chars().count() == 3
                && value < 1000
                && let Some(more) = digits_value(&next.folded)
            {
                value = value * 1000 + more;
                used += 1;
            } else {
                break;
            }
        }
        return u32::try_from(value).ok().map(|v| (v, used));
    }
    // "UN", "DOS": a word in capitals is an acronym; "Sept" is September.
    let first = word_value(&t.folded)?;
    let written = t.text(text);
    let mut letters = written.chars().filter(|c| c.is_alphabetic());
    let capitals = letters.clone().count() > 1 && letters.all(char::is_uppercase);
    if capitals || is_month(&t.folded) {
        return None;
    }
    if multiplier(&t.folded).is_some() {
        // "hundred" alone is no count ("a hundred" is read by the claims).
        return None;
    }
    // Words joined by spaces or hyphens, with "and" between parts: each part adds, a multiplier
    // multiplies what came before ("four" "twenty" → 80 in French, "two" "hundred" → 200).
    let (mut total, mut part, mut used) = (0u32, first, 1usize);
    let mut j = i + 1;
    while let Some(next) = tokens.get(j) {
        let gap = text.get(tokens[j - 1].end..next.start).unwrap_or("");
        if !gap.chars().all(|c| c == ' ' || c == '-') || next.sentence_start {
            break;
        }
        // "one hundred and fifty": "and" joins only where a number follows it.
        if joins_a_number(&next.folded) {
            match tokens.get(j + 1).and_then(|n| word_value(&n.folded)) {
                Some(v) if multiplier(&tokens[j + 1].folded).is_none() && v > 0 => {
                    j += 1;
                    continue;
                }
                _ => break,
            }
        }
        // Arabic joins "and" to the next word: "خمسة وعشرون".
        let joined = next
            .folded
            .strip_prefix('و')
            .filter(|rest| word_value(rest).is_some());
        let Some(value) = word_value(joined.unwrap_or(&next.folded)) else {
            break;
        };
        if let Some(m) = multiplier(&next.folded) {
            if m == 1000 {
                total = (total + part.max(1)) * 1000;
                part = 0;
            } else {
                part = part.max(1) * 100;
            }
        } else if part % 100 == 0 && part > 0 && value < 100 {
            // "two hundred fifty"
            part += value;
        } else if (20..100).contains(&part) && part % 10 == 0 && value < 10 {
            // "twenty three", "vingt-trois"
            part += value;
        } else if part == 4 && value == 20 {
            // "quatre-vingts"
            part = 80;
        } else if (part == 60 || part == 80) && (1..20).contains(&value) {
            // "soixante-dix", "quatre-vingt-douze"
            part += value;
        } else if part == 10 && (7..=9).contains(&value) {
            // "dix-sept"
            part += value;
        } else if part < 10 && value == 10 && next.folded.starts_with('ع') {
            // "خمسة عشر": Arabic teens put the unit first
            part += value;
        } else if part < 10 && (20..100).contains(&value) && joined.is_some() {
            // "خمسة وعشرون": the unit, then "and" the tens
            part += value;
        } else if part == 0 && value < 1000 {
            part = value;
        } else {
            break;
        }
        j += 1;
        used = j - i;
    }
    Some((total + part, used))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::tokens;

    fn number(text: &str) -> Option<(u32, usize)> {
        number_at(text, &tokens(text), 0)
    }

    #[test]
    fn numbers_are_read_in_digits_and_in_words() {
        assert_eq!(number("1,200 people"), Some((1200, 2)));
        assert_eq!(number("١٢٠٠"), Some((1200, 1)));
        assert_eq!(number("twenty-three"), Some((23, 2)));
        assert_eq!(number("two hundred and fifty"), Some((250, 4)));
        assert_eq!(number("deux mille"), Some((2000, 2)));
        assert_eq!(number("quatre-vingt-douze"), Some((92, 3)));
        assert_eq!(number("خمسة وعشرون"), Some((25, 2)));
        // Two counts side by side stay two ("seventeen seven" in a text without commas).
        assert_eq!(number("seventeen seven"), Some((17, 1)));
        assert_eq!(number("hundred"), None);
    }

    #[test]
    fn a_qualifier_is_the_longest_phrase_before_the_number() {
        let text = "no more than 150";
        assert_eq!(
            qualifier_before(&tokens(text), 3).as_deref(),
            Some("no more than")
        );
        assert_eq!(Bound::of(Some("no more than")), Bound::AtMost);
        assert_eq!(Bound::of(Some("over")), Bound::MoreThan);
        assert_eq!(Bound::of(None), Bound::Exact);
    }
}
