//! A library at scale: a million synthetic articles from 5,000 outlets with 100,000 incidents
//! (`triangulate synth`; generated once under target/bench-data and kept). Measures what the
//! analyst feels:
//!
//! - opening the library and drawing the first screen of the app (Library view), headless;
//! - one frame of the Library view while scrolling (wheel steps and scroll-bar jumps), with
//!   egui's layout and tessellation, as the window would draw it;
//! - two-word full-text searches to the first 100 ranked hits, for words of several frequencies;
//! - the Outlets and Incidents views' first frames, and filtered counts;
//! - resident memory (peak) after all of it.
//!
//! `TRIANGULATE_SCALE_N` sets the number of articles (default 1,000,000);
//! `TRIANGULATE_SCALE_LIBRARY` uses an existing library instead.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use triangulate::app::{NoDialogs, TriangulateApp, View};
use triangulate_core::jobs::Progress;
use triangulate_core::library::synth::{SynthSpec, vocabulary};
use triangulate_core::library::{ArticleFilter, ArticleOrder, Library, SortKey};

fn main() {
    let n: usize = std::env::var("TRIANGULATE_SCALE_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let spec = SynthSpec {
        articles: n,
        outlets: 5_000,
        incidents: 100_000,
        words: 250,
        seed: 1,
    };
    let path = match std::env::var_os("TRIANGULATE_SCALE_LIBRARY") {
        Some(path) => PathBuf::from(path),
        None => library_of(&spec),
    };
    // Migrations (new indexes) run once, outside the measurements.
    let library = Library::open(&path).expect("open the library");
    let counts = library.counts().expect("count");
    println!(
        "library: {} ({} articles, {} outlets, {} incidents, {:.1} GB)",
        path.display(),
        counts.articles,
        counts.outlets,
        counts.incidents,
        std::fs::metadata(&path).map_or(0, |m| m.len()) as f64 / 1e9
    );
    drop(library);

    open_and_first_screen(&path);
    scrolling(&path);
    searching(&path, &spec);
    other_views(&path);
    filters(&path);
    memory();
}

/// The synthetic library for `spec`, generated on first use.
fn library_of(spec: &SynthSpec) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-data");
    let path = dir.join(format!("scale-{}.sqlite", spec.articles));
    let done = dir.join(format!("scale-{}.done", spec.articles));
    if !done.exists() {
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::create_dir_all(&dir);
        println!(
            "generating {} synthetic articles in {} (once; several minutes)",
            spec.articles,
            path.display()
        );
        let mut library = Library::open(&path).expect("create the library");
        library
            .generate_synthetic(spec, &Progress::new())
            .expect("generate");
        let _ = std::fs::write(&done, "");
    }
    path
}

/// A headless window: an egui context at 1400×900 driving the app, timing each frame with its
/// tessellation.
struct Window {
    ctx: egui::Context,
    app: TriangulateApp,
}

impl Window {
    fn open(path: &Path) -> Window {
        let ctx = egui::Context::default();
        Window {
            ctx,
            app: TriangulateApp::for_library(path, Box::new(NoDialogs)),
        }
    }

    fn frame(&mut self, events: Vec<egui::Event>) -> Duration {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1400.0, 900.0),
            )),
            events,
            ..Default::default()
        };
        let start = Instant::now();
        let app = &mut self.app;
        let output = self.ctx.run_ui(input, |ui| app.ui(ui));
        let _meshes = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        start.elapsed()
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

fn stats(mut times: Vec<Duration>) -> String {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    format!(
        "median {}, p95 {}, max {} ({} runs)",
        ms(at(0.5)),
        ms(at(0.95)),
        ms(at(1.0)),
        times.len()
    )
}

fn open_and_first_screen(path: &Path) {
    let mut times = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        let mut window = Window::open(path);
        window.frame(Vec::new());
        times.push(start.elapsed());
    }
    println!("open + first screen (Library view): {}", stats(times));
}

fn scrolling(path: &Path) {
    let mut window = Window::open(path);
    window.frame(Vec::new());
    window.app.wait_for_library_view();
    let mouse = egui::Event::PointerMoved(egui::pos2(600.0, 400.0));
    window.frame(vec![mouse.clone()]);
    let wheel = |dy: f32| egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, dy),
        modifiers: egui::Modifiers::NONE,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
    };
    let mut steps = Vec::new();
    for _ in 0..300 {
        steps.push(window.frame(vec![mouse.clone(), wheel(-400.0)]));
    }
    println!(
        "frame while wheel-scrolling (400 px a frame): {}",
        stats(steps)
    );
    let mut flings = Vec::new();
    for _ in 0..200 {
        flings.push(window.frame(vec![mouse.clone(), wheel(-60_000.0)]));
    }
    println!(
        "frame while flinging (60,000 px, ~2,700 rows a frame): {}",
        stats(flings)
    );
}

fn searching(path: &Path, spec: &SynthSpec) {
    let library = Library::open(path).expect("open");
    let words = vocabulary(spec.seed);
    let queries = [
        (
            "rare words (ranks 3,000 and 5,000)",
            format!("{} {}", words[3_000], words[5_000]),
        ),
        (
            "mid words (ranks 300 and 500)",
            format!("{} {}", words[300], words[500]),
        ),
        (
            "common words (ranks 60 and 80)",
            format!("{} {}", words[60], words[80]),
        ),
        (
            "a place name (two words)",
            triangulate_core::library::synth::place(spec.seed, 10),
        ),
    ];
    let filter = ArticleFilter::default();
    for (what, query) in queries {
        let found = library
            .search_ranked_plain(&query, &filter, 100)
            .expect("search");
        let mut times = Vec::new();
        for _ in 0..20 {
            let start = Instant::now();
            library
                .search_ranked_plain(&query, &filter, 100)
                .expect("search");
            times.push(start.elapsed());
        }
        let among = found
            .ranked_among
            .map_or(String::new(), |n| format!(", ranked among the newest {n}"));
        println!(
            "search, {what} \"{query}\": first 100 ranked hits ({} shown{among}): {}",
            found.hits.len(),
            stats(times)
        );
        let screen: Vec<i64> = found.hits.iter().take(40).map(|h| h.id).collect();
        let mut times = Vec::new();
        for _ in 0..10 {
            let start = Instant::now();
            library.snippets(&query, &screen).expect("snippets");
            times.push(start.elapsed());
        }
        println!(
            "  then snippets for the first screen (40 hits): {}",
            stats(times)
        );
    }
}

fn other_views(path: &Path) {
    for view in [View::Outlets, View::Incidents] {
        let mut times = Vec::new();
        for _ in 0..5 {
            let mut window = Window::open(path);
            window.app.settings.view = view;
            let start = Instant::now();
            window.frame(Vec::new());
            times.push(start.elapsed());
        }
        println!("{view:?} view, first frame after opening: {}", stats(times));
    }
}

fn filters(path: &Path) {
    let library = Library::open(path).expect("open");
    let outlet = library
        .outlet_names()
        .expect("outlets")
        .first()
        .map(|(id, _)| *id);
    let cases = [
        ("no filter", ArticleFilter::default()),
        (
            "one outlet",
            ArticleFilter {
                outlet,
                ..ArticleFilter::default()
            },
        ),
        (
            "language ru",
            ArticleFilter {
                language: Some("ru".into()),
                ..ArticleFilter::default()
            },
        ),
        (
            "March 2025",
            ArticleFilter {
                from: Some("2025-03".into()),
                to: Some("2025-03".into()),
                ..ArticleFilter::default()
            },
        ),
    ];
    for (what, filter) in cases {
        let start = Instant::now();
        let n = library.count_articles(&filter).expect("count");
        let count = start.elapsed();
        let start = Instant::now();
        let order = ArticleOrder {
            key: SortKey::Title,
            descending: false,
        };
        library
            .article_page(&filter, order, None, 0, 100)
            .expect("page");
        let page = start.elapsed();
        println!(
            "filter {what}: {n} articles, count {}, first page by title {}",
            ms(count),
            ms(page)
        );
    }
    let start = Instant::now();
    let anchors = library
        .article_anchors(
            &ArticleFilter::default(),
            ArticleOrder::default(),
            1_000,
            &|| false,
        )
        .expect("anchors");
    println!(
        "anchors every 1,000 rows by date (background): {} in {}",
        anchors.map_or(0, |a| a.len()),
        ms(start.elapsed())
    );
}

fn memory() {
    match std::fs::read_to_string("/proc/self/status") {
        Ok(status) => {
            for line in status.lines() {
                if line.starts_with("VmHWM") || line.starts_with("VmRSS") {
                    println!("memory {line}");
                }
            }
        }
        Err(_) => println!("memory: /proc/self/status not available on this system"),
    }
}
