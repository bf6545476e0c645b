//! CSV files as spreadsheets save them: a UTF-8 byte-order mark, `;` between cells where the
//! decimal separator is a comma, cells quoted across lines.

use super::model::Import;
use super::table::{self, Cell, Table};

struct Records {
    header: Vec<String>,
    rows: Vec<csv::StringRecord>,
}

impl Table for Records {
    fn header(&self) -> Vec<String> {
        self.header.clone()
    }
    fn rows(&self) -> usize {
        self.rows.len()
    }
    fn row_number(&self, row: usize) -> usize {
        row + 2
    }
    fn width(&self, row: usize) -> usize {
        self.rows.get(row).map_or(0, csv::StringRecord::len)
    }
    fn cell(&self, row: usize, col: usize) -> Cell<'_> {
        match self.rows.get(row).and_then(|r| r.get(col)) {
            Some("") | None => Cell::Empty,
            Some(t) => Cell::Text(t),
        }
    }
}

/// The separator of the header line: the one of `,`, `;` and tab it uses most, outside quotes.
fn sniff(bytes: &[u8]) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in bytes {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [comma, semi, tab] = counts;
    if semi > comma && semi >= tab {
        b';'
    } else if tab > comma && tab > semi {
        b'\t'
    } else {
        b','
    }
}

pub fn read(bytes: &[u8], file: &str, levels: &[String]) -> Result<Import, String> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&super::xlsx::OLE_MAGIC) {
        return Err(format!(
            "{file} is an Excel workbook, not a CSV file: import it with `goalc import xlsx`"
        ));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(sniff(bytes))
        .flexible(true)
        .has_headers(false)
        .from_reader(bytes);
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(str::to_string).collect(),
        Some(Err(e)) => return Err(csv_error(file, &e)),
        None => return Err(format!("{file} is empty: it has no header row")),
    };
    let mut rows = Vec::new();
    for record in records {
        rows.push(record.map_err(|e| csv_error(file, &e))?);
    }
    table::read(&Records { header, rows }, file, levels)
}

fn csv_error(file: &str, e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Utf8 { pos, .. } => format!(
            "{file}: row {} is not valid UTF-8; save the file as UTF-8 CSV",
            pos.as_ref().map_or(0, |p| p.record() + 1)
        ),
        _ => format!("{file}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sniffs_the_separator_of_the_header() {
        assert_eq!(super::sniff(b"goal;title;owner\n"), b';');
        assert_eq!(super::sniff(b"goal,title,\"a;b;c\"\n"), b',');
        assert_eq!(super::sniff(b"goal\ttitle\n"), b'\t');
    }
}
