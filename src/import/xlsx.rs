//! Excel workbooks through calamine: the first sheet, or the one named; date cells read as
//! dates.

use super::model::Import;
use super::table::{self, Cell, Table};
use calamine::{Data, Range, Reader};

/// The first bytes of an OLE compound file: an old `.xls`, or an encrypted workbook.
pub const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

struct Sheet {
    range: Range<Data>,
    first_row: usize,
}

impl Table for Sheet {
    fn header(&self) -> Vec<String> {
        (0..self.range.width())
            .map(|c| match self.range.get((0, c)) {
                Some(Data::String(s)) => s.clone(),
                Some(Data::Empty) | None => String::new(),
                Some(other) => other.to_string(),
            })
            .collect()
    }
    fn rows(&self) -> usize {
        self.range.height().saturating_sub(1)
    }
    fn row_number(&self, row: usize) -> usize {
        self.first_row + row + 2
    }
    fn width(&self, _row: usize) -> usize {
        self.range.width()
    }
    fn cell(&self, row: usize, col: usize) -> Cell<'_> {
        match self.range.get((row + 1, col)) {
            None | Some(Data::Empty) => Cell::Empty,
            Some(Data::Int(i)) => Cell::Number(*i as f64),
            Some(Data::Float(f)) => Cell::Number(*f),
            Some(Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s)) => Cell::Text(s),
            Some(Data::Bool(true)) => Cell::Text("true"),
            Some(Data::Bool(false)) => Cell::Text("false"),
            Some(Data::DateTime(d)) => Cell::Serial(d.as_f64()),
            Some(Data::Error(_)) => Cell::Text("#error"),
        }
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub fn read(
    bytes: &[u8],
    file: &str,
    sheet: Option<&str>,
    levels: &[String],
) -> Result<Import, String> {
    if bytes.starts_with(&OLE_MAGIC) {
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if contains(bytes, &name) {
            return Err(format!(
                "{file} is encrypted (the workbook has a password to open it); goalc cannot read it: \
                 save a copy without the password (File > Info > Protect Workbook) and import that"
            ));
        }
    } else if !bytes.starts_with(b"PK\x03\x04") {
        let head = bytes.get(..bytes.len().min(4096)).unwrap_or(bytes);
        let text = std::str::from_utf8(head).is_ok() || head.iter().all(|b| *b != 0);
        return Err(if text && !head.is_empty() {
            format!(
                "{file} is a text file (CSV?), not an Excel workbook: import it with `goalc import csv`"
            )
        } else {
            format!("{file} is not an Excel workbook (.xlsx, .xlsm, .xls or .ods)")
        });
    }
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| format!("{file} cannot be read as an Excel workbook: {e}"))?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.eq_ignore_ascii_case(wanted)))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "{file} has no sheet named `{wanted}`; its sheets are {}",
                    names
                        .iter()
                        .map(|n| format!("`{n}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| format!("{file} has no sheets"))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("{file}: cannot read sheet `{name}`: {e}"))?;
    if range.is_empty() {
        return Err(format!(
            "{file}: sheet `{name}` is empty: it has no header row"
        ));
    }
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    table::read(
        &Sheet { range, first_row },
        &format!("{file} (sheet `{name}`)"),
        levels,
    )
}
