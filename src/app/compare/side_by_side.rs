//! The Side by side tab: one column per report, one row per aspect: lead, numbers, sources cited,
//! names for the actors, loaded terms, hedges, passages and length.

use egui::RichText;

use super::columns::{COLUMN_WIDTH, cell, columns, labelled_row, none, report_heading};
use triangulate_core::compare::{Comparison, GENERIC, Report};

/// Each distinct value with how often it occurs, in the order first seen.
fn counted<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut out: Vec<(&str, usize)> = Vec::new();
    for v in values {
        match out.iter_mut().find(|(w, _)| w.eq_ignore_ascii_case(v)) {
            Some((_, n)) => *n += 1,
            None => out.push((v, 1)),
        }
    }
    out
}

fn times(n: usize) -> String {
    if n > 1 {
        format!(" ×{n}")
    } else {
        String::new()
    }
}
/// Draws the tab.
pub(super) fn show(ui: &mut egui::Ui, comparison: &Comparison) {
    type Aspect = (&'static str, &'static str, fn(&mut egui::Ui, &Report));
    let aspects: [Aspect; 8] = [
        (
            "Lead",
            "The first paragraph of at least a dozen words.",
            |ui, r| {
                ui.label(r.lead_text());
            },
        ),
        (
            "Numbers",
            "Each figure the report claims, what it counts and what kind of figure it is.",
            numbers_cell,
        ),
        (
            "Sources cited",
            "Whom the report attributes its claims to.",
            sources_cell,
        ),
        (
            "Names for the actors",
            "What the report calls each side, by actor; labels that name nobody in particular on their own line.",
            names_cell,
        ),
        (
            "Loaded terms",
            "Words that judge rather than describe, and euphemisms that soften.",
            loaded_cell,
        ),
        (
            "Hedges",
            "Words that distance the outlet from a claim.",
            hedges_cell,
        ),
        (
            "Passages",
            "Sentences other reports carry too, and those this report carries alone (see Texts).",
            passages_cell,
        ),
        ("Words", "Length of the cleaned text.", |ui, r| {
            ui.label(r.word_count.to_string());
        }),
    ];
    columns(
        ui,
        "compare-side-by-side",
        |ui| {
            labelled_row(
                ui,
                0,
                |_| {},
                |ui| {
                    for report in &comparison.reports {
                        cell(ui, COLUMN_WIDTH, |ui| report_heading(ui, report));
                    }
                },
            );
        },
        |ui| {
            for (n, (name, hint, draw)) in aspects.into_iter().enumerate() {
                labelled_row(
                    ui,
                    n + 1,
                    |ui| {
                        ui.strong(name).on_hover_text(hint);
                    },
                    |ui| {
                        for report in &comparison.reports {
                            cell(ui, COLUMN_WIDTH, |ui| draw(ui, report));
                        }
                    },
                );
            }
        },
    );
}

fn numbers_cell(ui: &mut egui::Ui, report: &Report) {
    if report.claims.is_empty() {
        return none(ui);
    }
    for claim in &report.claims {
        let what = claim.what.as_deref().unwrap_or_default();
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(RichText::new(claim.number_text()).strong());
            if !what.is_empty() {
                ui.label(what);
            }
            ui.label(RichText::new(format!("· {}", claim.kind.label())).weak());
            if claim.is_total() {
                ui.label(RichText::new("· total").weak().italics());
            }
        })
        .response
        .on_hover_text(if claim.is_total() {
            format!(
                "“{}”\nA total over a period or the war, not this incident's figure: it is \
                 not compared with the other reports' figures.",
                claim.text
            )
        } else {
            format!("“{}”", claim.text)
        });
    }
}

fn sources_cell(ui: &mut egui::Ui, report: &Report) {
    if report.attributions.is_empty() {
        ui.label(RichText::new("no one named").weak())
            .on_hover_text(
                "The report attributes none of its claims: it states them on its own authority.",
            );
        return;
    }
    let shown: Vec<String> = report.attributions.iter().map(|a| a.shown()).collect();
    for (source, n) in counted(shown.iter().map(String::as_str)) {
        ui.label(format!("•  {source}{}", times(n)));
    }
}

fn names_cell(ui: &mut egui::Ui, report: &Report) {
    if report.actor_names.is_empty() {
        return none(ui);
    }
    let mut groups: Vec<&str> = Vec::new();
    for n in &report.actor_names {
        if n.group != GENERIC && !groups.contains(&n.group.as_str()) {
            groups.push(&n.group);
        }
    }
    // The names one group goes by in this report: "Daesh ×3, ISIS".
    let names_of = |group: &str| -> Vec<String> {
        report
            .actor_names
            .iter()
            .filter(|n| n.group == group)
            .map(|n| format!("{}{}", n.name, times(n.count)))
            .collect()
    };
    for group in groups {
        let names = names_of(group);
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(RichText::new(format!("{group}:")).weak());
            ui.label(names.join(", "));
        });
    }
    let generic = names_of(GENERIC);
    if !generic.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.spacing_mut().item_spacing.x = 4.0;
            ui.label(RichText::new("labels:").weak()).on_hover_text(
                "Words that name no particular group: terrorists, militants, fighters.",
            );
            ui.label(RichText::new(generic.join(", ")).italics());
        });
    }
}

fn loaded_cell(ui: &mut egui::Ui, report: &Report) {
    if report.loaded_terms.is_empty() {
        return none(ui);
    }
    let mut seen: Vec<(&str, String, usize)> = Vec::new();
    for t in &report.loaded_terms {
        match seen
            .iter_mut()
            .find(|(w, _, _)| w.eq_ignore_ascii_case(&t.text))
        {
            Some((_, _, n)) => *n += 1,
            None => seen.push((&t.text, t.category.label().to_string(), 1)),
        }
    }
    ui.horizontal_wrapped(|ui| {
        for (i, (text, category, n)) in seen.iter().enumerate() {
            let sep = if i + 1 < seen.len() { "," } else { "" };
            if category == "euphemism" {
                ui.label(
                    RichText::new(format!("“{text}”{} (euphemism){sep}", times(*n))).italics(),
                )
                .on_hover_text("A euphemism: a word that softens what happened.");
            } else {
                ui.label(format!("“{text}”{}{sep}", times(*n)))
                    .on_hover_text(format!("A {category} word."));
            }
        }
    });
}

fn hedges_cell(ui: &mut egui::Ui, report: &Report) {
    if report.hedges.is_empty() {
        return none(ui);
    }
    let words: Vec<String> = counted(report.hedges.iter().map(|h| h.text.as_str()))
        .into_iter()
        .map(|(w, n)| format!("“{w}”{}", times(n)))
        .collect();
    ui.label(words.join(", "));
}

fn passages_cell(ui: &mut egui::Ui, report: &Report) {
    ui.label(format!(
        "{} shared with others, {} only here",
        report.shared_passages.len(),
        report.unique_passages.len()
    ));
}
