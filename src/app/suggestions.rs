//! The Suggestions view: what the linking engine proposes, best first, for the analyst to decide.
//! The queue on the left lists each suggestion's kind, score and headlines; beside it the chosen
//! suggestion's articles stand side by side with the engine's evidence and what accepting will
//! do. Copies show the word-level diff of their two texts. A second tab lists copy families: an
//! original and every copy of it, any two of which can be diffed. The keyboard decides too: A
//! accepts, R rejects, S skips, Up and Down move through the queue.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use egui::RichText;

use super::command::{Command, Written};
use super::context::ViewContext;
use super::widgets::{
    Cached, date_or_dash, diff_legend, diff_text, empty_state, plural, read_error, shorten,
};
use triangulate_core::analysis::similarity::{self, DiffPart};
use triangulate_core::library::{Library, LinkRun};
use triangulate_core::linking::{self, CopyFamily};
use triangulate_core::model::{Article, ArticleRow, Id, SuggestionRow};

/// Height of one entry of the queue: a line for kind and score, two for headlines.
const QUEUE_ITEM_HEIGHT: f32 = 62.0;
/// The first paragraph beside a suggestion is cut to this many characters.
const PARAGRAPH_CHARS: usize = 700;
/// Columns of articles are no narrower than this; more articles scroll sideways.
const COLUMN_WIDTH: f32 = 200.0;

/// The two tabs of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Queue,
    Families,
}

/// What the Suggestions view remembers between frames.
#[derive(Default)]
pub struct SuggestionsViewState {
    tab: Tab,
    queue: Cached<(), Vec<SuggestionRow>>,
    /// Headlines of the articles the queue shows, read as their entries scroll into view.
    headlines: Headlines,
    /// The suggestion shown beside the queue.
    selected: Option<Id>,
    detail: Cached<Id, Detail>,
    /// The selected suggestion's articles the analyst unticked ("Include"): Accept leaves them out.
    left_out: BTreeSet<Id>,
    /// The suggestion `left_out` belongs to.
    left_out_of: Option<Id>,
    /// Queue entries drawn in the last frame, to scroll the selection into view.
    visible: Range<usize>,
    /// Set when the keyboard moved the selection: the queue scrolls to it.
    scroll_to_selected: bool,
    families: Cached<(), Families>,
    /// Family members picked for a diff, at most two, in the order picked.
    picked: Vec<Id>,
    comparison: Cached<Vec<Id>, Option<Comparison>>,
    /// The last linking run, to say when it compared some articles with only some candidates.
    last_run: Cached<(), Option<LinkRun>>,
}

/// Headlines (and outlets) of articles, by id, for the generation they were read at.
#[derive(Default)]
struct Headlines {
    generation: u64,
    rows: HashMap<Id, ArticleRow>,
}

impl Headlines {
    /// Reads the rows of `ids` not read yet at `generation`.
    fn load(
        &mut self,
        library: &Library,
        generation: u64,
        ids: &[Id],
    ) -> triangulate_core::Result<()> {
        if self.generation != generation {
            self.rows.clear();
            self.generation = generation;
        }
        let missing: Vec<Id> = ids
            .iter()
            .copied()
            .filter(|id| !self.rows.contains_key(id))
            .collect();
        if !missing.is_empty() {
            for row in library.article_rows(&missing)? {
                self.rows.insert(row.id, row);
            }
        }
        Ok(())
    }

    fn title(&self, id: Id) -> &str {
        self.rows
            .get(&id)
            .map_or("(article no longer in the library)", |r| r.title.as_str())
    }
}

/// The selected suggestion as the view shows it.
#[derive(Default)]
struct Detail {
    /// Its articles, earliest first.
    articles: Vec<Article>,
    /// The incident accepting extends, with its title.
    extends: Option<(Id, String)>,
    /// For a copy: the diff of the earlier text against the later.
    diff: Option<Vec<DiffPart>>,
}

/// Copy families with the rows of their members.
#[derive(Default)]
struct Families {
    families: Vec<CopyFamily>,
    rows: HashMap<Id, ArticleRow>,
}

/// Two family members and the diff of the earlier against the later.
struct Comparison {
    first: Article,
    second: Article,
    diff: Vec<DiffPart>,
}

impl SuggestionsViewState {
    /// Draws the view: the queue with the chosen suggestion beside it, or the copy families.
    pub fn ui(&mut self, ui: &mut egui::Ui, ctx: &mut ViewContext) {
        let library = ctx.library;
        let analyst = ctx.recorded_name();
        let linking = ctx.linking;
        let generation = ctx.generation;
        let view = self;
        // The decision taken this frame (one at most), the suggestion to show next, and the family
        // member picked or unpicked.
        let mut decision = None;
        let mut select = None;
        let mut pick = None;

        ui.heading("Suggestions");
        let queue = match view
            .queue
            .get(generation, &(), || library.open_suggestions())
        {
            Ok(queue) => queue,
            Err(e) => return read_error(ui, e),
        };
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut view.tab,
                Tab::Queue,
                format!("Queue ({})", queue.len()),
            );
            ui.selectable_value(&mut view.tab, Tab::Families, "Copy families");
            if linking {
                ui.separator();
                ui.label(RichText::new("Finding links…").weak());
            }
        });
        if let Ok(Some(run)) = view
            .last_run
            .get(generation, &(), || library.last_link_run())
            .map(|r| r.as_ref())
            && run.capped > 0
        {
            ui.label(RichText::new(capped_note(run)).weak())
                .on_hover_text(format!("Linking run finished {}", run.finished_at));
        }
        ui.separator();

        match view.tab {
            Tab::Queue => {
                if queue.is_empty() {
                    let text = if linking {
                        "No link suggestions waiting yet: linking is running, and what it finds appears here."
                    } else {
                        "No link suggestions waiting. Linking proposes exact copies, near copies and reports of the same incident, each with its evidence, for you to accept or reject. It runs after every import; run it now with Edit > Find links (Ctrl+L)."
                    };
                    return empty_state(ui, text);
                }
                if !view
                    .selected
                    .is_some_and(|id| queue.iter().any(|s| s.id == id))
                {
                    view.selected = queue.first().map(|s| s.id);
                }
                let Some(at) = queue.iter().position(|s| Some(s.id) == view.selected) else {
                    return;
                };
                let suggestion = &queue[at];
                if view.left_out_of != Some(suggestion.id) {
                    view.left_out.clear();
                    view.left_out_of = Some(suggestion.id);
                }
                // After a decision the next one comes up; at the end of the queue, the one before.
                let after = queue
                    .get(at + 1)
                    .or_else(|| at.checked_sub(1).and_then(|i| queue.get(i)))
                    .map(|s| s.id);
                let only = (!view.left_out.is_empty()).then(|| {
                    suggestion
                        .articles
                        .iter()
                        .copied()
                        .filter(|a| !view.left_out.contains(a))
                        .collect::<Vec<Id>>()
                });
                let kept = only.as_ref().map_or(suggestion.articles.len(), Vec::len);

                // Keys act when no text field takes them.
                let keys = ui.ctx().clone();
                if !keys.text_edit_focused() && !egui::Popup::is_any_open(&keys) {
                    use egui::{Key, Modifiers};
                    let key = |k| keys.input_mut(|i| i.consume_key(Modifiers::NONE, k));
                    if key(Key::A) && kept >= 2 {
                        decision =
                            Some(accept(suggestion.id, only.clone(), after, analyst.clone()));
                    } else if key(Key::R) {
                        decision = Some(reject(suggestion.id, after, analyst.clone()));
                    } else if key(Key::S) {
                        select = Some(queue[(at + 1) % queue.len()].id);
                        view.scroll_to_selected = true;
                    } else if key(Key::ArrowDown) {
                        select = queue.get(at + 1).map(|s| s.id);
                        view.scroll_to_selected = true;
                    } else if key(Key::ArrowUp) {
                        select = at.checked_sub(1).and_then(|i| queue.get(i)).map(|s| s.id);
                        view.scroll_to_selected = true;
                    }
                }

                egui::Panel::left("suggestion-queue")
                    .resizable(true)
                    .default_size(340.0)
                    .min_size(220.0)
                    .show(ui, |ui| {
                        queue_list(
                            ui,
                            library,
                            generation,
                            queue,
                            view.selected,
                            &mut view.headlines,
                            &mut view.visible,
                            &mut view.scroll_to_selected,
                            &mut select,
                        )
                    });

                let detail = view.detail.get(generation, &suggestion.id, || {
                    load_detail(library, suggestion)
                });
                match detail {
                    Ok(detail) => {
                        let page = Page {
                            suggestion,
                            detail,
                            kept,
                            analyst: &analyst,
                            only: only.as_deref(),
                            next: after,
                            skip_to: queue[(at + 1) % queue.len()].id,
                        };
                        suggestion_page(ui, &page, &mut view.left_out, &mut decision, &mut select);
                    }
                    Err(e) => read_error(ui, e),
                }
            }
            Tab::Families => {
                let families = view
                    .families
                    .get(generation, &(), || load_families(library));
                match families {
                    Ok(families) => {
                        let picked = view.picked.clone();
                        if picked.len() == 2 {
                            let comparison = view
                                .comparison
                                .get(generation, &picked, || compare(library, &picked));
                            egui::Panel::right("family-diff")
                                .resizable(true)
                                .default_size(ui.available_width() * 0.55)
                                .min_size(320.0)
                                .show(ui, |ui| match comparison {
                                    Ok(Some(c)) => comparison_page(ui, c),
                                    Ok(None) => empty_state(
                                        ui,
                                        "One of these articles is no longer in the library.",
                                    ),
                                    Err(e) => read_error(ui, e),
                                });
                        }
                        families_list(ui, families, &view.picked, &mut pick);
                    }
                    Err(e) => read_error(ui, e),
                }
            }
        }

        if let Some(decision) = decision {
            ctx.send(decision);
        }
        if let Some(id) = select {
            view.selected = Some(id);
        }
        if let Some(id) = pick {
            let picked = &mut view.picked;
            if let Some(i) = picked.iter().position(|p| *p == id) {
                picked.remove(i);
            } else {
                picked.push(id);
                if picked.len() > 2 {
                    picked.remove(0);
                }
            }
        }
    }
}

/// "Same incident", "Near copy", "Exact copy".
/// What the last linking run left out, when it compared some articles with only some of their
/// candidates.
pub fn capped_note(run: &LinkRun) -> String {
    format!(
        "The last linking run compared {} of its {} articles with only some of the others: a \
         place, a word or a text shared by too many articles (a flood of copies, many reports of \
         one day and place) was set aside for them, and each was scored against its {} most \
         promising candidates. Suggestions about them may be missing.",
        run.capped,
        run.articles,
        triangulate_core::linking::MAX_CANDIDATES
    )
}

pub fn kind_label(kind: &str) -> &str {
    match kind {
        "same_incident" => "Same incident",
        "near_copy" => "Near copy",
        "exact_copy" => "Exact copy",
        other => other,
    }
}

/// Whether a suggestion says one article copies another.
fn is_copy(kind: &str) -> bool {
    matches!(kind, "near_copy" | "exact_copy")
}

/// The score as a percentage with how sure the engine is: "87% confident".
pub fn score_text(score: f64) -> String {
    let word = if score > 0.8 {
        "confident"
    } else if score > 0.5 {
        "likely"
    } else {
        "possible"
    };
    format!("{:.0}% {word}", score * 100.0)
}

/// The first paragraph of an article's text, cut short if long. Bylines and datelines ("By
/// Courier staff") are paragraphs too short to say anything, so the first one of some length
/// is taken when there is one.
fn first_paragraph(body: &str) -> String {
    let body = body.replace("\r\n", "\n");
    let mut paragraphs = body.split("\n\n").map(str::trim).filter(|p| !p.is_empty());
    let first = paragraphs.clone().next().unwrap_or("");
    let paragraph = paragraphs
        .find(|p| p.chars().count() >= 60)
        .unwrap_or(first);
    shorten(paragraph, PARAGRAPH_CHARS)
}

/// Articles earliest first; undated ones last, then by id.
fn earliest_first(articles: &mut [Article]) {
    articles.sort_by(|a, b| {
        (a.published.is_none(), &a.published, a.id).cmp(&(
            b.published.is_none(),
            &b.published,
            b.id,
        ))
    });
}

fn load_detail(library: &Library, suggestion: &SuggestionRow) -> triangulate_core::Result<Detail> {
    let mut articles = Vec::with_capacity(suggestion.articles.len());
    for id in &suggestion.articles {
        articles.extend(library.article(*id)?);
    }
    earliest_first(&mut articles);
    let extends = match suggestion.incident {
        Some(id) => library.incident(id)?.map(|i| (id, i.title)),
        None => None,
    };
    let diff = match articles.as_slice() {
        [first, second] if is_copy(&suggestion.kind) => {
            Some(similarity::word_diff(&first.body, &second.body))
        }
        _ => None,
    };
    Ok(Detail {
        articles,
        extends,
        diff,
    })
}

fn load_families(library: &Library) -> triangulate_core::Result<Families> {
    let families = linking::copy_families(library)?;
    let ids: Vec<Id> = families
        .iter()
        .flat_map(|f| std::iter::once(f.original).chain(f.copies.iter().map(|c| c.0)))
        .collect();
    let rows = library
        .article_rows(&ids)?
        .into_iter()
        .map(|r| (r.id, r))
        .collect();
    Ok(Families { families, rows })
}

fn compare(library: &Library, picked: &[Id]) -> triangulate_core::Result<Option<Comparison>> {
    let mut articles = Vec::with_capacity(2);
    for id in picked {
        match library.article(*id)? {
            Some(article) => articles.push(article),
            None => return Ok(None),
        }
    }
    earliest_first(&mut articles);
    let mut articles = articles.into_iter();
    let (Some(first), Some(second)) = (articles.next(), articles.next()) else {
        return Ok(None);
    };
    let diff = similarity::word_diff(&first.body, &second.body);
    Ok(Some(Comparison {
        first,
        second,
        diff,
    }))
}

#[allow(clippy::too_many_arguments)]
fn queue_list(
    ui: &mut egui::Ui,
    library: &Library,
    generation: u64,
    queue: &[SuggestionRow],
    selected: Option<Id>,
    headlines: &mut Headlines,
    visible: &mut Range<usize>,
    scroll_to_selected: &mut bool,
    select: &mut Option<Id>,
) {
    let spacing = ui.spacing().item_spacing.y;
    let mut scroll = egui::ScrollArea::vertical()
        .id_salt("suggestion-queue-scroll")
        .auto_shrink([false, false]);
    if std::mem::take(scroll_to_selected)
        && let Some(at) = queue.iter().position(|s| Some(s.id) == selected)
        && !visible.contains(&at)
    {
        scroll = scroll.vertical_scroll_offset(at as f32 * (QUEUE_ITEM_HEIGHT + spacing));
    }
    scroll.show_rows(ui, QUEUE_ITEM_HEIGHT, queue.len(), |ui, range| {
        *visible = range.clone();
        let shown = &queue[range];
        let ids: Vec<Id> = shown
            .iter()
            .flat_map(|s| s.articles.iter().take(2).copied())
            .collect();
        if let Err(e) = headlines.load(library, generation, &ids) {
            return read_error(ui, &e.to_string());
        }
        for s in shown {
            let mut lines = vec![format!("{} · {}", kind_label(&s.kind), score_text(s.score))];
            lines.extend(
                s.articles
                    .iter()
                    .take(2)
                    .map(|id| headlines.title(*id).to_string()),
            );
            let more = s.articles.len().saturating_sub(2);
            if more > 0 {
                lines[0].push_str(&format!(" · {}", plural(s.articles.len(), "article")));
            }
            if queue_entry(ui, selected == Some(s.id), &lines).clicked() {
                *select = Some(s.id);
            }
        }
    });
}

/// One entry of the queue: its lines, each cut to the width of the list, selectable as a whole.
fn queue_entry(ui: &mut egui::Ui, selected: bool, lines: &[String]) -> egui::Response {
    let width = ui.available_width();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(width, QUEUE_ITEM_HEIGHT), egui::Sense::click());
    let label = lines.join("\n");
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::accesskit::Role::Button, true, selected, &label)
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() {
            ui.painter()
                .rect_filled(rect, visuals.corner_radius, visuals.weak_bg_fill);
        }
        let inner = rect.shrink2(egui::vec2(6.0, 3.0));
        let mut top = inner.top();
        for (i, line) in lines.iter().enumerate() {
            let text = if i == 0 {
                RichText::new(line).strong()
            } else {
                RichText::new(line)
            };
            let galley = egui::WidgetText::from(text).into_galley(
                ui,
                Some(egui::TextWrapMode::Truncate),
                inner.width(),
                egui::TextStyle::Body,
            );
            let height = galley.size().y;
            ui.painter()
                .galley(egui::pos2(inner.left(), top), galley, visuals.text_color());
            top += height;
        }
    }
    response
}

/// What the suggestion's page shows.
struct Page<'a> {
    suggestion: &'a SuggestionRow,
    detail: &'a Detail,
    /// How many of its articles stay ticked ("Include").
    kept: usize,
    /// Whom decisions are recorded as.
    analyst: &'a str,
    /// The articles Accept takes, when the analyst unticked some.
    only: Option<&'a [Id]>,
    /// The suggestion shown after a decision.
    next: Option<Id>,
    /// The suggestion Skip shows.
    skip_to: Id,
}

/// The chosen suggestion: what accepting does, Accept, Reject and Skip, the evidence, and its
/// articles side by side. Accept and Reject set `decision`; Skip sets `select`.
fn suggestion_page(
    ui: &mut egui::Ui,
    page: &Page,
    left_out: &mut BTreeSet<Id>,
    decision: &mut Option<Command>,
    select: &mut Option<Id>,
) {
    let Page {
        suggestion,
        detail,
        kept,
        analyst,
        only,
        next,
        skip_to,
    } = *page;
    egui::ScrollArea::vertical()
        .id_salt("suggestion-page")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.label(
                RichText::new(format!(
                    "{} · {} · {}",
                    kind_label(&suggestion.kind),
                    score_text(suggestion.score),
                    plural(suggestion.articles.len(), "article")
                ))
                .heading()
                .strong(),
            );
            let effect = if kept < 2 {
                "Tick at least two articles to accept.".to_string()
            } else {
                match (&detail.extends, is_copy(&suggestion.kind)) {
                    (Some((id, title)), _) => format!("Accept adds to incident {id}: {title}"),
                    (None, false) => match &suggestion.proposal {
                        Some(p) => {
                            let when_where: Vec<&str> =
                                [p.date.as_deref(), p.place.as_deref()].into_iter().flatten().collect();
                            if when_where.is_empty() {
                                format!("Accept creates a new incident: “{}”", p.title)
                            } else {
                                format!(
                                    "Accept creates a new incident: “{}” ({})",
                                    p.title,
                                    when_where.join(", ")
                                )
                            }
                        }
                        None => "Accept creates a new incident".to_string(),
                    },
                    (None, true) => "Accept records them as copies of one text; neither is in an incident, so no incident changes".to_string(),
                }
            };
            ui.label(effect);
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                if ui
                    .add_enabled(kept >= 2, egui::Button::new("Accept").shortcut_text("A"))
                    .on_disabled_hover_text("Keep at least two articles ticked.")
                    .clicked()
                {
                    *decision = Some(accept(
                        suggestion.id,
                        only.map(<[Id]>::to_vec),
                        next,
                        analyst.to_string(),
                    ));
                }
                if ui
                    .add(egui::Button::new("Reject").shortcut_text("R"))
                    .on_hover_text("These articles will not be suggested together again.")
                    .clicked()
                {
                    *decision = Some(reject(suggestion.id, next, analyst.to_string()));
                }
                if ui
                    .add(egui::Button::new("Skip").shortcut_text("S"))
                    .on_hover_text("Decide later: show the next suggestion.")
                    .clicked()
                {
                    *select = Some(skip_to);
                }
                ui.label(
                    RichText::new(format!("Up and Down move through the queue · decided as {analyst}"))
                        .weak(),
                )
                .on_hover_text("Set your name in Edit > Preferences…");
            });
            ui.add_space(6.0);
            ui.strong("Evidence");
            if suggestion.evidence.is_empty() {
                ui.label(RichText::new("The engine gave no evidence.").weak());
            }
            for line in &suggestion.evidence {
                ui.label(format!("•  {line}"));
            }
            ui.add_space(6.0);
            ui.separator();
            if detail.articles.len() < suggestion.articles.len() {
                ui.label(
                    RichText::new("Some of these articles are no longer in the library.").weak(),
                );
            }
            let same_incident = !is_copy(&suggestion.kind);
            article_columns(ui, &detail.articles, left_out, same_incident);
            if let Some(diff) = &detail.diff {
                ui.add_space(6.0);
                ui.separator();
                ui.strong("How the texts differ (the earlier first)");
                diff_legend(ui, diff);
                ui.add_space(4.0);
                ui.label(diff_text(ui, diff));
            }
        });
}

/// The articles side by side: headline, outlet, date; for reports of one incident also the first
/// paragraph and the "Include" box (copies show their diff below instead).
fn article_columns(
    ui: &mut egui::Ui,
    articles: &[Article],
    left_out: &mut BTreeSet<Id>,
    same_incident: bool,
) {
    let spacing = ui.spacing().item_spacing.x;
    let n = articles.len().max(1) as f32;
    let width = ((ui.available_width() - spacing * (n - 1.0)) / n).max(COLUMN_WIDTH);
    egui::ScrollArea::horizontal()
        .id_salt("suggestion-columns")
        .show(ui, |ui| {
            ui.horizontal_top(|ui| {
                for article in articles {
                    ui.allocate_ui_with_layout(
                        egui::vec2(width, 0.0),
                        egui::Layout::top_down(egui::Align::Min),
                        |ui| {
                            ui.set_width(width);
                            ui.label(RichText::new(&article.title).strong());
                            ui.label(
                                RichText::new(format!(
                                    "{} · {}",
                                    article.outlet,
                                    date_or_dash(article.published.as_deref())
                                ))
                                .weak(),
                            );
                            if same_incident {
                                let mut include = !left_out.contains(&article.id);
                                if ui
                                    .checkbox(&mut include, "Include")
                                    .on_hover_text(
                                        "Untick to leave this article out when accepting.",
                                    )
                                    .changed()
                                {
                                    if include {
                                        left_out.remove(&article.id);
                                    } else {
                                        left_out.insert(article.id);
                                    }
                                }
                                ui.add_space(4.0);
                                ui.label(first_paragraph(&article.body));
                            }
                        },
                    );
                }
            });
        });
}

fn families_list(ui: &mut egui::Ui, families: &Families, picked: &[Id], pick: &mut Option<Id>) {
    if families.families.is_empty() {
        return empty_state(
            ui,
            "No copy families yet. Linking groups each original with its exact and near copies (syndication, reposts); run it with Edit > Find links (Ctrl+L).",
        );
    }
    ui.label(
        RichText::new(match families.families.len() {
            1 => "1 family of copies. Click two of its members to see how their texts differ."
                .to_string(),
            n => format!(
                "{n} families of copies. Click two members of a family to see how their texts differ."
            ),
        })
        .weak(),
    );
    let describe = |id: Id| match families.rows.get(&id) {
        Some(r) => format!(
            "{} — {}, {}",
            shorten(&r.title, 90),
            r.outlet,
            date_or_dash(r.published.as_deref())
        ),
        None => "(article no longer in the library)".to_string(),
    };
    egui::ScrollArea::vertical()
        .id_salt("copy-families")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for family in &families.families {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let original = family.original;
                    if ui
                        .add(egui::Button::selectable(
                            picked.contains(&original),
                            format!("Original: {}", describe(original)),
                        ))
                        .clicked()
                    {
                        *pick = Some(original);
                    }
                    for (copy, kind, similarity) in &family.copies {
                        let text = format!(
                            "    {} ({:.0}% alike): {}",
                            kind_label(kind),
                            similarity * 100.0,
                            describe(*copy)
                        );
                        if ui
                            .add(egui::Button::selectable(picked.contains(copy), text))
                            .clicked()
                        {
                            *pick = Some(*copy);
                        }
                    }
                });
            }
        });
}

fn comparison_page(ui: &mut egui::Ui, c: &Comparison) {
    egui::ScrollArea::vertical()
        .id_salt("family-diff-scroll")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (which, a) in [("First", &c.first), ("Second", &c.second)] {
                ui.label(RichText::new(format!("{which}: {}", a.title)).strong());
                ui.label(
                    RichText::new(format!(
                        "{} · {}",
                        a.outlet,
                        date_or_dash(a.published.as_deref())
                    ))
                    .weak(),
                );
            }
            ui.separator();
            diff_legend(ui, &c.diff);
            ui.add_space(4.0);
            ui.label(diff_text(ui, &c.diff));
        });
}

/// Accepts a suggestion (only the articles in `only`, when it says), then shows `next`; the
/// incident it makes or extends opens in Incidents.
fn accept(id: Id, only: Option<Vec<Id>>, next: Option<Id>, analyst: String) -> Command {
    Command::edit("accept the suggestion", move |l| {
        let decision = l.accept_suggestion(id, &analyst, only.as_deref())?;
        let text = match decision.incident {
            Some(incident) => {
                let detail = l.incident(incident).ok().flatten();
                match detail {
                    Some(i) => format!(
                        "Accepted: incident {incident}, “{}”, now has {}.",
                        i.title,
                        plural(i.reports.len(), "report")
                    ),
                    None => format!("Accepted: the reports are in incident {incident}."),
                }
            }
            None => "Accepted: the articles are recorded as copies.".to_string(),
        };
        let mut written = Written::done().undo(decision.undo).say(text);
        if let Some(incident) = decision.incident {
            written = written.then(Command::OpenIncident(incident));
        }
        Ok(written.then_update(move |v| v.suggestions.selected = next))
    })
}

/// Rejects a suggestion, then shows `next`.
fn reject(id: Id, next: Option<Id>, analyst: String) -> Command {
    Command::edit("reject the suggestion", move |l| {
        let decision = l.reject_suggestion(id, &analyst)?;
        Ok(Written::done()
            .undo(decision.undo)
            .say(format!(
                "Rejected suggestion {id}: these articles will not be suggested together again."
            ))
            .then_update(move |v| v.suggestions.selected = next))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_paragraph_skips_a_byline() {
        let body = "By Courier staff\n\nQasr al-Nahr was burying its dead on Saturday after shells hit the market.\n\nMore.";
        assert_eq!(
            first_paragraph(body),
            "Qasr al-Nahr was burying its dead on Saturday after shells hit the market."
        );
        assert_eq!(first_paragraph("Short.\r\n\r\nAlso short."), "Short.");
    }

    #[test]
    fn scores_read_as_a_percentage_and_a_confidence_word() {
        assert_eq!(score_text(0.87), "87% confident");
        assert_eq!(score_text(0.8), "80% likely");
        assert_eq!(score_text(0.51), "51% likely");
        assert_eq!(score_text(0.5), "50% possible");
    }
}
