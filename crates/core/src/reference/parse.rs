//! A reference list's file to rows: CSV or TSV (the delimiter read from the header line), any
//! encoding the import reads, each column's role recognised by its name and its values, or given
//! by hand (`--map COLUMN=ROLE`). Values are kept as published: nothing is converted into the
//! desk's grades.

use std::collections::{BTreeMap, HashMap};

use crate::error::{Error, Result};
use crate::library::{ColumnRole, NewReferenceEntry, NewReferenceList, ReferenceColumn};

use super::scale::{Band, band_of};

/// A list read from a file, before it is stored.
#[derive(Debug, Clone, Default)]
pub struct ParsedList {
    pub list: NewReferenceList,
    /// Rows left out, each with its line and why ("line 12: no outlet name or domain").
    pub skipped: Vec<String>,
    /// Outlets the list gives more than once with different values (by domain or name): kept,
    /// and shown as conflicting.
    pub conflicting: Vec<String>,
}

/// Reads a list from a file's text. `name` names the list; `roles` are the analyst's column
/// roles by column name, which win over recognition.
pub fn parse_list(text: &str, name: &str, roles: &[(String, ColumnRole)]) -> Result<ParsedList> {
    let text = text.trim_start_matches('\u{feff}');
    let Some(header_line) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Err(Error::Invalid(
            "the file is empty: a reference list is a CSV or TSV file with a header row naming \
             its columns (an outlet's name or domain, and its ratings) and a row per outlet"
                .into(),
        ));
    };
    let delimiter = delimiter_of(header_line);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| Error::Invalid(format!("the header row cannot be read: {e}")))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let mut rows: Vec<(i64, Vec<String>)> = Vec::new();
    let mut skipped = Vec::new();
    for record in reader.records() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(0, |p| p.line() as i64);
                if r.iter().all(|v| v.trim().is_empty()) {
                    continue;
                }
                rows.push((line, r.iter().map(|v| v.trim().to_string()).collect()));
            }
            Err(e) => skipped.push(format!("a row cannot be read: {e}")),
        }
    }
    if rows.is_empty() {
        return Err(Error::Invalid(format!(
            "the file has a header ({}) but no rows: a reference list needs a row per outlet",
            headers.join(", ")
        )));
    }
    for (column, _) in roles {
        if !headers
            .iter()
            .any(|h| h.eq_ignore_ascii_case(column.trim()))
        {
            return Err(Error::Invalid(format!(
                "the file has no column {column:?}; its columns are: {}",
                headers.join(", ")
            )));
        }
    }
    let columns = recognise(&headers, &rows, roles);
    // Every column of addresses, the chosen one first: a row whose domain cell is no address
    // ("rt.com-news") is read from another ("https://www.rt.com/news/").
    let mut addresses: Vec<usize> = (0..headers.len())
        .filter(|&i| columns[i].role == ColumnRole::Domain)
        .collect();
    addresses.extend((0..headers.len()).filter(|&i| {
        columns[i].role == ColumnRole::Ignore && {
            let words = header_words(&headers[i]);
            has_word(&words, ADDRESS_WORDS)
        }
    }));
    let has = |role: ColumnRole| columns.iter().any(|c| c.role == role);
    if !has(ColumnRole::Name) && !has(ColumnRole::Domain) {
        return Err(Error::Invalid(format!(
            "no column names the outlets: none of {} reads as an outlet's name or web domain. \
             Say which does with --map COLUMN=name or --map COLUMN=domain (in the app, choose the \
             column's role)",
            headers.join(", ")
        )));
    }
    if !columns.iter().any(|c| c.role.is_rating()) {
        return Err(Error::Invalid(format!(
            "no column holds ratings: none of {} reads as a rating. Say which does with \
             --map COLUMN=reliability (a rating of reliability or factuality) or \
             --map COLUMN=rating (any other, such as bias)",
            headers.join(", ")
        )));
    }
    let at = |role: ColumnRole| columns.iter().position(|c| c.role == role);
    let (name_at, domain_at, link_at) = (
        at(ColumnRole::Name),
        at(ColumnRole::Domain),
        at(ColumnRole::Link),
    );
    let mut entries = Vec::with_capacity(rows.len());
    for (line, row) in &rows {
        let cell = |i: Option<usize>| {
            i.and_then(|i| row.get(i))
                .filter(|v| !v.is_empty())
                .cloned()
        };
        let name = cell(name_at);
        let domain = addresses
            .iter()
            .find_map(|&i| cell(Some(i)).and_then(|d| crate::text::web_address(&d)));
        if name.is_none() && domain.is_none() {
            skipped.push(format!(
                "line {line}: no outlet name or domain{}",
                match cell(domain_at) {
                    Some(d) => format!(" ({d:?} is no web address)"),
                    None => String::new(),
                }
            ));
            continue;
        }
        let ratings: BTreeMap<String, String> = columns
            .iter()
            .enumerate()
            .filter(|(_, c)| c.role.is_rating())
            .filter_map(|(i, c)| Some((c.name.clone(), row.get(i)?.clone())))
            .collect();
        let name_key = name
            .as_deref()
            .map(crate::analysis::sources::name_key)
            .filter(|k| !k.is_empty());
        let site_key = domain.as_deref().and_then(crate::import::site_label);
        let parent = domain
            .as_deref()
            .and_then(|d| d.split_once('.'))
            .map(|(_, rest)| rest.to_string())
            .filter(|rest| rest.contains('.'));
        entries.push(NewReferenceEntry {
            line: *line,
            name,
            domain,
            link: cell(link_at),
            name_key,
            site_key,
            parent,
            ratings,
        });
    }
    let conflicting = conflicts(&entries);
    Ok(ParsedList {
        list: NewReferenceList {
            name: name.trim().to_string(),
            columns,
            entries,
            ..NewReferenceList::default()
        },
        skipped,
        conflicting,
    })
}

/// The names of a list's columns, as its header row gives them (empty for a file with no
/// header): what the import dialog offers roles for even when the list cannot be read yet.
pub fn column_names(text: &str) -> Vec<String> {
    let text = text.trim_start_matches('\u{feff}');
    let Some(header) = text.lines().find(|l| !l.trim().is_empty()) else {
        return Vec::new();
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter_of(header))
        .has_headers(false)
        .flexible(true)
        .from_reader(header.as_bytes())
        .records()
        .next()
        .and_then(std::result::Result::ok)
        .map(|r| r.iter().map(|h| h.trim().to_string()).collect())
        .unwrap_or_default()
}

/// Tab where the header has tabs, else semicolon where it has more of them than commas, else comma.
fn delimiter_of(header: &str) -> u8 {
    if header.contains('\t') {
        b'\t'
    } else if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    }
}

/// Words in a header that say its column holds web addresses.
const ADDRESS_WORDS: &[&str] = &[
    "url", "domain", "website", "site", "host", "homepage", "web", "address",
];

/// A header's words, lower case: "source_url_normalized" is "source url normalized".
fn header_words(header: &str) -> String {
    header
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                ' '
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn has_word(words: &str, any: &[&str]) -> bool {
    words.split(' ').any(|w| {
        any.iter()
            .any(|a| w == *a || (a.len() >= 5 && w.starts_with(a)))
    })
}

/// Each column's role: the analyst's where given; else by its name and values.
fn recognise(
    headers: &[String],
    rows: &[(i64, Vec<String>)],
    given: &[(String, ColumnRole)],
) -> Vec<ReferenceColumn> {
    let values = |i: usize| {
        rows.iter()
            .filter_map(move |(_, r)| r.get(i))
            .filter(|v| !v.is_empty())
    };
    // The role the analyst gave each column, if any.
    let given: Vec<Option<ColumnRole>> = headers
        .iter()
        .map(|header| {
            given
                .iter()
                .find(|(c, _)| c.trim().eq_ignore_ascii_case(header))
                .map(|(_, r)| *r)
        })
        .collect();
    let by_hand = |i: usize| given[i].is_some();
    let mut columns: Vec<ReferenceColumn> = Vec::with_capacity(headers.len());
    for (i, header) in headers.iter().enumerate() {
        let role = given[i].unwrap_or_else(|| role_of(header, values(i)));
        columns.push(ReferenceColumn {
            name: header.clone(),
            role,
            scale: None,
        });
    }
    // One column names the outlets' domains: the one whose name says "domain" or "normalized"
    // (a list giving both an address and its domain), else the first; the others are not kept.
    let domains: Vec<usize> = (0..columns.len())
        .filter(|&i| columns[i].role == ColumnRole::Domain)
        .collect();
    if domains.len() > 1 {
        let keep = domains
            .iter()
            .copied()
            .find(|&i| by_hand(i))
            .or_else(|| {
                domains.iter().copied().find(|&i| {
                    has_word(
                        &header_words(&headers[i]),
                        &["domain", "normalized", "normalised", "host"],
                    )
                })
            })
            .unwrap_or(domains[0]);
        for i in domains {
            if i != keep && !by_hand(i) {
                columns[i].role = ColumnRole::Ignore;
            }
        }
    }
    // Likewise one column of names and one of links.
    for role in [ColumnRole::Name, ColumnRole::Link] {
        let mut seen = false;
        for (i, c) in columns.iter_mut().enumerate() {
            if c.role == role {
                if seen && !by_hand(i) {
                    c.role = ColumnRole::Ignore;
                }
                seen = true;
            }
        }
    }
    // A reliability column of numbers is read on the scale its highest value says.
    for (i, c) in columns.iter_mut().enumerate() {
        if c.role != ColumnRole::Reliability {
            continue;
        }
        let numbers: Vec<f64> = values(i).filter_map(|v| v.parse::<f64>().ok()).collect();
        if !numbers.is_empty() && numbers.len() * 10 >= values(i).count() * 9 {
            let top = numbers.iter().copied().fold(0.0_f64, f64::max);
            c.scale = [1, 5, 10, 100].into_iter().find(|s| top <= f64::from(*s));
        }
    }
    columns
}

/// What a column holds, by its name, then by its values.
fn role_of<'a>(header: &str, values: impl Iterator<Item = &'a String> + Clone) -> ColumnRole {
    let words = header_words(header);
    let addresses = values
        .clone()
        .filter(|v| crate::text::web_address(v).is_some())
        .count();
    let total = values.clone().count().max(1);
    let mostly_addresses = addresses * 10 >= total * 8;
    // A column of addresses that all lie on one site is the rater's own pages about each
    // outlet (mediabiasfactcheck.com/fox-news), not the outlets' sites.
    if mostly_addresses {
        let mut sites: HashMap<String, usize> = HashMap::new();
        for v in values.clone() {
            if let Some(h) = crate::text::web_address(v) {
                let site = crate::import::site_label(&h).unwrap_or(h);
                *sites.entry(site).or_default() += 1;
            }
        }
        let top = sites.values().copied().max().unwrap_or(0);
        if total >= 3 && top * 10 >= total * 9 {
            return ColumnRole::Link;
        }
    }
    if has_word(
        &words,
        &[
            "ref",
            "reference",
            "link",
            "review",
            "profile",
            "page",
            "details",
        ],
    ) {
        return ColumnRole::Link;
    }
    if has_word(&words, ADDRESS_WORDS) && !has_word(&words, &["name", "title"]) {
        return ColumnRole::Domain;
    }
    if has_word(
        &words,
        &[
            "name",
            "outlet",
            "source",
            "publisher",
            "publication",
            "media",
            "newspaper",
            "organization",
            "organisation",
            "brand",
            "channel",
            "title",
        ],
    ) {
        return if mostly_addresses {
            ColumnRole::Domain
        } else {
            ColumnRole::Name
        };
    }
    if mostly_addresses {
        return ColumnRole::Domain;
    }
    let leaning = has_word(
        &words,
        &[
            "bias",
            "lean",
            "leaning",
            "slant",
            "political",
            "politics",
            "partisan",
            "ideology",
        ],
    );
    if !leaning
        && has_word(
            &words,
            &[
                "fact",
                "facts",
                "factual",
                "factuality",
                "reliability",
                "reliable",
                "credibility",
                "credible",
                "trust",
                "trustworthiness",
                "accuracy",
                "rating",
                "score",
                "grade",
                "quality",
                "verdict",
                "label",
            ],
        )
    {
        return ColumnRole::Reliability;
    }
    if leaning {
        return ColumnRole::Rating;
    }
    // A column of few distinct values is a published rating of some kind; one whose values all
    // read as reliability ("high", "low") is that.
    let mut distinct: HashMap<String, usize> = HashMap::new();
    for v in values.clone() {
        *distinct.entry(v.to_lowercase()).or_default() += 1;
    }
    if distinct.is_empty() {
        return ColumnRole::Ignore;
    }
    if distinct.keys().all(|v| band_of(v, None) != Band::Unknown) {
        return ColumnRole::Reliability;
    }
    if distinct.len() <= 20 && distinct.len() * 2 <= total {
        return ColumnRole::Rating;
    }
    ColumnRole::Ignore
}

/// Outlets given more than once with different values, by domain, else by name.
fn conflicts(entries: &[NewReferenceEntry]) -> Vec<String> {
    let mut by_key: BTreeMap<String, Vec<&NewReferenceEntry>> = BTreeMap::new();
    for e in entries {
        let key = e
            .domain
            .clone()
            .or_else(|| e.name_key.clone())
            .unwrap_or_default();
        by_key.entry(key).or_default().push(e);
    }
    by_key
        .into_iter()
        .filter(|(k, rows)| !k.is_empty() && rows.iter().any(|r| r.ratings != rows[0].ratings))
        .map(|(_, rows)| {
            let lines: Vec<String> = rows.iter().map(|r| r.line.to_string()).collect();
            let label = rows[0]
                .domain
                .clone()
                .or_else(|| rows[0].name.clone())
                .unwrap_or_default();
            format!("{label} (lines {})", lines.join(", "))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(list: &ParsedList, column: &str) -> ColumnRole {
        list.list
            .columns
            .iter()
            .find(|c| c.name == column)
            .map_or(ColumnRole::Ignore, |c| c.role)
    }

    #[test]
    fn a_list_of_addresses_with_the_raters_pages_and_two_ratings_reads_each_column_for_what_it_is()
    {
        let text = "source_url\tsource_url_normalized\tref\tfact\tbias\n\
                    http://www.example-daily.com/\texample-daily.com\thttps://rater.example/example-daily/\thigh\tleft\n\
                    https://news.other-wire.org/\tnews.other-wire.org\thttps://rater.example/other-wire/\tlow\tright\n\
                    http://third.example.net/\tthird.example.net\thttps://rater.example/third/\tmixed\tcenter\n";
        let list = parse_list(text, "Rater", &[]).expect("reads");
        assert_eq!(role(&list, "source_url"), ColumnRole::Ignore);
        assert_eq!(role(&list, "source_url_normalized"), ColumnRole::Domain);
        assert_eq!(role(&list, "ref"), ColumnRole::Link);
        assert_eq!(role(&list, "fact"), ColumnRole::Reliability);
        assert_eq!(role(&list, "bias"), ColumnRole::Rating);
        let first = &list.list.entries[0];
        assert_eq!(first.domain.as_deref(), Some("example-daily.com"));
        assert_eq!(first.site_key.as_deref(), Some("exampledaily"));
        assert_eq!(first.ratings.get("fact").map(String::as_str), Some("high"));
        assert_eq!(first.line, 2);
        assert_eq!(
            list.list.entries[1].parent.as_deref(),
            Some("other-wire.org")
        );
        let odd = parse_list(
            "source_url\tsource_url_normalized\tfact\nhttps://www.example.com/news/\texample.com-news\tlow\n",
            "Rater",
            &[],
        )
        .expect("reads");
        assert_eq!(
            odd.list.entries[0].domain.as_deref(),
            Some("example.com"),
            "a domain cell that is no address is read from the address beside it"
        );
    }

    #[test]
    fn names_and_a_numeric_score_in_a_comma_separated_file() {
        let text = "Outlet,Website,Score,Notes\n\
                    The Example Daily,exampledaily.com,87.5,long free text one\n\
                    Other Wire,,42,long free text two\n\
                    ,,,\n\
                    ,,12,no outlet\n";
        let list = parse_list(text, "Scores", &[]).expect("reads");
        assert_eq!(role(&list, "Outlet"), ColumnRole::Name);
        assert_eq!(role(&list, "Website"), ColumnRole::Domain);
        assert_eq!(role(&list, "Score"), ColumnRole::Reliability);
        let score = list.list.columns.iter().find(|c| c.name == "Score");
        assert_eq!(score.and_then(|c| c.scale), Some(100));
        assert_eq!(list.list.entries.len(), 2);
        assert_eq!(
            list.list.entries[0].name_key.as_deref(),
            Some("example daily")
        );
        assert_eq!(list.skipped.len(), 1, "{:?}", list.skipped);
    }

    #[test]
    fn a_file_that_names_no_outlet_an_empty_file_and_an_unknown_mapped_column_are_refused() {
        let no_outlet = parse_list("fact,bias\nhigh,left\n", "R", &[]).unwrap_err();
        assert!(
            no_outlet.to_string().contains("--map COLUMN=name"),
            "{no_outlet}"
        );
        let empty = parse_list("\n\n", "R", &[]).unwrap_err();
        assert!(empty.to_string().contains("empty"), "{empty}");
        let header_only = parse_list("domain,fact\n", "R", &[]).unwrap_err();
        assert!(header_only.to_string().contains("no rows"), "{header_only}");
        let unknown = parse_list(
            "domain,fact\na.com,high\n",
            "R",
            &[("rank".into(), ColumnRole::Rating)],
        )
        .unwrap_err();
        assert!(
            unknown.to_string().contains("no column \"rank\""),
            "{unknown}"
        );
    }

    #[test]
    fn a_hand_mapped_role_wins_and_duplicated_outlets_with_different_values_are_conflicting() {
        let text =
            "site;verdict;kind\na.example.com;green;x\nb.example.com;red;y\na.example.com;red;x\n";
        let list = parse_list(
            text,
            "R",
            &[
                ("kind".into(), ColumnRole::Ignore),
                ("site".into(), ColumnRole::Domain),
            ],
        )
        .expect("reads");
        assert_eq!(role(&list, "kind"), ColumnRole::Ignore);
        assert_eq!(role(&list, "verdict"), ColumnRole::Reliability);
        assert_eq!(list.list.entries.len(), 3);
        assert_eq!(
            list.conflicting,
            vec!["a.example.com (lines 2, 4)".to_string()]
        );
    }
}
