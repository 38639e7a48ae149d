//! Fonts for scripts egui's bundled fonts lack. Reports come in Arabic and Persian as well as
//! Latin and Cyrillic (the lexicon itself lists داعش); egui bundles no Arabic glyphs and would draw
//! boxes. At start the app adds, as a fallback after the bundled fonts, the first system font it
//! finds that has them. Nothing is downloaded; without such a font the app draws boxes as before.

use egui::epaint::text::{FontInsert, FontPriority, InsertFontFamily};
use egui::{FontData, FontFamily};

/// System fonts with Arabic glyphs, most specific first, on Linux, Windows and macOS.
const CANDIDATES: &[&str] = &[
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/TTF/DejaVuSans.ttf",
    "C:\\Windows\\Fonts\\segoeui.ttf",
    "C:\\Windows\\Fonts\\arial.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial.ttf",
];

/// Adds the first system font found in [`CANDIDATES`] as the last fallback of both families.
/// Returns its path, or `None` when none could be read.
pub fn add_system_fallback(ctx: &egui::Context) -> Option<&'static str> {
    let (path, bytes) = CANDIDATES
        .iter()
        .find_map(|path| std::fs::read(path).ok().map(|bytes| (*path, bytes)))?;
    ctx.add_font(FontInsert {
        name: "system-fallback".to_string(),
        data: FontData::from_owned(bytes),
        families: [FontFamily::Proportional, FontFamily::Monospace]
            .into_iter()
            .map(|family| InsertFontFamily {
                family,
                priority: FontPriority::Lowest,
            })
            .collect(),
    });
    Some(path)
}
