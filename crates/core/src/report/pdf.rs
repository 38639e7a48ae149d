//! The report as a PDF: the same content as the HTML page as printed (every text unfolded), laid
//! out on A4 pages with the fonts compiled into the program, so the file looks the same on every
//! machine and its text can be searched and copied.
//!
//! krilla writes the PDF (subset fonts, a ToUnicode map for every glyph, so text in any script
//! comes out of the file as the text it was); harfrust shapes each run of text, which Arabic
//! needs for its joined letters; unicode-bidi says which words of a line run right to left.
//! Lines break at spaces only: a word longer than a whole line is the one thing cut inside.
//!
//! The fonts are subsets of Noto Sans (Latin, Greek, Cyrillic) and Noto Sans Arabic under the
//! SIL Open Font License (`assets/fonts/`, made by `scripts/subset_fonts.sh`). Text in scripts
//! they lack (Hebrew, CJK…) is kept as text in the file but drawn as empty boxes.
//!
//! Nothing here reads the clock: the same document gives the same bytes.

use std::sync::OnceLock;

use harfrust::{FontRef, ShaperData, UnicodeBuffer};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use unicode_bidi::BidiInfo;

use super::{
    NotedPassage, OutletRating, PassageFound, ReportDocument, ReportNote, distinct_outlets, plural,
    readable_time, tally, title,
};
use crate::analysis::TermCategory;
use crate::compare::{ActorName, Comparison, Report};
use crate::error::{Error, Result};
use crate::ratings::Grade;

const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Bold.ttf");
const ARABIC: &[u8] = include_bytes!("../../../../assets/fonts/NotoSansArabic-Regular.ttf");

/// A4 in points, and the margins.
const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const LEFT: f32 = 50.0;
const RIGHT: f32 = PAGE_W - 50.0;
const TOP: f32 = 54.0;
const BOTTOM: f32 = PAGE_H - 58.0;

const INK: [u8; 3] = [0x1d, 0x1f, 0x23];
const MUTED: [u8; 3] = [0x5d, 0x64, 0x70];
const DIFFERS: [u8; 3] = [0xb3, 0x26, 0x1e];

/// The report as a PDF file's bytes.
pub fn render(doc: &ReportDocument) -> Result<Vec<u8>> {
    let faces = faces()?;
    let mut w = Writer::new(faces);
    content(&mut w, doc);
    w.finish(&title(doc))
}

/// The three faces the report is set in, parsed once per process.
fn faces() -> Result<&'static Faces> {
    static FACES: OnceLock<Option<Faces>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            Some(Faces([
                Face::new(REGULAR)?,
                Face::new(BOLD)?,
                Face::new(ARABIC)?,
            ]))
        })
        .as_ref()
        .ok_or_else(|| Error::Invalid("the report's embedded fonts could not be read".into()))
}

// ---------------------------------------------------------------------------------------------
// What the report says, in order: the same sections as the HTML page.

fn content(w: &mut Writer, doc: &ReportDocument) {
    let c = &doc.comparison;
    let i = &c.incident;
    w.heading(&title(doc), 1);
    let mut facts: Vec<Span> = Vec::new();
    if let Some(date) = &i.date {
        facts.push(Span::muted("Date: "));
        facts.push(Span::bold(&readable_time(date)));
        facts.push(Span::muted(" · "));
    }
    if let Some(place) = &i.place {
        facts.push(Span::muted("Place: "));
        facts.push(Span::bold(place));
    }
    if !facts.is_empty() {
        w.paragraph(&facts, 0.0);
    }
    if !i.summary.trim().is_empty() {
        w.paragraph(&[Span::plain(i.summary.trim())], 0.0);
    }
    let outlets = distinct_outlets(&c.reports);
    w.paragraph(
        &[Span::muted(&format!(
            "{} {} from {} {}.",
            c.reports.len(),
            plural(c.reports.len(), "report", "reports"),
            outlets.len(),
            plural(outlets.len(), "outlet", "outlets")
        ))],
        0.0,
    );
    let by = match doc.prepared_by.trim() {
        "" => "an unnamed analyst",
        who => who,
    };
    w.paragraph(
        &[
            Span::muted("Prepared by "),
            Span::bold(by),
            Span::muted(&format!(" on {}.", readable_time(&doc.prepared_at))),
        ],
        0.0,
    );

    outlet_section(w, doc, &outlets);
    reports_section(w, c);
    claims_section(w, c);
    corroboration_section(w, c);
    missing_section(w, c);
    working_section(w, doc);
    texts_section(w, c);
    provenance_section(w, doc);
}

fn outlet_section(w: &mut Writer, doc: &ReportDocument, outlets: &[&str]) {
    w.heading("Outlets", 2);
    w.paragraph(
        &[Span::muted(
            "Each outlet's combined grade (A completely reliable … E unreliable; F cannot be \
             judged), and each analyst's current grade with the rationale they gave.",
        )],
        0.0,
    );
    for outlet in outlets {
        let grade = doc
            .comparison
            .reports
            .iter()
            .find(|r| r.outlet == *outlet)
            .and_then(|r| r.grade.as_deref());
        w.keep(3);
        w.paragraph(
            &[Span::bold(outlet), Span::muted(" · "), grade_span(grade)],
            0.0,
        );
        let ratings: Vec<&OutletRating> =
            doc.ratings.iter().filter(|r| r.outlet == *outlet).collect();
        if ratings.is_empty() {
            w.paragraph(&[Span::muted("No analyst has rated this outlet.")], INDENT);
        }
        for r in ratings {
            let mut spans = vec![
                Span::bold(&r.analyst),
                Span::plain(": "),
                grade_span(Some(&r.grade)),
                Span::muted(&format!(", rated {}", readable_time(&r.rated_at))),
            ];
            if !r.rationale.trim().is_empty() {
                spans.push(Span::plain(". "));
                spans.push(Span::plain(r.rationale.trim()));
            }
            w.paragraph(&spans, INDENT);
        }
        w.gap(4.0);
    }
}

fn reports_section(w: &mut Writer, c: &Comparison) {
    w.heading("Reports", 2);
    w.paragraph(
        &[Span::muted(
            "Each report's lead, the numbers it claims, whom it cites, what it calls the actors, \
             its loaded words and hedges.",
        )],
        0.0,
    );
    for (n, r) in c.reports.iter().enumerate() {
        w.keep(5);
        report_heading(w, n, r);
        let claims: Vec<String> = r.claims.iter().map(|c| c.shown()).collect();
        let sources = counted(r.attributions.iter().map(|a| a.source.as_str()));
        let names: Vec<String> = r.actor_names.iter().map(ActorName::shown).collect();
        let loaded = counted(r.loaded_terms.iter().map(|t| match t.category {
            TermCategory::Euphemism => format!("{} (euphemism)", t.text),
            _ => t.text.clone(),
        }));
        let hedges = counted(r.hedges.iter().map(|t| t.text.clone()));
        let rows: [(&str, String); 7] = [
            ("Lead", r.lead_text().trim().to_string()),
            ("Numbers claimed", claims.join("; ")),
            ("Sources cited", sources.join("; ")),
            ("Names", names.join("; ")),
            ("Loaded terms", loaded.join("; ")),
            ("Hedges", hedges.join("; ")),
            ("Word count", r.word_count.to_string()),
        ];
        for (label, value) in rows {
            let value = if value.is_empty() {
                Span::muted("none")
            } else {
                Span::plain(&value)
            };
            w.paragraph(&[Span::muted(&format!("{label}: ")), value], INDENT);
        }
        w.gap(6.0);
    }
}

fn claims_section(w: &mut Writer, c: &Comparison) {
    w.heading("Claims", 2);
    w.paragraph(
        &[Span::muted(
            "What each report states of each fact: its first figure, then other figures it \
             gives. Facts marked \"differs\" are stated differently; the reports that do not \
             state a fact are named once, at its end.",
        )],
        0.0,
    );
    for row in &c.facts {
        w.keep(2);
        let mut head = vec![Span::bold(&row.fact)];
        if row.disagreement {
            // Noto Sans has no "≠": the word says it.
            head.push(Span::colored(" · differs", DIFFERS));
        }
        w.paragraph(&head, 0.0);
        let mut silent: Vec<&str> = Vec::new();
        for (cell, r) in row.cells.iter().zip(&c.reports) {
            let Some(main) = &cell.main else {
                if !silent.contains(&r.outlet.as_str()) {
                    silent.push(&r.outlet);
                }
                continue;
            };
            let mut spans = vec![
                Span::muted(&format!("{}: ", r.outlet)),
                Span::bold(&super::fact_shown(&row.fact, main)),
            ];
            if !cell.also.is_empty() {
                spans.push(Span::plain(&format!(" (also {})", cell.also.join("; "))));
            }
            w.paragraph(&spans, INDENT);
        }
        if !silent.is_empty() {
            w.paragraph(
                &[Span::muted(&format!(
                    "Not stated by {}.",
                    silent.join(", ")
                ))],
                INDENT,
            );
        }
        w.gap(3.0);
    }
}

fn corroboration_section(w: &mut Writer, c: &Comparison) {
    w.heading("Corroboration", 2);
    w.paragraph(
        &[Span::muted(
            "The information credibility the program suggests for each report: 1 (confirmed by \
             other sources) when at least two independent sources give the same figure. Copies \
             of one text, reports of one outlet and reports citing one origin count once. Beside \
             it, each analyst's current mark: a suggestion is recorded only when an analyst \
             accepts it.",
        )],
        0.0,
    );
    for s in &c.corroboration {
        w.keep(3);
        let suggested = s
            .suggested
            .map(mark_text)
            .unwrap_or_else(|| "none".to_string());
        w.paragraph(
            &[
                Span::bold(&s.outlet),
                Span::muted(&format!(" (article {}): suggested ", s.article_id)),
                Span::bold(&suggested),
            ],
            0.0,
        );
        w.paragraph(&[Span::plain(&s.explanation)], INDENT);
        let marks: Vec<String> = s
            .assessments
            .iter()
            .map(|a| format!("{}: {}", a.analyst, mark_text(a.credibility)))
            .collect();
        let marks = if marks.is_empty() {
            "not marked".to_string()
        } else {
            marks.join("; ")
        };
        w.paragraph(
            &[Span::muted("Analysts' marks: "), Span::plain(&marks)],
            INDENT,
        );
        w.gap(4.0);
    }
}

fn missing_section(w: &mut Writer, c: &Comparison) {
    w.heading("Facts missing from each report", 2);
    w.paragraph(
        &[Span::muted(
            "For each report, the figures, actors, places and sources other reports carry and it \
             does not, with the outlets that carry each, and once for each kind what the report \
             gives instead.",
        )],
        0.0,
    );
    for m in &c.missing_facts {
        w.keep(3);
        w.paragraph(
            &[
                Span::bold(&m.outlet),
                Span::muted(&format!(" (article {})", m.article_id)),
            ],
            0.0,
        );
        if m.facts.is_empty() {
            w.paragraph(
                &[Span::muted(
                    "Nothing: every figure, actor, place and source the others give is here too.",
                )],
                INDENT,
            );
        }
        for group in super::missing_groups(&m.facts) {
            let mut head = vec![Span::muted(&format!("{}: ", group.kind))];
            match group.instead {
                Some(instead) => head.push(Span::plain(&format!("this report gives {instead}"))),
                None => head.push(Span::plain("not in this report")),
            }
            w.paragraph(&head, INDENT);
            for f in group.facts {
                let by: Vec<&str> = f.carried_by.iter().map(|s| s.outlet.as_str()).collect();
                w.paragraph(
                    &[
                        Span::bold(&f.fact),
                        Span::muted(&format!(" — {}", by.join(", "))),
                    ],
                    2.0 * INDENT,
                );
            }
        }
        w.gap(4.0);
    }
}

fn working_section(w: &mut Writer, doc: &ReportDocument) {
    let wl = &doc.working;
    if wl.is_empty() {
        return;
    }
    w.heading("Notes and tags", 2);
    w.paragraph(
        &[Span::muted(
            "The analysts' tags and notes on the incident, on its reports and on their outlets, \
             as the library held them when this report was prepared.",
        )],
        0.0,
    );
    for a in wl.all() {
        w.keep(3);
        w.paragraph(
            &[Span::bold(&super::annotated_heading(
                doc,
                a,
                str::to_string,
            ))],
            0.0,
        );
        if !a.tags.is_empty() {
            w.paragraph(
                &[Span::muted("Tags: "), Span::plain(&a.tags.join(", "))],
                INDENT,
            );
        }
        for n in &a.notes {
            note(w, n);
        }
        w.gap(4.0);
    }
}

fn note(w: &mut Writer, n: &ReportNote) {
    let mut by = format!(", {}", readable_time(&n.created_at));
    if let Some(edited) = &n.edited_at {
        by.push_str(&format!(" (edited {})", readable_time(edited)));
    }
    w.paragraph(&[Span::bold(&n.author), Span::muted(&by)], INDENT);
    if let Some(p) = &n.passage {
        passage(w, p);
    }
    w.paragraph(&[Span::plain(&n.text)], INDENT);
}

fn passage(w: &mut Writer, p: &NotedPassage) {
    match p.found {
        PassageFound::NotFound => {
            w.paragraph(
                &[Span::muted(
                    "On a passage no longer found in the article's text; the words it marked:",
                )],
                INDENT,
            );
            w.paragraph(&[Span::bold(&p.text)], 2.0 * INDENT);
        }
        found => {
            let mut spans = Vec::new();
            if p.more_before {
                spans.push(Span::muted("… "));
            }
            spans.push(Span::muted(&p.before));
            spans.push(Span::bold(&p.text));
            spans.push(Span::muted(&p.after));
            if p.more_after {
                spans.push(Span::muted(" …"));
            }
            w.paragraph(&spans, 2.0 * INDENT);
            if found == PassageFound::Quote {
                w.paragraph(
                    &[Span::muted(
                        "Found by its words: the place stored with the note no longer holds them.",
                    )],
                    2.0 * INDENT,
                );
            }
        }
    }
}

/// A report's number, outlet, grade and date, then its headline.
fn report_heading(w: &mut Writer, n: usize, r: &Report) {
    w.paragraph(
        &[
            Span::bold(&format!("{}. {}", n + 1, r.outlet)),
            Span::muted(" · "),
            grade_span(r.grade.as_deref()),
            Span::muted(&format!(
                " · {}",
                r.published
                    .as_deref()
                    .map(readable_time)
                    .unwrap_or_else(|| "no date".into())
            )),
        ],
        0.0,
    );
    w.paragraph(&[Span::bold(&r.headline)], 0.0);
}

fn texts_section(w: &mut Writer, c: &Comparison) {
    w.heading("Texts", 2);
    for (n, r) in c.reports.iter().enumerate() {
        w.keep(4);
        report_heading(w, n, r);
        for para in r.body.split("\n\n") {
            let para = para.trim();
            if !para.is_empty() {
                w.paragraph(&[Span::plain(para)], 0.0);
            }
        }
        if !r.set_apart.is_empty() {
            w.paragraph(
                &[Span::muted(
                    "Set apart at import: not the report's own text, and nothing in it counted.",
                )],
                0.0,
            );
            for item in &r.set_apart {
                w.paragraph(
                    &[
                        Span::bold(&format!("{}: ", item.why())),
                        Span::plain(&item.text),
                    ],
                    INDENT,
                );
            }
        }
        w.gap(8.0);
    }
}

fn provenance_section(w: &mut Writer, doc: &ReportDocument) {
    w.heading("Provenance", 2);
    w.paragraph(
        &[Span::muted("Where each article came from in the library.")],
        0.0,
    );
    for r in &doc.comparison.reports {
        w.keep(3);
        w.paragraph(
            &[
                Span::bold(&r.outlet),
                Span::muted(&format!(" (article {})", r.article_id)),
            ],
            0.0,
        );
        match doc.provenance.iter().find(|p| p.article_id == r.article_id) {
            Some(p) => {
                w.paragraph(
                    &[Span::muted("File: "), Span::plain(&p.source_path)],
                    INDENT,
                );
                w.paragraph(
                    &[
                        Span::muted("Imported: "),
                        Span::plain(&readable_time(&p.imported_at)),
                    ],
                    INDENT,
                );
                w.paragraph(
                    &[Span::muted("Content hash: "), Span::plain(&p.content_hash)],
                    INDENT,
                );
            }
            None => w.paragraph(&[Span::muted("not recorded")], INDENT),
        }
    }
}

/// "B usually reliable", a grade with its meaning.
fn grade_span(grade: Option<&str>) -> Span {
    let text = match (grade, grade.and_then(|g| g.parse::<Grade>().ok())) {
        (_, Some(g)) => format!("{} ({})", g.letter(), g.meaning()),
        (Some(raw), None) => raw.to_string(),
        (None, None) => "not rated".to_string(),
    };
    Span::bold(&text)
}

/// "1 (confirmed by other sources)".
fn mark_text(mark: u8) -> String {
    match crate::ratings::credibility_meaning(mark) {
        Some(meaning) => format!("{mark} ({meaning})"),
        None => mark.to_string(),
    }
}

/// Distinct values (case-insensitive) in order of first use, "×N" after those seen N times.
fn counted<S: AsRef<str>>(values: impl Iterator<Item = S>) -> Vec<String> {
    tally(values)
        .into_iter()
        .map(|(s, n)| if n > 1 { format!("{s} ×{n}") } else { s })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Text set in lines and pages.

/// How far a paragraph under a heading is indented.
const INDENT: f32 = 14.0;
/// The body text's size in points.
const SIZE: f32 = 9.5;

/// Which face a piece of text is set in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FaceId {
    Regular = 0,
    Bold = 1,
    Arabic = 2,
}

/// A font: krilla's handle for the PDF and harfrust's tables for shaping.
struct Face {
    data: &'static [u8],
    font: Font,
    shaper: ShaperData,
    units_per_em: f32,
}

impl Face {
    fn new(data: &'static [u8]) -> Option<Face> {
        let font = Font::new(data.into(), 0)?;
        let font_ref = FontRef::new(data).ok()?;
        Some(Face {
            data,
            units_per_em: font.units_per_em(),
            shaper: ShaperData::new(&font_ref),
            font,
        })
    }
}

struct Faces([Face; 3]);

impl Faces {
    fn get(&self, id: FaceId) -> &Face {
        &self.0[id as usize]
    }
}

/// A piece of a paragraph in one style.
struct Span {
    text: String,
    bold: bool,
    color: [u8; 3],
}

impl Span {
    fn plain(text: &str) -> Span {
        Span {
            text: text.to_string(),
            bold: false,
            color: INK,
        }
    }
    fn bold(text: &str) -> Span {
        Span {
            bold: true,
            ..Span::plain(text)
        }
    }
    fn muted(text: &str) -> Span {
        Span {
            color: MUTED,
            ..Span::plain(text)
        }
    }
    fn colored(text: &str, color: [u8; 3]) -> Span {
        Span {
            color,
            bold: true,
            ..Span::plain(text)
        }
    }
}

/// A run of glyphs in one face, size, colour and bidi level, with the text they stand for: the
/// pieces a line is reordered by. A space between words is a run without glyphs.
#[derive(Clone)]
struct Run {
    face: FaceId,
    size: f32,
    color: [u8; 3],
    /// The Unicode bidi embedding level: odd runs right to left.
    level: u8,
    text: String,
    glyphs: Vec<KrillaGlyph>,
    width: f32,
}

/// A word: its runs in logical order, whether a space comes before it (and that space's bidi
/// level), and whether a line break does.
struct Word {
    runs: Vec<Run>,
    width: f32,
    space_before: bool,
    space_level: u8,
    line_break_before: bool,
}

/// Something drawn on a page.
enum Op {
    Text { x: f32, baseline: f32, run: Run },
    Rect { rect: Rect, color: [u8; 3] },
}

struct Writer {
    faces: &'static Faces,
    pages: Vec<Vec<Op>>,
    /// The top of the free space on the last page.
    y: f32,
    /// Where a page's text ends: [`BOTTOM`], or the page's foot for the footer.
    bottom: f32,
}

impl Writer {
    fn new(faces: &'static Faces) -> Writer {
        Writer {
            faces,
            pages: vec![Vec::new()],
            y: TOP,
            bottom: BOTTOM,
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Starts a new page unless `lines` lines of body text still fit on this one.
    fn keep(&mut self, lines: usize) {
        if self.y + lines as f32 * line_height(SIZE) > self.bottom {
            self.new_page();
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// A heading: level 1 the title, level 2 a section, with a rule under a section's.
    fn heading(&mut self, text: &str, level: u8) {
        let size = if level == 1 { 17.0 } else { 13.0 };
        if level > 1 {
            self.y += 10.0;
            // A heading is kept with a few lines of what follows it.
            if self.y + line_height(size) + 4.0 * line_height(SIZE) > self.bottom {
                self.new_page();
            }
        }
        self.lines(&[Span::bold(text)], size, 0.0);
        if level > 1 {
            let rect = Rect::from_xywh(LEFT, self.y, RIGHT - LEFT, 1.2);
            if let (Some(rect), Some(page)) = (rect, self.pages.last_mut()) {
                page.push(Op::Rect { rect, color: INK });
            }
            self.y += 6.0;
        } else {
            self.y += 2.0;
        }
    }

    /// A paragraph of body text, indented by `indent` points.
    fn paragraph(&mut self, spans: &[Span], indent: f32) {
        self.lines(spans, SIZE, indent);
        self.y += 2.5;
    }

    /// Sets `spans` in lines at `size`, breaking at spaces, right-aligned when the paragraph's
    /// first strong letter is right-to-left.
    fn lines(&mut self, spans: &[Span], size: f32, indent: f32) {
        let (words, rtl_paragraph) = self.words(spans, size);
        let width = RIGHT - LEFT - indent;
        let space = self.space_width(size);
        let mut line: Vec<Run> = Vec::new();
        let mut line_width = 0.0;
        for word in words {
            for piece in self.fit(word, width) {
                let spaced = !line.is_empty() && piece.space_before;
                let extra = if spaced { space } else { 0.0 };
                if !line.is_empty()
                    && (piece.line_break_before || line_width + extra + piece.width > width)
                {
                    self.place_line(std::mem::take(&mut line), size, indent, rtl_paragraph);
                    line_width = 0.0;
                } else if spaced {
                    line.push(Run {
                        face: FaceId::Regular,
                        size,
                        color: INK,
                        level: piece.space_level,
                        text: String::new(),
                        glyphs: Vec::new(),
                        width: space,
                    });
                    line_width += space;
                }
                line_width += piece.width;
                line.extend(piece.runs);
            }
        }
        if !line.is_empty() {
            self.place_line(line, size, indent, rtl_paragraph);
        }
    }

    /// The words of a paragraph, each cut into runs of one style, face and bidi level and
    /// shaped, with whether the paragraph runs right to left.
    fn words(&self, spans: &[Span], size: f32) -> (Vec<Word>, bool) {
        let full: String = spans.iter().map(|s| s.text.as_str()).collect();
        let bidi = BidiInfo::new(&full, None);
        let rtl_paragraph = bidi.paragraphs.first().is_some_and(|p| p.level.is_rtl());
        let level_at = |at: usize| bidi.levels.get(at).map_or(0, |l| l.number());
        // Each word's letters: (span, face if the letter decides one, level, letter).
        struct Letter {
            span: usize,
            face: Option<FaceId>,
            level: u8,
            ch: char,
        }
        struct RawWord {
            letters: Vec<Letter>,
            space_before: bool,
            space_level: u8,
            line_break_before: bool,
        }
        let mut raw: Vec<RawWord> = Vec::new();
        let mut space: Option<u8> = None;
        let mut line_break = false;
        let mut offset = 0;
        for (si, span) in spans.iter().enumerate() {
            for (i, ch) in span.text.char_indices() {
                let at = offset + i;
                if ch.is_whitespace() {
                    space = Some(level_at(at));
                    line_break |= ch == '\n';
                    continue;
                }
                if space.is_some() || raw.is_empty() {
                    raw.push(RawWord {
                        letters: Vec::new(),
                        space_before: space.is_some(),
                        space_level: space.unwrap_or(0),
                        line_break_before: line_break,
                    });
                    space = None;
                    line_break = false;
                }
                if let Some(word) = raw.last_mut() {
                    word.letters.push(Letter {
                        span: si,
                        face: face_of(ch, span.bold),
                        level: level_at(at),
                        ch,
                    });
                }
            }
            offset += span.text.len();
        }
        let words = raw
            .into_iter()
            .map(|word| {
                // A joiner or mark takes the face of the letter before it (or, at the word's
                // start, after it).
                let mut face = word
                    .letters
                    .iter()
                    .find_map(|l| l.face)
                    .unwrap_or(FaceId::Regular);
                let mut runs: Vec<Run> = Vec::new();
                let mut current: Option<(usize, FaceId, u8, String)> = None;
                for l in &word.letters {
                    face = l.face.unwrap_or(face);
                    match &mut current {
                        Some((s, f, lv, text)) if *s == l.span && *f == face && *lv == l.level => {
                            text.push(l.ch)
                        }
                        _ => {
                            if let Some((s, f, lv, text)) = current.take() {
                                runs.push(self.shape(&text, f, size, spans[s].color, lv));
                            }
                            current = Some((l.span, face, l.level, l.ch.to_string()));
                        }
                    }
                }
                if let Some((s, f, lv, text)) = current {
                    runs.push(self.shape(&text, f, size, spans[s].color, lv));
                }
                Word {
                    width: runs.iter().map(|r| r.width).sum(),
                    runs,
                    space_before: word.space_before,
                    space_level: word.space_level,
                    line_break_before: word.line_break_before,
                }
            })
            .collect();
        (words, rtl_paragraph)
    }

    /// A word as it fits a line of `width`: whole, or (only when longer than a line) cut into
    /// pieces that each fit.
    fn fit(&self, word: Word, width: f32) -> Vec<Word> {
        if word.width <= width {
            return vec![word];
        }
        let mut out: Vec<Word> = Vec::new();
        let mut current: Vec<Run> = Vec::new();
        let mut current_width = 0.0;
        let piece = |runs: Vec<Run>, first: bool| Word {
            width: runs.iter().map(|r| r.width).sum(),
            runs,
            space_before: first && word.space_before,
            space_level: word.space_level,
            line_break_before: first && word.line_break_before,
        };
        for run in &word.runs {
            let mut chars = String::new();
            for ch in run.text.chars() {
                let one = self.shape(&ch.to_string(), run.face, run.size, run.color, run.level);
                if current_width + one.width > width && (!current.is_empty() || !chars.is_empty()) {
                    if !chars.is_empty() {
                        current.push(self.shape(&chars, run.face, run.size, run.color, run.level));
                        chars.clear();
                    }
                    out.push(piece(std::mem::take(&mut current), out.is_empty()));
                    current_width = 0.0;
                }
                chars.push(ch);
                current_width += one.width;
            }
            if !chars.is_empty() {
                current.push(self.shape(&chars, run.face, run.size, run.color, run.level));
            }
        }
        if !current.is_empty() {
            out.push(piece(current, out.is_empty()));
        }
        out
    }

    /// Places one line's runs at the current height, in visual order, and moves down.
    fn place_line(&mut self, mut runs: Vec<Run>, size: f32, indent: f32, rtl: bool) {
        if self.y + line_height(size) > self.bottom {
            self.new_page();
        }
        reorder(&mut runs);
        let total: f32 = runs.iter().map(|r| r.width).sum();
        let mut x = if rtl {
            (RIGHT - total).max(LEFT + indent)
        } else {
            LEFT + indent
        };
        let baseline = self.y + size * 1.1;
        let page = self.pages.len() - 1;
        for run in runs {
            let width = run.width;
            if !run.glyphs.is_empty() {
                self.pages[page].push(Op::Text { x, baseline, run });
            }
            x += width;
        }
        self.y += line_height(size);
    }

    fn space_width(&self, size: f32) -> f32 {
        self.shape(" ", FaceId::Regular, size, INK, 0).width
    }

    /// Shapes `text` in one face, right to left when `level` is odd (which also mirrors
    /// brackets).
    fn shape(&self, text: &str, face_id: FaceId, size: f32, color: [u8; 3], level: u8) -> Run {
        let face = self.faces.get(face_id);
        let mut glyphs = Vec::new();
        if let Ok(font_ref) = FontRef::new(face.data) {
            let shaper = face.shaper.shaper(&font_ref).build();
            let mut buffer = UnicodeBuffer::new();
            buffer.push_str(text);
            buffer.guess_segment_properties();
            buffer.set_direction(if level % 2 == 1 {
                harfrust::Direction::RightToLeft
            } else {
                harfrust::Direction::LeftToRight
            });
            let shaped = shaper.shape(buffer, harfrust::ShapeOptions::new());
            let mut starts: Vec<usize> = shaped
                .glyph_infos()
                .iter()
                .map(|g| g.cluster as usize)
                .collect();
            starts.sort_unstable();
            starts.dedup();
            let em = face.units_per_em;
            for (info, pos) in shaped.glyph_infos().iter().zip(shaped.glyph_positions()) {
                let start = info.cluster as usize;
                let end = starts
                    .iter()
                    .find(|&&s| s > start)
                    .copied()
                    .unwrap_or(text.len());
                glyphs.push(KrillaGlyph::new(
                    GlyphId::new(info.glyph_id),
                    pos.x_advance as f32 / em,
                    pos.x_offset as f32 / em,
                    pos.y_offset as f32 / em,
                    pos.y_advance as f32 / em,
                    start..end,
                    None,
                ));
            }
        }
        let width = glyphs.iter().map(|g| g.x_advance * size).sum();
        Run {
            face: face_id,
            size,
            color,
            level,
            text: text.to_string(),
            glyphs,
            width,
        }
    }

    /// The PDF: every page drawn, with "page N of M" and the title at its foot.
    fn finish(self, title: &str) -> Result<Vec<u8>> {
        let count = self.pages.len();
        let mut footers = Vec::with_capacity(count);
        for n in 0..count {
            let text = format!("{title} · page {} of {count}", n + 1);
            let mut w = Writer::new(self.faces);
            w.y = BOTTOM + 18.0;
            w.bottom = PAGE_H;
            w.lines(&[Span::muted(&text)], 7.5, 0.0);
            footers.push(w.pages.into_iter().next().unwrap_or_default());
        }
        let mut document = Document::new();
        document.set_metadata(
            Metadata::new()
                .title(title.to_string())
                .creator("Triangulate".to_string())
                .language("en".to_string()),
        );
        for (ops, footer) in self.pages.iter().zip(&footers) {
            let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
                .ok_or_else(|| Error::Invalid("a PDF page of A4 size".into()))?;
            let mut page = document.start_page_with(settings);
            let mut surface = page.surface();
            for op in ops.iter().chain(footer) {
                match op {
                    Op::Text { x, baseline, run } => {
                        surface.set_fill(Some(fill(run.color)));
                        surface.draw_glyphs(
                            Point::from_xy(*x, *baseline),
                            run.glyphs.as_slice(),
                            self.faces.get(run.face).font.clone(),
                            &run.text,
                            run.size,
                            false,
                        );
                    }
                    Op::Rect { rect, color } => {
                        let mut path = PathBuilder::new();
                        path.push_rect(*rect);
                        if let Some(path) = path.finish() {
                            surface.set_fill(Some(fill(*color)));
                            surface.draw_path(&path);
                        }
                    }
                }
            }
            surface.finish();
            page.finish();
        }
        document
            .finish()
            .map_err(|e| Error::Invalid(format!("the report as PDF: {e:?}")))
    }
}

fn fill(color: [u8; 3]) -> Fill {
    Fill {
        paint: rgb::Color::new(color[0], color[1], color[2]).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn line_height(size: f32) -> f32 {
    size * 1.45
}

/// Reorders a line's runs from logical to visual order: from the highest level down to the
/// lowest odd one, every sequence of runs at that level or above is reversed (rule L2 of the
/// Unicode bidirectional algorithm; each run's glyphs are already in visual order).
fn reorder(runs: &mut [Run]) {
    let Some(highest) = runs.iter().map(|r| r.level).max() else {
        return;
    };
    let Some(lowest_odd) = runs.iter().map(|r| r.level).filter(|l| l % 2 == 1).min() else {
        return;
    };
    let mut level = highest;
    while level >= lowest_odd {
        let mut i = 0;
        while i < runs.len() {
            if runs[i].level >= level {
                let start = i;
                while i < runs.len() && runs[i].level >= level {
                    i += 1;
                }
                runs[start..i].reverse();
            } else {
                i += 1;
            }
        }
        level -= 1;
    }
}

/// Whether a letter is set in the Arabic face.
fn is_arabic(ch: char) -> bool {
    matches!(ch as u32,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
}

/// The face a letter asks for: Arabic letters, digits and punctuation the Arabic face, the
/// joiners and direction marks none of their own (they stay in their word's run), everything
/// else Noto Sans (bold or not).
fn face_of(ch: char, bold: bool) -> Option<FaceId> {
    if is_arabic(ch) {
        Some(FaceId::Arabic)
    } else if ('\u{200c}'..='\u{200f}').contains(&ch) {
        None
    } else {
        Some(if bold { FaceId::Bold } else { FaceId::Regular })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The runs of a one-line paragraph in visual order, as (text, level).
    fn line(text: &str) -> Vec<(String, u8)> {
        let w = Writer::new(faces().unwrap());
        let (words, _) = w.words(&[Span::plain(text)], SIZE);
        let mut runs: Vec<Run> = Vec::new();
        for word in words {
            if word.space_before {
                runs.push(Run {
                    text: " ".into(),
                    level: word.space_level,
                    ..w.shape(" ", FaceId::Regular, SIZE, INK, 0)
                });
            }
            runs.extend(word.runs);
        }
        reorder(&mut runs);
        runs.into_iter().map(|r| (r.text, r.level)).collect()
    }

    #[test]
    fn arabic_words_in_an_english_line_run_right_to_left_and_change_face() {
        let runs = line("the Crescent Front (جبهة الهلال) blamed");
        let texts: Vec<&str> = runs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "the",
                " ",
                "Crescent",
                " ",
                "Front",
                " ",
                "(",
                "الهلال",
                " ",
                "جبهة",
                ")",
                " ",
                "blamed"
            ]
        );
        let w = Writer::new(faces().unwrap());
        let (words, rtl) = w.words(&[Span::bold("so-called (داعش)-style 19,")], SIZE);
        assert!(!rtl);
        let faces: Vec<(String, FaceId)> = words
            .iter()
            .flat_map(|w| w.runs.iter().map(|r| (r.text.clone(), r.face)))
            .collect();
        assert_eq!(faces[1], ("(".to_string(), FaceId::Bold));
        assert_eq!(faces[2], ("داعش".to_string(), FaceId::Arabic));
        assert_eq!(faces[3], (")-style".to_string(), FaceId::Bold));
        assert_eq!(faces.last().unwrap(), &("19,".to_string(), FaceId::Bold));
    }

    #[test]
    fn an_arabic_paragraph_reads_right_to_left() {
        let runs = line("قتل 12 شخصا");
        let texts: Vec<&str> = runs.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(texts, ["شخصا", " ", "12", " ", "قتل"]);
    }

    #[test]
    fn the_embedded_fonts_shape_latin_cyrillic_and_arabic_without_missing_glyphs() {
        let w = Writer::new(faces().unwrap());
        for (text, face, level) in [
            ("Shelling", FaceId::Regular, 0),
            ("Дейр-эз-Зор", FaceId::Bold, 0),
            ("داعش", FaceId::Arabic, 1),
        ] {
            let run = w.shape(text, face, 10.0, INK, level);
            assert!(!run.glyphs.is_empty() && run.width > 0.0, "{text}");
            assert!(
                run.glyphs.iter().all(|g| g.glyph_id != GlyphId::new(0)),
                "{text} has a missing glyph"
            );
        }
    }

    #[test]
    fn an_empty_comparison_and_text_in_scripts_without_a_face_still_render() {
        let mut doc = ReportDocument {
            comparison: crate::compare::compare(
                Default::default(),
                &[],
                &crate::library::world::sample_lexicon(),
                &crate::library::world::sample_gazetteer(),
            ),
            provenance: Vec::new(),
            ratings: Vec::new(),
            prepared_by: String::new(),
            prepared_at: "not a time".into(),
            working: Default::default(),
        };
        assert!(render(&doc).unwrap().starts_with(b"%PDF-"));
        doc.comparison.incident.title = "הפגזה 市场 \u{200d}\u{0301} ".repeat(40);
        doc.comparison.incident.summary = "x".repeat(5_000);
        assert!(render(&doc).unwrap().starts_with(b"%PDF-"));
    }

    #[test]
    fn a_word_longer_than_a_line_is_the_only_thing_cut() {
        let w = Writer::new(faces().unwrap());
        let hash = "0123456789abcdef".repeat(12);
        let (words, _) = w.words(&[Span::plain(&format!("hash {hash} end"))], SIZE);
        let pieces: Vec<Word> = words
            .into_iter()
            .flat_map(|word| w.fit(word, 200.0))
            .collect();
        let texts: Vec<String> = pieces
            .iter()
            .map(|p| p.runs.iter().map(|r| r.text.as_str()).collect())
            .collect();
        assert_eq!(texts.first().map(String::as_str), Some("hash"));
        assert_eq!(texts.last().map(String::as_str), Some("end"));
        assert_eq!(texts[1..texts.len() - 1].concat(), hash);
        assert!(pieces.iter().all(|p| p.width <= 200.0));
    }
}
