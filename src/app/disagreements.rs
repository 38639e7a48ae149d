//! The Disagreements view: the queue of outlets whose current grades by two analysts are two or
//! more steps apart, and of articles whose credibility marks are, each with both analysts'
//! grades and rationales side by side, and a form to record the resolution of the one picked.
//! Recording it never changes a rating: the resolution is its own row, and an agreed grade is a
//! new rating (or mark) of each analyst in the disagreement, their earlier ones kept. The item
//! leaves the queue until either analyst grades again.

use egui::RichText;

use super::command::{Command, Written};
use super::context::ViewContext;
use super::outlets::grade_badge;
use super::widgets::{Cached, analyst_field, empty_state, plural, read_error};
use triangulate_core::ratings::disagreement::{
    Disagreement, MIN_STEPS, NewResolution, Position, Subject, SubjectKind,
};
use triangulate_core::ratings::{CREDIBILITY, Grade};

/// What the Disagreements view remembers between frames.
#[derive(Default)]
pub struct DisagreementsViewState {
    queue: Cached<(), Vec<Disagreement>>,
    /// The item whose resolution form is open.
    selected: Option<Subject>,
    note: String,
    /// The agreed grade picked ("" for none): a letter for an outlet, a mark for an article.
    grade: String,
}

impl DisagreementsViewState {
    /// Draws the view: the queue, each item with both sides, and the picked one's resolution form.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        let library = ctx.library;
        ui.heading("Disagreements");
        ui.label(
        RichText::new(format!(
            "Outlets whose current grades by two analysts are {MIN_STEPS} or more steps apart (A–E), and articles whose credibility marks are (1–5). F and 6 (cannot be judged) are no opinion and never disagree. Recording a resolution keeps both analysts' ratings; the item comes back if either grades again and they are still apart."
        ))
        .weak(),
    );
        ui.add_space(4.0);
        let view = self;
        let queue = match view
            .queue
            .get(ctx.generation, &(), || library.disagreements())
        {
            Ok(queue) => queue,
            Err(e) => return read_error(ui, e),
        };
        if queue.is_empty() {
            view.selected = None;
            return empty_state(
                ui,
                "No disagreements waiting: no two analysts' current grades are two or more steps apart, or each such disagreement has been resolved.",
            );
        }
        if !view
            .selected
            .is_some_and(|s| queue.iter().any(|d| d.subject == s))
        {
            view.selected = queue.first().map(|d| d.subject);
            view.note.clear();
            view.grade.clear();
        }
        let outlets = queue
            .iter()
            .filter(|d| d.subject.kind == SubjectKind::Outlet)
            .count();
        ui.label(format!(
            "{} and {} to discuss",
            plural(outlets, "outlet"),
            plural(queue.len() - outlets, "article")
        ));
        let mut record = None;
        let mut picked = None;
        egui::ScrollArea::vertical()
            .id_salt("disagreements-scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for d in queue {
                    let is_selected = view.selected == Some(d.subject);
                    egui::Frame::group(ui.style()).show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        let title = match d.subject.kind {
                            SubjectKind::Outlet => format!("Outlet: {}", d.title),
                            SubjectKind::Article => {
                                format!("Article {}: {} ({})", d.subject.id, d.title, d.outlet)
                            }
                        };
                        if ui
                            .selectable_label(is_selected, RichText::new(title).strong())
                            .on_hover_text("Pick to record its resolution")
                            .clicked()
                        {
                            picked = Some(d.subject);
                        }
                        for pair in &d.pairs {
                            ui.label(
                                RichText::new(format!(
                                    "{} apart",
                                    plural(pair.steps as usize, "step")
                                ))
                                .color(ui.visuals().warn_fg_color),
                            );
                            ui.columns(2, |columns| {
                                position(&mut columns[0], d.subject.kind, &pair.a);
                                position(&mut columns[1], d.subject.kind, &pair.b);
                            });
                        }
                        if let Some(r) = &d.last_resolution {
                            ui.label(
                                RichText::new(format!(
                                    "Resolved on {} by {} (“{}”); graded again since.",
                                    r.created_at.get(..10).unwrap_or(&r.created_at),
                                    r.resolved_by,
                                    r.note
                                ))
                                .weak(),
                            );
                        }
                        if is_selected {
                            ui.separator();
                            let (clicked, analyst) =
                                resolution_form(ui, d, &mut view.note, &mut view.grade, ctx);
                            if clicked {
                                record = Some(NewResolution {
                                    subject: d.subject,
                                    resolved_by: analyst.trim().to_string(),
                                    note: view.note.trim().to_string(),
                                    grade: Some(view.grade.clone()).filter(|g| !g.is_empty()),
                                });
                            }
                        }
                    });
                    ui.add_space(4.0);
                }
            });
        if let Some(subject) = picked
            && view.selected != Some(subject)
        {
            view.selected = Some(subject);
            view.note.clear();
            view.grade.clear();
        }
        if let Some(new) = record {
            let title = queue
                .iter()
                .find(|d| d.subject == new.subject)
                .map_or_else(String::new, |d| d.title.clone());
            ctx.send(Command::edit("record the resolution", move |l| {
            l.resolve_disagreement(&new)?;
            let agreed = new
                .grade
                .as_deref()
                .map_or_else(String::new, |g| format!(" with the agreed grade {g}"));
            Ok(Written::done()
                .say(format!(
                    "Resolution recorded for {title} by {}{agreed}; both analysts' ratings are kept.",
                    new.resolved_by
                ))
                .then_update(|v| {
                    let view = &mut v.disagreements;
                    view.selected = None;
                    view.note.clear();
                    view.grade.clear();
                }))
        }));
        }
    }
}

/// One analyst's side: their grade, what it means, when, and why.
fn position(ui: &mut egui::Ui, kind: SubjectKind, p: &Position) {
    ui.horizontal(|ui| {
        match kind {
            SubjectKind::Outlet => grade_badge(ui, Some(&p.grade)),
            SubjectKind::Article => {
                ui.label(RichText::new(format!(" {} ", p.grade)).strong());
            }
        }
        ui.strong(&p.analyst);
        ui.label(RichText::new(&p.meaning).weak());
    });
    ui.label(
        RichText::new(
            p.created_at
                .get(..16)
                .unwrap_or(&p.created_at)
                .replace('T', " "),
        )
        .small()
        .weak(),
    );
    if p.rationale.trim().is_empty() {
        ui.label(RichText::new("No rationale given.").italics().weak());
    } else {
        ui.add(egui::Label::new(&p.rationale).wrap());
    }
}

/// The form under the picked item: whether "Record resolution" was clicked, and the analyst's
/// name as the form has it.
fn resolution_form(
    ui: &mut egui::Ui,
    d: &Disagreement,
    note: &mut String,
    grade: &mut String,
    ctx: &mut ViewContext,
) -> (bool, String) {
    ui.strong("Resolution");
    let analyst = analyst_field(ui, ctx);
    let label = ui.label("Resolution note");
    ui.add(
        egui::TextEdit::multiline(note)
            .hint_text("what was decided, and why")
            .desired_rows(2)
            .desired_width(f32::INFINITY),
    )
    .labelled_by(label.id);
    let options: Vec<(String, String)> = match d.subject.kind {
        SubjectKind::Outlet => Grade::ALL
            .iter()
            .map(|g| (g.letter().to_string(), format!("{g} — {}", g.meaning())))
            .collect(),
        SubjectKind::Article => CREDIBILITY
            .iter()
            .map(|(m, meaning)| (m.to_string(), format!("{m} — {meaning}")))
            .collect(),
    };
    let none = "none (the ratings stand as they are)".to_string();
    let shown = options
        .iter()
        .find(|(value, _)| value == grade)
        .map_or(none.clone(), |(_, text)| text.clone());
    ui.horizontal(|ui| {
        let label = ui.label("Agreed grade");
        egui::ComboBox::from_id_salt("agreed-grade")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(grade, String::new(), none);
                for (value, text) in &options {
                    ui.selectable_value(grade, value.clone(), text);
                }
            })
            .response
            .labelled_by(label.id)
            .on_hover_text("Recorded as a new rating by you, naming this resolution; nobody's earlier rating changes.");
    });
    let ready = !note.trim().is_empty() && !analyst.trim().is_empty();
    let clicked = ui
        .add_enabled(ready, egui::Button::new("Record resolution"))
        .on_disabled_hover_text("Write a note and give your name.")
        .clicked();
    (clicked, analyst)
}
