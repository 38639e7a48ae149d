//! The Library view's reader, beside the table (under it in a small window, where the marks,
//! tags, notes and copies fold under one header): the selected article's credibility marks, tags,
//! notes and copies, then its title, outlet and date (where the date came from, and what analysts
//! corrected, by whom), a "Correct…" form for those three, and its text with what cleaning removed
//! struck through (each cut restorable) and the passages notes mark highlighted.

use egui::text::LayoutJob;
use egui::{Color32, FontId, RichText, TextFormat};

use super::LibraryViewState;
use crate::app::command::{Command, Written};
use crate::app::context::ViewContext;
use crate::app::notes::{highlight, notes_section, tags_row};
use crate::app::widgets::{date_or_dash, empty_state, read_error};
use triangulate_core::library::{Assessment, Note};
use triangulate_core::model::{
    Article, ArticleCorrection, ArticleRow, CopyOf, Correction, Id, Target, date_source_note,
};

/// What the reader shows beside an article: its tags, notes and copies.
pub(super) type ReaderWorking = (Vec<String>, Vec<Note>, Vec<CopyOf>);

/// The reader, while an article is selected: beside the table, or under it when `under` (a
/// small window); either way the divider between them drags. Another article than last frame's
/// starts at its top.
pub(super) fn panel(
    ui: &mut egui::Ui,
    state: &mut LibraryViewState,
    ctx: &mut ViewContext,
    under: bool,
) {
    let Some(selected) = state.selected else {
        state.reader_shown = None;
        return;
    };
    let to_top = state.reader_shown != Some(selected);
    state.reader_shown = Some(selected);
    let library = ctx.library;
    let generation = ctx.generation;
    let article = state.article.get(
        generation,
        &Some(selected),
        || -> triangulate_core::Result<_> {
            Ok((
                library.article(selected)?,
                library.current_assessments(selected)?,
            ))
        },
    );
    let panel = if under {
        let height = ui.available_height();
        egui::Panel::bottom("reader-under")
            .resizable(true)
            .default_size(height * 0.55)
            .min_size(120.0)
            .max_size((height - 100.0).max(120.0))
    } else {
        egui::Panel::right("reader")
            .resizable(true)
            .default_size(ui.available_width() * 0.5)
            .min_size(280.0)
    };
    panel.show(ui, |ui| {
        let mut scroll = egui::ScrollArea::vertical()
            .id_salt("reader-scroll")
            .auto_shrink([false, false]);
        if to_top {
            scroll = scroll.vertical_scroll_offset(0.0);
        }
        scroll.show(ui, |ui| match article {
            Ok((Some(article), marks)) => {
                let target = Target::Article(article.id);
                let working = state.working.get(
                    generation,
                    &Some(article.id),
                    || -> triangulate_core::Result<_> {
                        Ok((
                            library.tags_of(target)?,
                            library.notes_of(target)?,
                            library.copies_of(article.id)?,
                        ))
                    },
                );
                let (tags, notes, copies) = match working {
                    Ok((tags, notes, copies)) => {
                        (tags.as_slice(), notes.as_slice(), copies.as_slice())
                    }
                    Err(e) => {
                        read_error(ui, e);
                        (&[][..], &[][..], &[][..])
                    }
                };
                let passage = state
                    .passage
                    .filter(|(id, _, _)| *id == article.id)
                    .and_then(|(_, s, e)| Some((s, e, article.full_text.get(s..e)?)));
                let (mark, drafts) = (&mut state.mark, &mut state.drafts);
                let mut side = |ui: &mut egui::Ui| {
                    credibility(ui, article.id, marks, mark, ctx);
                    tags_row(ui, target, tags, drafts, ctx);
                    egui::CollapsingHeader::new(format!("Notes ({})", notes.len()))
                        .id_salt(("notes", article.id))
                        .default_open(true)
                        .show(ui, |ui| {
                            notes_section(ui, target, notes, passage, drafts, ctx)
                        });
                    copies_section(ui, article.id, copies, ctx);
                };
                if under {
                    // Under the table the reader is short: its text comes first.
                    egui::CollapsingHeader::new(format!(
                        "Credibility, tags, notes ({}) and copies",
                        notes.len()
                    ))
                    .id_salt(("reader-side", article.id))
                    .default_open(false)
                    .show(ui, side);
                } else {
                    side(ui);
                }
                ui.separator();
                let selected = reader(
                    ui,
                    article,
                    notes,
                    (&mut state.hide_removed, &mut state.correction),
                    ctx,
                );
                if let Some((s, e)) = selected {
                    state.passage = Some((article.id, s, e));
                }
            }
            Ok((None, _)) => empty_state(ui, "This article is no longer in the library."),
            Err(e) => read_error(ui, e),
        });
    });
}

/// The open article's copies (the count where the article is): each opens in the reader, and
/// "Not a copy" records the analyst's decision that two texts linking matched are different
/// reports.
fn copies_section(ui: &mut egui::Ui, article: Id, copies: &[CopyOf], ctx: &mut ViewContext) {
    let title = match copies.len() {
        0 => "No copies in the library".to_string(),
        1 => "1 copy in the library".to_string(),
        n => format!("{n} copies in the library"),
    };
    if copies.is_empty() {
        ui.label(RichText::new(title).weak())
            .on_hover_text("Linking (Edit > Find links) finds exact and near copies of a text.");
        return;
    }
    egui::CollapsingHeader::new(title)
        .id_salt(("copies", article))
        .default_open(false)
        .show(ui, |ui| {
            for c in copies {
                ui.horizontal_wrapped(|ui| {
                    let how = if c.kind == triangulate_core::linking::run::EXACT_COPY {
                        "exact copy".to_string()
                    } else {
                        format!("near copy, {:.0}% alike", c.similarity * 100.0)
                    };
                    ui.label(RichText::new(how).small().weak());
                    ui.label(format!(
                        "{} · {}",
                        c.article.outlet,
                        date_or_dash(c.article.published.as_deref())
                    ));
                    if ui
                        .link(&c.article.title)
                        .on_hover_text("Open it in the reader")
                        .clicked()
                    {
                        ctx.send(Command::OpenArticle(c.article.id));
                    }
                    if ui
                        .small_button("Not a copy")
                        .on_hover_text(
                            "These are different reports: linking stops suggesting them together (as copies or as one incident).",
                        )
                        .clicked()
                    {
                        ctx.send(not_a_copy(article, c.article.id, ctx.recorded_name()));
                    }
                });
            }
        });
}

/// The analysts' information-credibility marks on the open article, and a way to add one's own.
fn credibility(
    ui: &mut egui::Ui,
    article: Id,
    marks: &[Assessment],
    mark: &mut Option<u8>,
    ctx: &mut ViewContext,
) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Credibility:");
        if marks.is_empty() {
            ui.label(RichText::new("not marked").weak());
        }
        for m in marks {
            ui.label(format!("{} ({})", m.credibility, m.analyst))
                .on_hover_text(
                    triangulate_core::ratings::credibility_meaning(m.credibility)
                        .unwrap_or_default(),
                );
        }
        ui.separator();
        let label = ui.label("Your mark");
        let text = mark.map_or_else(String::new, |m| {
            format!(
                "{m} {}",
                triangulate_core::ratings::credibility_meaning(m).unwrap_or_default()
            )
        });
        egui::ComboBox::from_id_salt(("mark", article))
            .selected_text(text)
            .show_ui(ui, |ui| {
                for (m, meaning) in triangulate_core::ratings::CREDIBILITY {
                    ui.selectable_value(mark, Some(m), format!("{m} {meaning}"));
                }
            })
            .response
            .labelled_by(label.id);
        if let Some(m) = *mark
            && ui.button("Save mark").clicked()
        {
            ctx.send(save_mark(article, m, ctx.analyst.trim().to_string()));
            *mark = None;
        }
    });
    ui.separator();
}

/// The reader: the article's text, with what cleaning cut struck through and the passages notes
/// mark highlighted. Returns the passage the analyst selected (a byte range of `full_text`).
fn reader(
    ui: &mut egui::Ui,
    article: &Article,
    notes: &[Note],
    (hide_removed, correction): (&mut bool, &mut Option<CorrectionDraft>),
    ctx: &mut ViewContext,
) -> Option<(usize, usize)> {
    let mut selected = None;
    ui.scope(|ui| {
        ui.label(RichText::new(&article.title).heading().strong());
        let mut meta = vec![article.outlet.clone()];
        meta.extend(article.author.as_ref().map(|a| format!("by {a}")));
        meta.push(dated(article));
        meta.extend(article.language.clone());
        meta.push(format!("{} words", article.word_count));
        ui.label(meta.join(" · "));
        if article.outlet_is_guess {
            ui.label(
                RichText::new("Nothing in the file named its outlet: correct it, or assign one")
                    .italics()
                    .weak(),
            );
        }
        for line in provenance_lines(article) {
            ui.label(RichText::new(line).small().italics().weak());
        }
        for field in ["title", "date", "outlet"] {
            if let Some(c) = article.corrected(field) {
                ui.label(RichText::new(corrected_line(c)).small().italics());
            }
        }
        correction_form(ui, article, correction, ctx);
        ui.label(
            RichText::new(format!(
                "{} · {} · {}",
                article.source_path,
                article.format.as_deref().unwrap_or("?"),
                article.encoding.as_deref().unwrap_or("?")
            ))
            .small()
            .weak(),
        );
        ui.separator();
        let cut = article.removed.iter().filter(|s| !s.restored).count();
        if !article.removed.is_empty() {
            ui.checkbox(
                hide_removed,
                format!("Hide what cleaning removed ({cut} cuts)"),
            );
        }
        if *hide_removed {
            ui.label(&article.body);
        } else {
            selected = selectable_text(ui, article, notes);
        }
        if !article.removed.is_empty() {
            ui.add_space(8.0);
            ui.collapsing(
                format!("Removed by cleaning ({})", article.removed.len()),
                |ui| {
                    for span in &article.removed {
                        ui.horizontal_wrapped(|ui| {
                            let preview: String = span.text.trim().chars().take(90).collect();
                            let mut text = RichText::new(format!("{}: {preview}", span.reason));
                            if !span.restored {
                                text = text.strikethrough().weak();
                            }
                            ui.label(text);
                            let (label, restore) = if span.restored {
                                ("Cut again", false)
                            } else {
                                ("Restore", true)
                            };
                            if ui.small_button(label).clicked() {
                                let span = span.id;
                                ctx.send(Command::edit("change the article", move |l| {
                                    l.set_span_restored(span, restore)?;
                                    Ok(Written::done())
                                }));
                            }
                        });
                    }
                },
            );
        }
    });
    selected
}

/// The article's date with where it came from ("2025-03-14 (found in text — a guess)", "… (set
/// by ana)"), or "no date found".
fn dated(article: &Article) -> String {
    let Some(date) = &article.published else {
        return "no date found".into();
    };
    match (article.date_source.as_deref(), article.corrected("date")) {
        (Some("analyst"), Some(c)) => format!("{date} (set by {})", c.analyst),
        (source, _) => match date_source_note(source) {
            Some(note) => format!("{date} ({note})"),
            None => date.clone(),
        },
    }
}

/// Where the import found an outlet or a title that the file did not plainly state, for the
/// analyst to check: "Outlet: from the page's address, through the registry of sources", "Title:
/// the body's first words (no headline was found)". Nothing for what the file's metadata states
/// or an analyst corrected.
fn provenance_lines(article: &Article) -> Vec<String> {
    let mut lines = Vec::new();
    if let Some(note) = article.outlet_found_note() {
        lines.push(format!("Outlet: {note}"));
    }
    if article.corrected("title").is_none() && article.title_source.as_deref() == Some("text") {
        lines.push("Title: the body's first words (no headline was found)".to_string());
    }
    lines
}

/// What an analyst corrected, by whom and when, and what it said before: "Title corrected by ana
/// on 2026-12-06 (was “…”)".
fn corrected_line(c: &ArticleCorrection) -> String {
    let field = match c.field.as_str() {
        "title" => "Title",
        "date" => "Date",
        "outlet" => "Outlet",
        other => other,
    };
    let before = match &c.before {
        Some(before) => {
            let mut short: String = before.chars().take(80).collect();
            if short.len() < before.len() {
                short.push('…');
            }
            format!("was “{short}”")
        }
        None => "there was none".to_string(),
    };
    format!(
        "{field} corrected by {} on {} ({before})",
        c.analyst,
        c.corrected_at.get(..10).unwrap_or(&c.corrected_at)
    )
}

/// The "Correct…" form's fields while the analyst types them, for one article.
#[derive(Debug, Clone, Default)]
pub(super) struct CorrectionDraft {
    article: Id,
    title: String,
    date: String,
    outlet: String,
}

impl CorrectionDraft {
    /// The form filled with what a row of the table says the article says now.
    pub(super) fn of_summary(article: &ArticleRow) -> Self {
        CorrectionDraft {
            article: article.id,
            title: article.title.clone(),
            date: article.published.clone().unwrap_or_default(),
            outlet: article.outlet.clone(),
        }
    }

    /// The article the form corrects.
    pub(super) fn article(&self) -> Id {
        self.article
    }

    /// The form filled with what the article says now.
    fn of(article: &Article) -> Self {
        CorrectionDraft {
            article: article.id,
            title: article.title.clone(),
            date: article.published.clone().unwrap_or_default(),
            outlet: article.outlet.clone(),
        }
    }

    /// The correction the fields ask for: each field that differs from what the article says
    /// (an empty date where there is none asks for nothing).
    fn correction(&self, article: &Article) -> Correction {
        let changed = |typed: &str, now: Option<&str>| {
            let typed = typed.trim();
            let same = Some(typed) == now || (typed.is_empty() && now.is_none());
            (!same).then(|| typed.to_string())
        };
        Correction {
            title: changed(&self.title, Some(&article.title)),
            date: changed(&self.date, article.published.as_deref()),
            outlet: changed(&self.outlet, Some(&article.outlet)),
        }
    }
}

/// "Correct…", which opens a form for the article's title, date and outlet; saving it sends the
/// correction as an edit that Edit > Undo takes back. The form stays open, as typed, until the
/// correction is written (a date refused leaves it for the analyst to fix).
fn correction_form(
    ui: &mut egui::Ui,
    article: &Article,
    draft: &mut Option<CorrectionDraft>,
    ctx: &mut ViewContext,
) {
    let Some(form) = draft.as_mut().filter(|d| d.article == article.id) else {
        let why = ctx.read_only.map_or_else(
            || {
                "Correct the title, date or outlet the import read. The correction is kept with \
                 your name; importing the file again never overwrites it."
                    .to_string()
            },
            |why| format!("The library cannot be changed: {why}"),
        );
        if ui
            .add_enabled(ctx.read_only.is_none(), egui::Button::new("Correct…"))
            .on_hover_text(why)
            .clicked()
        {
            *draft = Some(CorrectionDraft::of(article));
        }
        return;
    };
    let mut close = false;
    egui::Frame::group(ui.style()).show(ui, |ui| {
        egui::Grid::new(("correct", article.id))
            .num_columns(2)
            .show(ui, |ui| {
                let label = ui.label("Corrected title");
                ui.add(egui::TextEdit::singleline(&mut form.title).desired_width(f32::INFINITY))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Corrected date");
                ui.add(egui::TextEdit::singleline(&mut form.date).hint_text("YYYY-MM-DD"))
                    .labelled_by(label.id);
                ui.end_row();
                let label = ui.label("Corrected outlet");
                ui.add(egui::TextEdit::singleline(&mut form.outlet))
                    .labelled_by(label.id);
                ui.end_row();
            });
        ui.horizontal(|ui| {
            if ui.button("Save correction").clicked() {
                let correction = form.correction(article);
                if correction == Correction::default() {
                    ctx.send(Command::inform(
                        "Nothing to correct: the form says what the article already says.",
                    ));
                } else {
                    ctx.send(correct(article.id, correction, ctx.recorded_name()));
                }
            }
            close = ui.button("Cancel").clicked();
        });
    });
    if close {
        *draft = None;
    }
}

/// Corrects an article as `analyst`, and closes the reader's form once it is written.
fn correct(article: Id, correction: Correction, analyst: String) -> Command {
    Command::edit("correct the article", move |l| {
        let undo = l.correct_article(article, &correction, &analyst)?;
        Ok(Written::done()
            .undo(undo)
            .say(format!(
                "Corrected article {article} (by {analyst}). Edit > Undo takes it back."
            ))
            .then_update(move |views| {
                let form = &mut views.library.correction;
                if form.as_ref().is_some_and(|d| d.article == article) {
                    *form = None;
                }
            }))
    })
}

/// The article's full text, selectable (not editable), cut spans struck through and noted
/// passages highlighted; returns the selection when there is one.
fn selectable_text(ui: &mut egui::Ui, article: &Article, notes: &[Note]) -> Option<(usize, usize)> {
    let marks: Vec<(usize, usize)> = notes.iter().filter_map(|n| n.span).collect();
    let mut layouter = |ui: &egui::Ui, text: &dyn egui::TextBuffer, wrap_width: f32| {
        let mut job = marked_text(ui, text.as_str(), &article.removed, &marks);
        job.wrap.max_width = wrap_width;
        ui.painter().layout_job(job)
    };
    let mut text: &str = &article.full_text;
    let output = egui::TextEdit::multiline(&mut text)
        .id_salt(("reader-text", article.id))
        .frame(egui::Frame::NONE)
        .desired_width(f32::INFINITY)
        .layouter(&mut layouter)
        .show(ui);
    let range = output.cursor_range?;
    if range.is_empty() {
        return None;
    }
    let chars = range.as_sorted_char_range();
    let byte = |c: usize| {
        article
            .full_text
            .char_indices()
            .nth(c)
            .map_or(article.full_text.len(), |(b, _)| b)
    };
    let (start, end) = (byte(chars.start.0), byte(chars.end.0));
    article
        .full_text
        .get(start..end)
        .is_some_and(|w| !w.trim().is_empty())
        .then_some((start, end))
}

/// The article's full text with cut spans struck through and dimmed, and the passages notes
/// mark on a highlight.
fn marked_text(
    ui: &egui::Ui,
    text: &str,
    removed: &[triangulate_core::model::RemovedSpan],
    marks: &[(usize, usize)],
) -> LayoutJob {
    let font = FontId::proportional(14.0);
    let normal = TextFormat {
        font_id: font.clone(),
        color: ui.visuals().text_color(),
        ..Default::default()
    };
    let removed_style = TextFormat {
        font_id: font,
        color: ui.visuals().weak_text_color(),
        strikethrough: egui::Stroke::new(1.0, Color32::from_rgb(200, 90, 90)),
        ..Default::default()
    };
    let cut_style = removed_style;
    let mark_bg = highlight(ui);
    // Every boundary of a cut or a mark splits the text into runs styled by what covers them.
    let cuts: Vec<(usize, usize)> = removed
        .iter()
        .filter(|s| !s.restored)
        .map(|s| (s.start, s.end))
        .collect();
    let mut bounds: Vec<usize> = vec![0, text.len()];
    for &(s, e) in cuts.iter().chain(marks) {
        bounds.extend([s.min(text.len()), e.min(text.len())]);
    }
    bounds.retain(|b| text.is_char_boundary(*b));
    bounds.sort_unstable();
    bounds.dedup();
    let mut job = LayoutJob::default();
    for pair in bounds.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        let Some(run) = text.get(start..end) else {
            continue;
        };
        let covered = |spans: &[(usize, usize)]| spans.iter().any(|&(s, e)| s <= start && end <= e);
        let mut format = if covered(&cuts) {
            cut_style.clone()
        } else {
            normal.clone()
        };
        if covered(marks) {
            format.background = mark_bg;
        }
        job.append(run, 0.0, format);
    }
    job
}

/// Records `analyst`'s credibility mark on an article.
fn save_mark(article: Id, mark: u8, analyst: String) -> Command {
    Command::edit("save the mark", move |l| {
        l.add_assessment(article, &analyst, mark, "")?;
        Ok(Written::done().say(format!(
            "Marked {mark} ({}) by {analyst}.",
            triangulate_core::ratings::credibility_meaning(mark).unwrap_or_default()
        )))
    })
}

/// Records that two articles linking matched are different reports.
fn not_a_copy(article: Id, other: Id, analyst: String) -> Command {
    Command::edit("mark not a copy", move |l| {
        let undo = l.mark_not_copy(article, other, &analyst)?;
        Ok(Written::done().undo(undo).say(format!(
            "Articles {article} and {other} are not copies: linking will not suggest them together again. Edit > Undo takes it back."
        )))
    })
}
