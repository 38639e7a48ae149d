//! The Corroboration tab: for each report, the credibility its corroboration suggests and why,
//! beside the analysts' current marks, with Accept suggestion or another grade to record a mark.

use egui::RichText;

use super::columns::COLUMN_WIDTH;
use super::missing::missing_list;
use crate::app::command::{Command, Written};
use crate::app::context::ViewContext;
use crate::app::widgets::plural;
use triangulate_core::compare::corroboration::Corroboration;
use triangulate_core::compare::missing::MissingFacts;
use triangulate_core::compare::{Comparison, Report};
use triangulate_core::model::Id;

/// The Corroboration tab's choices.
#[derive(Default)]
pub(super) struct CorroborationState {
    /// The report whose suggestion is shown (by article).
    selected: Option<Id>,
    /// The grade chosen instead of the suggestion.
    other: Option<u8>,
}

/// A credibility mark the analyst asked for in the Corroboration tab.
struct NewMark {
    article: Id,
    outlet: String,
    credibility: u8,
    note: String,
}

impl NewMark {
    /// Appends the mark, by `analyst`, through the app's write path (refused on a read-only
    /// library); the grade chosen is cleared once it is recorded.
    fn record(self, analyst: String) -> Command {
        Command::edit("record the credibility mark", move |l| {
            l.add_assessment(self.article, &analyst, self.credibility, &self.note)?;
            Ok(Written::done()
                .say(format!(
                    "Marked the report of {} {} ({}) by {analyst}.",
                    self.outlet,
                    self.credibility,
                    triangulate_core::ratings::credibility_meaning(self.credibility)
                        .unwrap_or_default()
                ))
                .then_update(|v| v.compare.corroboration.other = None))
        })
    }
}

/// A credibility mark with its meaning: "1 (confirmed by other sources)".
fn mark_text(mark: u8) -> String {
    format!(
        "{mark} ({})",
        triangulate_core::ratings::credibility_meaning(mark).unwrap_or("not a mark")
    )
}

/// The Corroboration tab: the reports as a list, and for the one chosen its suggestion, why,
/// the analysts' current marks, the ways to record a mark, and the facts it leaves out.
pub(super) fn show(
    ui: &mut egui::Ui,
    comparison: &Comparison,
    state: &mut CorroborationState,
    ctx: &mut ViewContext,
) {
    let items = &comparison.corroboration;
    let suggested = items.iter().filter(|c| c.suggested.is_some()).count();
    ui.label(
        RichText::new(format!(
            "{} of {} suggested credibility 1 (confirmed by other sources): a figure two independent sources give. Copies of one text, reports of one outlet and reports citing one origin count once. Nothing is recorded until you accept a suggestion or choose a grade; the analysts' marks are never changed.",
            plural(suggested, "report"),
            items.len()
        ))
        .weak(),
    );
    ui.add_space(4.0);
    if !state
        .selected
        .is_some_and(|id| items.iter().any(|c| c.article_id == id))
    {
        state.selected = items
            .iter()
            .find(|c| c.suggested.is_some())
            .or(items.first())
            .map(|c| c.article_id);
        state.other = None;
    }
    let report_of = |id: Id| comparison.reports.iter().find(|r| r.article_id == id);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(COLUMN_WIDTH + 40.0);
            ui.strong("Reports");
            egui::ScrollArea::vertical()
                .id_salt("corroboration-reports")
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    for c in items {
                        let headline = report_of(c.article_id)
                            .map(|r| r.headline.as_str())
                            .unwrap_or_default();
                        let chosen = state.selected == Some(c.article_id);
                        if ui
                            .selectable_label(chosen, format!("{}: {headline}", c.outlet))
                            .clicked()
                            && !chosen
                        {
                            state.selected = Some(c.article_id);
                            state.other = None;
                        }
                        let mut summary = match c.suggested {
                            Some(m) => format!("suggests {m}"),
                            None => "no suggestion".to_string(),
                        };
                        for a in &c.assessments {
                            summary.push_str(&format!(" · {} marked {}", a.analyst, a.credibility));
                        }
                        ui.label(RichText::new(summary).small().weak());
                        ui.add_space(4.0);
                    }
                });
        });
        ui.separator();
        ui.vertical(|ui| {
            let Some(c) = state
                .selected
                .and_then(|id| items.iter().find(|c| c.article_id == id))
            else {
                return;
            };
            let missing = comparison
                .missing_facts
                .iter()
                .find(|m| m.article_id == c.article_id);
            egui::ScrollArea::vertical()
                .id_salt("corroboration-detail")
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    corroboration_detail(ui, c, report_of(c.article_id), missing, state, ctx);
                });
        });
    });
}

/// Why the suggestion is what it is, a figure at a time: who gives it independently, and each
/// report that gives it too but does not count, with the reason (the same words as the
/// explanation recorded with an accepted mark, set out as a list).
fn corroboration_figures(ui: &mut egui::Ui, c: &Corroboration) {
    if c.figures.is_empty() {
        ui.label(&c.explanation);
        return;
    }
    for f in &c.figures {
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(&f.fact).strong());
            let names: Vec<String> = f
                .sources
                .iter()
                .map(|s| {
                    if s.article_id == c.article_id {
                        format!("{} (this report)", s.outlet)
                    } else {
                        s.outlet.clone()
                    }
                })
                .collect();
            let n = f.sources.len();
            if f.confirmed {
                ui.label(
                    RichText::new(format!(
                        "confirmed by {n} independent sources: {}",
                        names.join(", ")
                    ))
                    .color(ui.visuals().hyperlink_color),
                );
            } else if n == 1 && f.not_counted.is_empty() {
                ui.label(RichText::new("no other report gives it").weak());
            } else {
                ui.label(RichText::new(format!("one source only: {}", names.join(", "))).weak());
            }
        });
        for d in &f.not_counted {
            ui.horizontal_wrapped(|ui| {
                ui.add_space(16.0);
                ui.label(RichText::new(format!("· {}", d.reason)).weak());
            });
        }
    }
    if !c.places.is_empty() {
        ui.label(
            RichText::new(format!(
                "Independent reports name {} too; a shared place alone confirms nothing.",
                c.places.join(" and ")
            ))
            .weak(),
        );
    }
}

fn corroboration_detail(
    ui: &mut egui::Ui,
    c: &Corroboration,
    report: Option<&Report>,
    missing: Option<&MissingFacts>,
    state: &mut CorroborationState,
    ctx: &mut ViewContext,
) {
    let analyst = ctx.analyst.trim().to_string();
    ui.label(RichText::new(&c.outlet).heading().strong());
    if let Some(report) = report {
        ui.label(RichText::new(&report.headline).italics());
    }
    ui.add_space(6.0);
    ui.horizontal_wrapped(|ui| {
        ui.label("Suggested credibility:");
        match c.suggested {
            Some(m) => ui.label(RichText::new(mark_text(m)).strong()),
            None => ui.label(RichText::new("none").weak()),
        };
    });
    corroboration_figures(ui, c);
    ui.add_space(6.0);
    ui.strong("Analysts' current marks");
    if c.assessments.is_empty() {
        ui.label(RichText::new("No analyst has marked this report.").weak());
    }
    for a in &c.assessments {
        let response = ui.label(format!("{}: {}", a.analyst, mark_text(a.credibility)));
        let when = a
            .created_at
            .get(..16)
            .unwrap_or(&a.created_at)
            .replace('T', " ");
        if a.note.is_empty() {
            response.on_hover_text(format!("Marked {when}."));
        } else {
            response.on_hover_text(format!("Marked {when}: {}", a.note));
        }
    }
    ui.add_space(6.0);
    let who = if analyst.is_empty() {
        "you (set your analyst name in Preferences first)".to_string()
    } else {
        analyst.to_string()
    };
    let caveat = ctx
        .read_only
        .map(|why| format!(" The library is read-only ({why}): nothing can be recorded."))
        .unwrap_or_default();
    ui.horizontal(|ui| {
        let accept = ui
            .add_enabled(
                c.suggested.is_some(),
                egui::Button::new("Accept suggestion"),
            )
            .on_hover_text(format!(
                "Records credibility 1 by {who}, with the explanation as its note. Other analysts' marks stay as they are.{caveat}"
            ))
            .on_disabled_hover_text("There is no suggestion to accept: the explanation says why.");
        if accept.clicked()
            && let Some(mark) = c.suggested
        {
            let new = NewMark {
                article: c.article_id,
                outlet: c.outlet.clone(),
                credibility: mark,
                note: format!("Accepted the suggested credibility {mark}: {}", c.explanation),
            };
            ctx.send(new.record(analyst.clone()));
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label("Another grade");
        egui::ComboBox::from_id_salt("corroboration-other-grade")
            .selected_text(state.other.map(mark_text).unwrap_or_else(|| "choose…".into()))
            .width(260.0)
            .show_ui(ui, |ui| {
                for (mark, _) in triangulate_core::ratings::CREDIBILITY {
                    ui.selectable_value(&mut state.other, Some(mark), mark_text(mark));
                }
            })
            .response
            .labelled_by(label.id);
        let record = ui
            .add_enabled(state.other.is_some(), egui::Button::new("Record grade"))
            .on_hover_text(format!(
                "Records the grade chosen by {who}, with the program's explanation in its note.{caveat}"
            ))
            .on_disabled_hover_text("Choose a grade first.");
        if record.clicked()
            && let Some(mark) = state.other
        {
            let suggestion = match c.suggested {
                Some(s) => format!("the suggestion was {s}"),
                None => "there was no suggestion".to_string(),
            };
            let new = NewMark {
                article: c.article_id,
                outlet: c.outlet.clone(),
                credibility: mark,
                note: format!("Chose {mark} in Compare ({suggestion}): {}", c.explanation),
            };
            ctx.send(new.record(analyst.clone()));
        }
    });
    ui.add_space(8.0);
    ui.strong("Missing from this report");
    missing_list(ui, missing);
}
