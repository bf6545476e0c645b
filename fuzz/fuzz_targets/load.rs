#![no_main]
//! Arbitrary bytes as a plan file and as a progress file.

use goalc::load::load_bytes;
use goalc::source::{FileId, FileKind};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for (name, kind) in [("f.plan.toml", FileKind::Plan), ("f.progress.toml", FileKind::Progress)] {
        let loaded = load_bytes(FileId(0), name.into(), name.into(), kind, data.to_vec());
        for d in &loaded.diags {
            // every finding points inside the text, on character boundaries
            let text = &loaded.source.text;
            let (start, end) = (d.span.start as usize, d.span.end as usize);
            assert!(start <= end && end <= text.len().max(1), "{d:?}");
            let _ = loaded.source.range(d.span);
        }
    }
});
