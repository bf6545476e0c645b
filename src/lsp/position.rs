//! LSP positions count UTF-16 code units within a line; goalc's spans are byte offsets. These
//! convert between the two without ever splitting a character.

use lsp_types::Position;

/// The LSP position of byte `offset` in `text` (clamped to the text, and back to a character
/// boundary). A scan from the start: the reference [`to_lsp_indexed`] is tested against.
#[cfg(test)]
pub(crate) fn to_lsp(text: &str, offset: usize) -> Position {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.matches('\n').count();
    let character: usize = before
        .get(line_start..)
        .unwrap_or_default()
        .chars()
        .map(char::len_utf16)
        .sum();
    Position::new(line as u32, character as u32)
}

/// [`to_lsp`] through the file's line index, so that many positions cost linear time.
pub(crate) fn to_lsp_indexed(file: &crate::source::SourceFile, offset: usize) -> Position {
    let text = &*file.text;
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let starts = file.line_starts();
    let line = starts
        .partition_point(|&s| s as usize <= offset)
        .saturating_sub(1);
    let line_start = starts.get(line).map_or(0, |&s| s as usize);
    let character = if file.is_ascii() {
        offset - line_start
    } else {
        text.get(line_start..offset)
            .unwrap_or_default()
            .chars()
            .map(char::len_utf16)
            .sum()
    };
    Position::new(line as u32, character as u32)
}

/// The byte offset of an LSP position: past the end of a line means its end, past the last
/// line means the end of the text, and inside a surrogate pair means before the character.
pub(crate) fn to_offset(text: &str, pos: Position) -> usize {
    let mut line_start = 0;
    for _ in 0..pos.line {
        match text.get(line_start..).and_then(|rest| rest.find('\n')) {
            Some(i) => line_start += i + 1,
            None => return text.len(),
        }
    }
    let line = text.get(line_start..).unwrap_or_default();
    let line = line.split('\n').next().unwrap_or_default();
    let mut units = 0u32;
    for (i, c) in line.char_indices() {
        if units + c.len_utf16() as u32 > pos.character {
            return line_start + i;
        }
        units += c.len_utf16() as u32;
    }
    line_start + line.trim_end_matches('\r').len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_columns_for_greek_chinese_and_emoji() {
        let text = "a = \"Ωμέγα\"\nb = \"学习\" # 🚀x\nc";
        // Ω is 2 bytes, 1 unit; 学 is 3 bytes, 1 unit; 🚀 is 4 bytes, 2 units
        let x = text.find('x').unwrap();
        assert_eq!(to_lsp(text, x), Position::new(1, 13));
        assert_eq!(to_offset(text, Position::new(1, 13)), x);
        let rocket = text.find('🚀').unwrap();
        assert_eq!(to_lsp(text, rocket), Position::new(1, 11));
        // inside the surrogate pair: before the emoji
        assert_eq!(to_offset(text, Position::new(1, 12)), rocket);
        let close = text.find("\"\n").unwrap();
        assert_eq!(to_lsp(text, close), Position::new(0, 10));
        // inside a multi-byte character: back to its start
        let omega = text.find('Ω').unwrap();
        assert_eq!(to_lsp(text, omega + 1), to_lsp(text, omega));
        // past the end of a line or of the text
        assert_eq!(
            to_offset(text, Position::new(0, 99)),
            text.find('\n').unwrap()
        );
        assert_eq!(to_offset(text, Position::new(9, 0)), text.len());
        assert_eq!(to_lsp(text, 9999), Position::new(2, 1));
    }

    #[test]
    fn the_line_index_agrees_with_the_scan() {
        for text in ["a = \"Ωμέγα\"\nb = \"学习\" # 🚀x\nc", "ab\r\ncd\n\nef", ""] {
            let file = crate::source::SourceFile::new(
                "f".into(),
                "f".into(),
                crate::source::FileKind::Plan,
                text.into(),
            );
            for i in 0..text.len() + 3 {
                assert_eq!(to_lsp_indexed(&file, i), to_lsp(text, i), "{text:?} at {i}");
            }
        }
    }

    #[test]
    fn round_trips_every_character_boundary() {
        let text = "x = \"🚀a学\"\r\ny = 'Ω'\n";
        for (i, _) in text.char_indices() {
            let p = to_lsp(text, i);
            if !text[..i].ends_with('\r') {
                assert_eq!(to_offset(text, p), i, "at {i}");
            }
        }
    }
}
