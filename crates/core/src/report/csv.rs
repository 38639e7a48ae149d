//! The report as CSV: five tables, each with its header row, one after another with a blank line
//! between: the claims table (one row per fact and report), one row per report, the suggested
//! corroboration (one row per report), the facts missing from each report (one row per report
//! and fact), and the analysts' tags and notes (one row per tag and per note on the incident, a
//! report or an outlet; only the header when there are none). The csv crate quotes every field
//! that needs it, so commas, quotes and line breaks in article text stay inside their cell; the
//! free text of the notes table is written without blank lines (a note's paragraphs become
//! lines), so that a blank line is only ever the break between two tables. A cell a spreadsheet
//! would take for a formula is made inert (see [`inert`]).

use super::ReportDocument;
use crate::error::{Error, Result};

/// The report as CSV.
pub fn render(doc: &ReportDocument) -> Result<String> {
    let c = &doc.comparison;
    let mut claims = Table::new();
    let mut reports = Table::new();
    let wrap = |e: csv::Error| Error::Invalid(format!("report as CSV: {e}"));
    claims
        .row([
            "fact",
            "article_id",
            "outlet",
            "value",
            "also",
            "disagreement",
        ])
        .map_err(wrap)?;
    for row in &c.facts {
        for (r, cell) in c.reports.iter().zip(&row.cells) {
            claims
                .row([
                    row.fact.as_str(),
                    &r.article_id.to_string(),
                    &r.outlet,
                    cell.main.as_deref().unwrap_or(""),
                    &cell.also.join("; "),
                    if row.disagreement { "yes" } else { "no" },
                ])
                .map_err(wrap)?;
        }
    }
    reports
        .row([
            "article_id",
            "outlet",
            "grade",
            "published",
            "headline",
            "words",
            "claims",
            "sources",
            "actor_names",
            "loaded_terms",
            "hedges",
            "shared_passages",
            "unique_passages",
            "source_path",
            "content_hash",
        ])
        .map_err(wrap)?;
    for (n, r) in c.reports.iter().enumerate() {
        let join = |items: Vec<String>| items.join("; ");
        let provenance = doc.provenance.get(n);
        reports
            .row([
                r.article_id.to_string(),
                r.outlet.clone(),
                r.grade.clone().unwrap_or_default(),
                r.published.clone().unwrap_or_default(),
                r.headline.clone(),
                r.word_count.to_string(),
                join(
                    r.claims
                        .iter()
                        .map(|c| format!("{} {}", c.number_text(), c.kind.label()))
                        .collect(),
                ),
                join(r.attributions.iter().map(|a| a.source.clone()).collect()),
                join(
                    r.actor_names
                        .iter()
                        .map(|a| format!("{} ×{} ({})", a.name, a.count, a.group))
                        .collect(),
                ),
                join(r.loaded_terms.iter().map(|t| t.text.clone()).collect()),
                join(r.hedges.iter().map(|t| t.text.clone()).collect()),
                r.shared_passages.len().to_string(),
                r.unique_passages.len().to_string(),
                provenance
                    .map(|p| p.source_path.clone())
                    .unwrap_or_default(),
                provenance
                    .map(|p| p.content_hash.clone())
                    .unwrap_or_default(),
            ])
            .map_err(wrap)?;
    }
    let mut corroboration = Table::new();
    corroboration
        .row([
            "article_id",
            "outlet",
            "suggested_credibility",
            "explanation",
            "analysts_marks",
        ])
        .map_err(wrap)?;
    for s in &c.corroboration {
        let marks: Vec<String> = s
            .assessments
            .iter()
            .map(|a| format!("{}: {}", a.analyst, a.credibility))
            .collect();
        corroboration
            .row([
                s.article_id.to_string(),
                s.outlet.clone(),
                s.suggested.map(|m| m.to_string()).unwrap_or_default(),
                s.explanation.clone(),
                marks.join("; "),
            ])
            .map_err(wrap)?;
    }
    let mut missing = Table::new();
    missing
        .row([
            "article_id",
            "outlet",
            "missing_kind",
            "missing_fact",
            "carried_by",
            "gives_instead",
        ])
        .map_err(wrap)?;
    for m in &c.missing_facts {
        for f in &m.facts {
            let by: Vec<&str> = f.carried_by.iter().map(|s| s.outlet.as_str()).collect();
            missing
                .row([
                    m.article_id.to_string().as_str(),
                    &m.outlet,
                    f.category.label(),
                    &f.fact,
                    &by.join("; "),
                    f.instead.as_deref().unwrap_or(""),
                ])
                .map_err(wrap)?;
        }
    }
    let mut notes = Table::new();
    notes
        .row([
            "kind",
            "target_id",
            "target",
            "entry",
            "author",
            "time",
            "edited",
            "text",
            "quote",
        ])
        .map_err(wrap)?;
    for a in doc.working.all() {
        let kind = a.target.kind().word();
        let id = a.target.id().to_string();
        let label = one_block(&a.label);
        for tag in &a.tags {
            notes
                .row([kind, &id, &label, "tag", "", "", "", &one_block(tag), ""])
                .map_err(wrap)?;
        }
        for n in &a.notes {
            let (entry, quote) = match &n.passage {
                Some(p) => ("passage note", p.quote.as_deref().unwrap_or(&p.text)),
                None => ("note", ""),
            };
            notes
                .row([
                    kind,
                    &id,
                    &label,
                    entry,
                    &one_block(&n.author),
                    &n.created_at,
                    n.edited_at.as_deref().unwrap_or(""),
                    &one_block(&n.text),
                    &one_block(quote),
                ])
                .map_err(wrap)?;
        }
    }
    let mut out = Vec::new();
    for (n, table) in [claims, reports, corroboration, missing, notes]
        .into_iter()
        .enumerate()
    {
        if n > 0 {
            out.push(b'\n');
        }
        out.extend(
            table
                .0
                .into_inner()
                .map_err(|e| Error::Invalid(format!("report as CSV: {e}")))?,
        );
    }
    String::from_utf8(out).map_err(|e| Error::Invalid(format!("report as CSV: {e}")))
}

/// One table being written: every cell goes through [`inert`] on its way in.
struct Table(csv::Writer<Vec<u8>>);

impl Table {
    fn new() -> Table {
        Table(csv::Writer::from_writer(Vec::new()))
    }

    fn row<T: AsRef<str>>(&mut self, cells: impl IntoIterator<Item = T>) -> csv::Result<()> {
        self.0.write_record(
            cells
                .into_iter()
                .map(|cell| inert(cell.as_ref()).into_owned()),
        )
    }
}

/// A cell a spreadsheet will not run: text from an article or a note that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be read as a formula by Excel, LibreOffice and
/// Google Sheets when the file is opened ("CSV injection"), so it gets a leading apostrophe,
/// which those programs show as text. Numbers ("-3", "1.5") are left as they are.
pub fn inert(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// Text without blank lines: its non-blank lines, trimmed of trailing spaces, one after another.
fn one_block(text: &str) -> String {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}
