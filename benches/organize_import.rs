//! How long an organizing file of 10,000 labels takes to import: read back (`from_file`, which tidies
//! it), merged into a workspace of 10,000 other labels (`imported`), its preview counted (`changes`).
//! `scripts/bench.sh` runs it natively (`cargo bench -p kiubi-panel --bench organize_import`); the
//! panel runs the same code in wasm, slower by a small factor. Issue 42's goal: under a second.

use std::hint::black_box;
use std::time::Instant;

use kiubi_panel::organize::{changes, from_file, imported, to_file, Colour, Import, Label, Note, Workspace};

const LABELS: usize = 10_000;
const RUNS: usize = 7;

/// `LABELS` labels named `{prefix} {i}`, each on its site `site-{i}`, with a note each.
fn workspace(prefix: &str) -> Workspace {
    let mut ws = Workspace::default();
    for i in 0..LABELS {
        let name = format!("{prefix} {i}");
        ws.labels.push(Label { name: name.clone(), colour: Colour::Blue });
        ws.site_labels.insert(format!("site-{i}"), [name].into());
        ws.notes.insert(format!("site-{i}"), Note { text: format!("Note {i}"), changed: None, also: None });
    }
    ws
}

/// The median of `RUNS` timings of `step`, in milliseconds.
fn median_ms(mut step: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            step();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn main() {
    let here = workspace("Client");
    let file = to_file(&workspace("Agency"), "1");
    let incoming = from_file(&file).expect("the file reads back");
    let merged = imported(&here, &incoming, Import::Merge);
    assert_eq!(merged.labels.len(), 2 * LABELS);
    println!("organizing file: {LABELS} labels on {LABELS} sites, {LABELS} notes, {} KB", file.len() / 1024);
    println!("from_file (parse and tidy): {:.1} ms", median_ms(|| drop(black_box(from_file(&file)))));
    println!(
        "imported, merged into {LABELS} other labels: {:.1} ms",
        median_ms(|| drop(black_box(imported(&here, &incoming, Import::Merge))))
    );
    println!(
        "changes (the preview's counts): {:.1} ms",
        median_ms(|| {
            black_box(changes(&here, &merged));
        })
    );
    let whole = median_ms(|| {
        let incoming = from_file(&file).expect("the file reads back");
        let merged = imported(&here, &incoming, Import::Merge);
        black_box(changes(&here, &merged));
    });
    println!("the whole import: {whole:.1} ms (median of {RUNS})");
}
