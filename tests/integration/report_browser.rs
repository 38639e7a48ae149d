//! The HTML report in a real browser: headless Chromium loads a report whose article text tries
//! to be markup, and the page it builds holds that text as text, runs no script, and shows every
//! section. Skipped (with a note) where no Chromium is installed; `scripts/report-in-browser.sh`
//! installs it from Debian's packages and runs this test, which also saves a screenshot of the
//! sample's report to `target/tmp/report.png`.

use crate::common;

use std::path::Path;
use std::process::Command;

use triangulate_core::Library;
use triangulate_core::report::{Format, render};

/// The browser to drive, if one is installed.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn headless(browser: &str, page: &Path, args: &[&str]) -> String {
    let out = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
        ])
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("the browser runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn the_html_report_opens_in_a_browser_with_article_text_inert() {
    let Some(browser) = chromium() else {
        println!("skipped: no Chromium installed (scripts/report-in-browser.sh installs it)");
        return;
    };
    let (dir, path) = common::sample_library_file();
    let mut library = Library::open(&path).unwrap();
    let ids = vec![
        common::article_id(&library, "Meridian Wire", "Shelling kills at least 19"),
        common::article_id(
            &library,
            "Qadira National Broadcasting",
            "Four citizens martyred",
        ),
        common::article_id(
            &library,
            "Qadira Conflict Observatory",
            "23 civilians killed",
        ),
    ];
    let incident = common::make_incident(
        &mut library,
        "Shelling <script>document.title='pwned'</script>",
        "2025-03-14",
        &ids,
    );
    let comparison = triangulate_core::compare::compare_incident(&library, incident).unwrap();
    let doc = triangulate_core::report::report_document(
        &library,
        comparison,
        "<img src=x onerror=alert(1)>",
        "2026-01-02T03:04:05Z",
    )
    .unwrap();
    let page = dir.path().join("report.html");
    std::fs::write(&page, render(&doc, Format::Html).unwrap()).unwrap();

    let dom = headless(browser, &page, &["--dump-dom"]);
    assert!(
        dom.contains("<h1"),
        "the page loads: {}",
        &dom[..dom.len().min(500)]
    );
    assert!(!dom.contains("pwned</title>"), "no script ran");
    assert!(!dom.contains("<script"), "no script element");
    assert!(!dom.contains("<img"), "no image element");
    assert!(
        dom.contains("&lt;script&gt;document.title"),
        "the title shows as text"
    );
    for section in [
        "Outlets",
        "Side by side",
        "Claims",
        "Texts",
        "Charts",
        "Provenance",
    ] {
        assert!(dom.contains(section), "{section} is on the page");
    }
    assert!(dom.contains("<svg"), "the charts are drawn");

    // Cargo's scratch folder for integration tests, inside the target folder wherever it is.
    let shot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("report.png");
    let _ = std::fs::remove_file(&shot);
    headless(
        browser,
        &page,
        &[
            "--window-size=1200,1600",
            &format!("--screenshot={}", shot.display()),
        ],
    );
    assert!(shot.exists(), "the browser saved {}", shot.display());
    println!("screenshot: {}", shot.display());
}
