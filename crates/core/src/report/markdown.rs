//! The report as Markdown: the same content as the HTML page, as tables and quotes. Text from
//! articles is escaped so that it shows as written and cannot make links, emphasis, headings or
//! HTML: the characters that start emphasis, code, links, headings, strike-through and table
//! cells get a backslash (a link needs `[`, so `(` can stay), `<` `>` `&` become entities, and
//! line breaks inside a table cell become spaces.
//!
//! A passage a note marks is shown in **bold** among the words around it: Markdown has no
//! standard highlight (`==…==` and `<mark>` are extensions that many readers show as written),
//! and bold reads as emphasis everywhere. The escaping above keeps a `*` in the text from ending
//! it early. CommonMark takes `**` between a letter and punctuation as literal asterisks, so where
//! a passage begins or ends with punctuation inside a word (`word**"quote**`), a space is set
//! between; everywhere else the text around the passage is as written.

use std::fmt::Write;

use super::{
    NotedPassage, PassageFound, ReportDocument, ReportNote, fact_shown, missing_groups,
    readable_time, title,
};
use crate::compare::{GENERIC, Report};

/// Escapes text for Markdown outside code.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            _ => out.push(c),
        }
    }
    out
}

/// A row of the side-by-side table: what it shows of each report.
type Row = Box<dyn Fn(&Report) -> String>;

/// Escapes text for one table cell: as [`escape`], on one line.
fn cell(text: &str) -> String {
    escape(&text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn or_dash(items: Vec<String>) -> String {
    if items.is_empty() {
        "—".to_string()
    } else {
        items.join("; ")
    }
}

fn numbers(r: &Report) -> String {
    or_dash(r.claims.iter().map(|c| cell(&c.shown())).collect())
}

fn sources(r: &Report) -> String {
    or_dash(
        super::tally(r.attributions.iter().map(|a| a.source.as_str()))
            .into_iter()
            .map(|(s, n)| cell(&if n > 1 { format!("{s} ×{n}") } else { s }))
            .collect(),
    )
}

fn names(r: &Report) -> String {
    or_dash(
        r.actor_names
            .iter()
            .map(|n| {
                let group = if n.group == GENERIC {
                    "label"
                } else {
                    &n.group
                };
                cell(&format!("{} ×{} ({group})", n.name, n.count))
            })
            .collect(),
    )
}

fn terms(items: &[crate::compare::TermItem]) -> String {
    or_dash(items.iter().map(|t| cell(&t.text)).collect())
}

/// The report as Markdown.
pub fn render(doc: &ReportDocument) -> String {
    let c = &doc.comparison;
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = writeln!(out, "# {}\n", escape(&title(doc)));
    let i = &c.incident;
    let _ = writeln!(
        out,
        "**Date:** {} · **Place:** {} · **Reports:** {}\n",
        escape(
            &i.date
                .as_deref()
                .map(readable_time)
                .unwrap_or("unknown".into())
        ),
        escape(i.place.as_deref().unwrap_or("unknown")),
        c.reports.len()
    );
    if !i.summary.trim().is_empty() {
        let _ = writeln!(out, "{}\n", escape(i.summary.trim()));
    }
    let _ = writeln!(
        out,
        "Prepared by {} on {}.\n",
        escape(&doc.prepared_by),
        escape(&readable_time(&doc.prepared_at))
    );

    let _ = writeln!(out, "## Outlets\n");
    let _ = writeln!(
        out,
        "| Outlet | Combined grade | Analyst | Grade | Rationale |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|");
    let mut outlets: Vec<(&str, Option<&str>)> = Vec::new();
    for r in &c.reports {
        if !outlets.iter().any(|(o, _)| *o == r.outlet) {
            outlets.push((&r.outlet, r.grade.as_deref()));
        }
    }
    for (outlet, grade) in outlets {
        let ratings: Vec<_> = doc.ratings.iter().filter(|x| x.outlet == outlet).collect();
        let combined = grade.unwrap_or("not rated");
        if ratings.is_empty() {
            let _ = writeln!(out, "| {} | {} | — | — | — |", cell(outlet), combined);
        }
        for x in ratings {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(outlet),
                combined,
                cell(&x.analyst),
                cell(&x.grade),
                cell(&x.rationale)
            );
        }
    }

    let _ = writeln!(out, "\n## Side by side\n");
    let mut header = String::from("| |");
    let mut rule = String::from("|---|");
    for r in &c.reports {
        header.push_str(&format!(" {} |", cell(&r.outlet)));
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    let rows: [(&str, Row); 9] = [
        (
            "Date",
            Box::new(|r| {
                cell(
                    &r.published
                        .as_deref()
                        .map(readable_time)
                        .unwrap_or("—".into()),
                )
            }),
        ),
        ("Headline", Box::new(|r| cell(&r.headline))),
        ("Lead", Box::new(|r| cell(r.lead_text()))),
        ("Numbers", Box::new(numbers)),
        ("Sources cited", Box::new(sources)),
        ("Names for the actors", Box::new(names)),
        ("Loaded terms", Box::new(|r| terms(&r.loaded_terms))),
        ("Hedges", Box::new(|r| terms(&r.hedges))),
        ("Words", Box::new(|r| r.word_count.to_string())),
    ];
    for (label, value) in &rows {
        let mut line = format!("| **{label}** |");
        for r in &c.reports {
            line.push_str(&format!(" {} |", value(r)));
        }
        let _ = writeln!(out, "{line}");
    }

    let _ = writeln!(out, "\n## Claims\n");
    let mut header = String::from("| Fact |");
    let mut rule = String::from("|---|");
    for r in &c.reports {
        header.push_str(&format!(" {} |", cell(&r.outlet)));
        rule.push_str("---|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for row in &c.facts {
        let mark = if row.disagreement { " ≠ differs" } else { "" };
        let mut line = format!("| **{}**{mark} |", cell(&row.fact));
        for f in &row.cells {
            let mut shown = f
                .main
                .as_deref()
                .map(|m| cell(&fact_shown(&row.fact, m)))
                .unwrap_or_else(|| "—".into());
            if !f.also.is_empty() {
                shown.push_str(&format!(" (also {})", cell(&f.also.join("; "))));
            }
            line.push_str(&format!(" {shown} |"));
        }
        let _ = writeln!(out, "{line}");
    }

    let _ = writeln!(out, "\n## Passages several reports share\n");
    let mut any = false;
    for r in &c.reports {
        for p in &r.shared_passages {
            // Each shared passage once: from the first report that carries it.
            let first = c
                .reports
                .iter()
                .position(|x| x.article_id == r.article_id || p.with.contains(&x.article_id));
            if first.is_some_and(|f| c.reports[f].article_id != r.article_id) {
                continue;
            }
            any = true;
            let others: Vec<String> = c
                .reports
                .iter()
                .filter(|x| p.with.contains(&x.article_id))
                .map(|x| escape(&x.outlet))
                .collect();
            let text = r.body.get(p.start..p.end).unwrap_or_default();
            let _ = writeln!(
                out,
                "{} and {}:\n\n> {}\n",
                escape(&r.outlet),
                others.join(", "),
                cell(text)
            );
        }
    }
    if !any {
        let _ = writeln!(out, "None: no two reports carry the same passage.\n");
    }

    let _ = writeln!(out, "## What only one report says\n");
    for r in &c.reports {
        let _ = writeln!(out, "### {}\n", escape(&r.outlet));
        if r.unique_passages.is_empty() {
            let _ = writeln!(out, "Nothing: every passage is in another report too.\n");
        }
        for p in &r.unique_passages {
            let text = r.body.get(p.start..p.end).unwrap_or_default();
            let _ = writeln!(out, "> {}\n", cell(text));
        }
    }

    set_apart(&mut out, doc);
    corroboration(&mut out, doc);
    missing(&mut out, doc);
    working(&mut out, doc);

    let _ = writeln!(out, "## Provenance\n");
    let _ = writeln!(out, "| Article | Outlet | File | Imported | Content hash |");
    let _ = writeln!(out, "|---|---|---|---|---|");
    for (r, p) in c.reports.iter().zip(&doc.provenance) {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            p.article_id,
            cell(&r.outlet),
            cell(&p.source_path),
            cell(&readable_time(&p.imported_at)),
            cell(&p.content_hash)
        );
    }
    out
}

/// What the import set apart from each report, with why; nothing when it set apart nothing.
fn set_apart(out: &mut String, doc: &ReportDocument) {
    let reports = &doc.comparison.reports;
    if reports.iter().all(|r| r.set_apart.is_empty()) {
        return;
    }
    let _ = writeln!(out, "## Set apart at import\n");
    let _ = writeln!(
        out,
        "Not the reports' own text (captions, credits, date lines, widgets, stories appended): \
         nothing in them is counted above.\n"
    );
    for r in reports.iter().filter(|r| !r.set_apart.is_empty()) {
        let _ = writeln!(out, "### {}\n", escape(&r.outlet));
        for item in &r.set_apart {
            let _ = writeln!(out, "- **{}**: {}", escape(&item.why()), cell(&item.text));
        }
        let _ = writeln!(out);
    }
}

/// "1 (confirmed by other sources)".
fn mark_text(mark: u8) -> String {
    format!(
        "{mark} ({})",
        crate::ratings::credibility_meaning(mark).unwrap_or("unknown mark")
    )
}

/// The suggested credibility of each report, why, and the analysts' current marks.
fn corroboration(out: &mut String, doc: &ReportDocument) {
    let c = &doc.comparison;
    let _ = writeln!(out, "## Corroboration\n");
    let _ = writeln!(
        out,
        "The information credibility the program suggests for each report (1: confirmed by other \
         sources, when two independent sources give the same figure; copies of one text, reports \
         of one outlet and reports citing one origin count once), and each analyst's current \
         mark. A suggestion is recorded only when an analyst accepts it.\n"
    );
    let _ = writeln!(out, "| Report | Suggested | Why | Analysts' marks |");
    let _ = writeln!(out, "|---|---|---|---|");
    for s in &c.corroboration {
        let suggested = s.suggested.map(mark_text).unwrap_or_else(|| "none".into());
        let marks: Vec<String> = s
            .assessments
            .iter()
            .map(|a| cell(&format!("{}: {}", a.analyst, mark_text(a.credibility))))
            .collect();
        let _ = writeln!(
            out,
            "| {} (article {}) | {} | {} | {} |",
            cell(&s.outlet),
            s.article_id,
            cell(&suggested),
            cell(&s.explanation),
            or_dash(marks)
        );
    }
    let _ = writeln!(out);
}

/// For each report, the facts the others carry and it does not.
fn missing(out: &mut String, doc: &ReportDocument) {
    let _ = writeln!(out, "## Facts missing from each report\n");
    for m in &doc.comparison.missing_facts {
        let _ = writeln!(
            out,
            "### {} (article {})\n",
            escape(&m.outlet),
            m.article_id
        );
        if m.facts.is_empty() {
            let _ = writeln!(
                out,
                "Nothing: every figure, actor, place and source the others give is here too.\n"
            );
            continue;
        }
        let _ = writeln!(
            out,
            "| Kind | This report gives instead | Fact | Carried by |"
        );
        let _ = writeln!(out, "|---|---|---|---|");
        // Kind and what the report gives instead are written once for each group of facts.
        for g in missing_groups(&m.facts) {
            for (i, f) in g.facts.iter().enumerate() {
                let by: Vec<String> = f.carried_by.iter().map(|s| s.outlet.clone()).collect();
                let (kind, instead) = if i == 0 {
                    (
                        g.kind.to_string(),
                        g.instead.map(cell).unwrap_or_else(|| "nothing".into()),
                    )
                } else {
                    (String::new(), String::new())
                };
                let _ = writeln!(
                    out,
                    "| {kind} | {instead} | {} | {} |",
                    cell(&f.fact),
                    cell(&by.join(", ")),
                );
            }
        }
        let _ = writeln!(out);
    }
}

/// The analysts' tags and notes on the incident, its reports and their outlets; nothing when
/// none of them carries any.
fn working(out: &mut String, doc: &ReportDocument) {
    let w = &doc.working;
    if w.is_empty() {
        return;
    }
    let _ = writeln!(out, "## Notes and tags\n");
    let _ = writeln!(
        out,
        "The analysts' tags and notes on the incident, on its reports and on their outlets, as \
         the library held them when this report was prepared. A note on a passage shows it in \
         bold among the words around it in the article.\n"
    );
    for a in w.all() {
        let _ = writeln!(out, "### {}\n", super::annotated_heading(doc, a, cell));
        if !a.tags.is_empty() {
            let tags: Vec<String> = a.tags.iter().map(|t| cell(t)).collect();
            let _ = writeln!(out, "Tags: {}\n", tags.join(", "));
        }
        for n in &a.notes {
            note(out, n);
        }
    }
}

/// One note as a list item: who wrote it and when, what it says, and the passage it marks.
fn note(out: &mut String, n: &ReportNote) {
    let edited = n
        .edited_at
        .as_deref()
        .map(|e| format!(" (edited {})", cell(&readable_time(e))))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "- **{}**, {}{edited}: {}",
        cell(&n.author),
        cell(&readable_time(&n.created_at)),
        cell(&n.text)
    );
    if let Some(p) = &n.passage {
        let _ = writeln!(out, "\n  > {}", passage(p));
    }
    let _ = writeln!(out);
}

/// A noted passage in bold among the words around it, on one line.
fn passage(p: &NotedPassage) -> String {
    let marked = cell(&p.text);
    if p.found == PassageFound::NotFound {
        return if marked.is_empty() {
            "(on a passage no longer found in the article's text)".to_string()
        } else {
            format!("**{marked}** (a passage no longer found in the article's text)")
        };
    }
    let (before, after) = (cell(&p.before), cell(&p.after));
    let space_before =
        p.before.ends_with(char::is_whitespace) || p.text.starts_with(char::is_whitespace);
    let space_after =
        p.after.starts_with(char::is_whitespace) || p.text.ends_with(char::is_whitespace);
    let mut line = String::new();
    if p.more_before {
        line.push_str("… ");
    }
    line.push_str(&before);
    if marked.is_empty() {
        if !before.is_empty() && !after.is_empty() && (space_before || space_after) {
            line.push(' ');
        }
    } else {
        // CommonMark opens `**` before punctuation only after a space or punctuation, and closes
        // it after punctuation only before one.
        if !before.is_empty()
            && (space_before
                || (starts_with_punctuation(&marked) && !ends_with_punctuation(&before)))
        {
            line.push(' ');
        }
        line.push_str("**");
        line.push_str(&marked);
        line.push_str("**");
        if !after.is_empty()
            && (space_after || (ends_with_punctuation(&marked) && !starts_with_punctuation(&after)))
        {
            line.push(' ');
        }
    }
    line.push_str(&after);
    if p.more_after {
        line.push_str(" …");
    }
    if p.found == PassageFound::Quote {
        line.push_str(" (found by its words: the place stored with the note no longer holds them)");
    }
    line.trim().to_string()
}

/// Whether a character counts as punctuation for emphasis: anything neither a letter, a digit
/// nor a space (a little wider than CommonMark's, so a space is set where in doubt).
fn is_punctuation(c: char) -> bool {
    !c.is_alphanumeric() && !c.is_whitespace()
}

fn starts_with_punctuation(text: &str) -> bool {
    text.chars().next().is_some_and(is_punctuation)
}

fn ends_with_punctuation(text: &str) -> bool {
    text.chars().next_back().is_some_and(is_punctuation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_and_html_in_article_text_come_out_inert() {
        assert_eq!(
            escape("<script>alert(1)</script> **bold** [x](http://e.x) # h | t"),
            "&lt;script&gt;alert(1)&lt;/script&gt; \\*\\*bold\\*\\* \\[x\\](http://e.x) \\# h \\| t"
        );
    }

    fn noted(text: &str, words: &str) -> NotedPassage {
        let s = text.find(words).unwrap();
        NotedPassage::locate(text, Some((s, s + words.len())), Some(words))
    }

    #[test]
    fn a_noted_passage_is_bold_among_its_words_as_written() {
        let p = noted(
            "They said the shelling began at dawn, not at noon.",
            "began at dawn",
        );
        assert_eq!(
            passage(&p),
            "They said the shelling **began at dawn**, not at noon."
        );
    }

    #[test]
    fn bold_is_set_off_where_punctuation_would_keep_it_from_opening_or_closing() {
        let p = noted("He said\u{201c}forty\u{201d}dead.", "\u{201c}forty\u{201d}");
        assert_eq!(passage(&p), "He said **\u{201c}forty\u{201d}** dead.");
        let p = noted("The so-called *heroes* came.", "*heroes*");
        assert_eq!(passage(&p), "The so-called **\\*heroes\\*** came.");
    }
}
