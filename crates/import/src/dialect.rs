//! How a file is written: its encoding, delimiter, quoting and header row,
//! detected from a sample of its first bytes. Every choice can be
//! overridden by the user; the import shows what it used.

use crate::decode::{self, Encoding, Unreadable};
use crate::reader::{RecordReader, Step, Syntax};
use crate::values;

/// The delimiters tried, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b',', b';', b'\t', b'|'];

/// How many bytes of a file are used to detect its dialect.
pub const SAMPLE_BYTES: usize = 64 * 1024;

/// Records of the sample used for detection and the preview.
pub const SAMPLE_RECORDS: usize = 200;

/// The line ends seen in the sample (shown only: the reader accepts all).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnd {
    Lf,
    CrLf,
    Cr,
    /// A single line without an end.
    None,
}

impl LineEnd {
    pub fn label(self) -> &'static str {
        match self {
            LineEnd::Lf => "LF",
            LineEnd::CrLf => "CRLF",
            LineEnd::Cr => "CR",
            LineEnd::None => "none",
        }
    }
}

/// Everything needed to read a file's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dialect {
    pub encoding: Encoding,
    /// Bytes of a UTF-8 byte-order mark at the start (0 or 3).
    pub bom: usize,
    pub syntax: Syntax,
    /// The first record names the columns.
    pub header: bool,
    pub line_end: LineEnd,
}

/// A delimiter's name for people.
pub fn delimiter_label(delimiter: u8) -> &'static str {
    match delimiter {
        b',' => "comma",
        b';' => "semicolon",
        b'\t' => "tab",
        b'|' => "pipe",
        _ => "other",
    }
}

/// One record of a sample, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleRow {
    pub line: u64,
    pub fields: Vec<String>,
}

/// Decodes the first `max` records of `sample` (the last one is dropped
/// when the sample is not the whole file, as it may be cut).
pub fn sample_rows(sample: &[u8], dialect: &Dialect, complete: bool, max: usize) -> Vec<SampleRow> {
    let body = sample.get(dialect.bom..).unwrap_or_default();
    let mut reader = RecordReader::new(dialect.syntax);
    let mut rows = Vec::new();
    let mut rest = body;
    while rows.len() < max {
        match reader.read(&mut rest) {
            Step::Record(record) => rows.push(SampleRow {
                line: record.line,
                fields: record
                    .iter()
                    .map(|f| {
                        dialect
                            .encoding
                            .decode(f)
                            .map(|t| t.into_owned())
                            .unwrap_or_else(|_| String::from_utf8_lossy(f).into_owned())
                    })
                    .collect(),
            }),
            Step::NeedInput | Step::TooLong { .. } => {
                if complete && rows.len() < max {
                    // A quote left open at the end holds the rest of the
                    // file in one value: no row to detect anything from
                    // (the import reports it).
                    if let Ok(Some(record)) = reader.finish() {
                        rows.push(SampleRow {
                            line: record.line,
                            fields: record
                                .iter()
                                .map(|f| {
                                    dialect
                                        .encoding
                                        .decode(f)
                                        .map(|t| t.into_owned())
                                        .unwrap_or_else(|_| String::from_utf8_lossy(f).into_owned())
                                })
                                .collect(),
                        });
                    }
                }
                break;
            }
        }
    }
    rows
}

/// Detects the dialect of a file from its first bytes (`complete` when the
/// sample is the whole file).
///
/// # Errors
/// Files that cannot be text: empty, UTF-16, binary.
pub fn detect(sample: &[u8], complete: bool) -> Result<Dialect, Unreadable> {
    let decode::Detected { encoding, bom } = decode::detect(sample, complete)?;
    let body = sample.get(bom..).unwrap_or_default();
    let line_end = line_end(body);
    let mut best: Option<((bool, u32, usize), u8)> = None;
    for delimiter in DELIMITERS {
        let syntax = Syntax {
            delimiter,
            quote: Some(b'"'),
        };
        let probe = Dialect {
            encoding,
            bom,
            syntax,
            header: false,
            line_end,
        };
        let rows = sample_rows(sample, &probe, complete, SAMPLE_RECORDS);
        let score = consistency(&rows);
        if best.is_none_or(|(b, _)| score > b) {
            best = Some((score, delimiter));
        }
    }
    let delimiter = best.map_or(b',', |(_, d)| d);
    let mut dialect = Dialect {
        encoding,
        bom,
        syntax: Syntax {
            delimiter,
            quote: Some(b'"'),
        },
        header: true,
        line_end,
    };
    let rows = sample_rows(sample, &dialect, complete, SAMPLE_RECORDS);
    dialect.header = has_header(&rows);
    Ok(dialect)
}

/// (several columns, share of rows with the usual field count in ‰, that count).
fn consistency(rows: &[SampleRow]) -> (bool, u32, usize) {
    if rows.is_empty() {
        return (false, 0, 0);
    }
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for row in rows {
        // Trailing empty fields (trailing delimiters) do not make a row ragged.
        let width = row.fields.len();
        match counts.iter_mut().find(|(w, _)| *w == width) {
            Some((_, n)) => *n += 1,
            None => counts.push((width, 1)),
        }
    }
    let (width, n) = counts
        .iter()
        .copied()
        .max_by_key(|(w, n)| (*n, *w))
        .unwrap_or((0, 0));
    let share = u32::try_from(n * 1000 / rows.len()).unwrap_or(0);
    (width > 1, share, width)
}

fn line_end(body: &[u8]) -> LineEnd {
    match body.iter().position(|b| *b == b'\n' || *b == b'\r') {
        None => LineEnd::None,
        Some(i) => match (body.get(i), body.get(i + 1)) {
            (Some(b'\r'), Some(b'\n')) => LineEnd::CrLf,
            (Some(b'\r'), _) => LineEnd::Cr,
            _ => LineEnd::Lf,
        },
    }
}

/// Whether a cell looks like data: a number, a timestamp, a duration or a percentage.
pub fn looks_like_data(cell: &str) -> bool {
    let cell = cell.trim();
    if cell.is_empty() {
        return false;
    }
    let numeric = cell.bytes().any(|b| b.is_ascii_digit())
        && cell
            .bytes()
            .all(|b| b.is_ascii_digit() || b" .,:%+-/TZ".contains(&b));
    numeric || values::detect_timestamp(&[cell]).is_some()
}

/// The first row is a header when some column has text there and data below
/// it; a first row with data (a timestamp, a number) in any column that holds
/// data below is not a header. Without either clue: a header (most exports have one).
pub(crate) fn has_header(rows: &[SampleRow]) -> bool {
    let Some((first, rest)) = rows.split_first() else {
        return true;
    };
    let mut text_over_data = false;
    for (column, cell) in first.fields.iter().enumerate() {
        let below: Vec<&str> = rest
            .iter()
            .filter_map(|r| r.fields.get(column))
            .map(String::as_str)
            .filter(|c| !c.trim().is_empty())
            .collect();
        if below.is_empty() {
            continue;
        }
        let data_below = below.iter().filter(|c| looks_like_data(c)).count() * 2 >= below.len();
        if !data_below {
            continue;
        }
        if looks_like_data(cell) {
            return false;
        }
        text_over_data = true;
    }
    text_over_data || !first.fields.iter().any(|c| looks_like_data(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dialect(text: &[u8]) -> Dialect {
        detect(text, true).expect("readable")
    }

    #[test]
    fn delimiters() {
        assert_eq!(dialect(b"a,b,c\n1,2,3\n").syntax.delimiter, b',');
        assert_eq!(
            dialect(b"Dienst;Beginn;Ende\nmail;05.03.2026 10:00;05.03.2026 11:30\n")
                .syntax
                .delimiter,
            b';'
        );
        assert_eq!(dialect(b"a\tb\n1,5\t2,5\n").syntax.delimiter, b'\t');
        assert_eq!(dialect(b"a|b|c\n1|2|3\n").syntax.delimiter, b'|');
        // Commas inside quoted causes do not win over the semicolons.
        assert_eq!(
            dialect(b"s;c\nmail;\"a, b, c\"\nweb;\"d, e\"\n")
                .syntax
                .delimiter,
            b';'
        );
    }

    #[test]
    fn header_or_not() {
        assert!(
            dialect(b"service,start,end\nmail,2026-03-05T10:00:00Z,2026-03-05T11:00:00Z\n").header
        );
        assert!(!dialect(b"mail,2026-03-05T10:00:00Z,2026-03-05T11:00:00Z\nweb,2026-03-06T10:00:00Z,2026-03-06T11:00:00Z\n").header);
        assert!(dialect(b"service,cause\nmail,power\n").header);
    }

    #[test]
    fn line_ends_and_bom() {
        let d = dialect(b"\xef\xbb\xbfa,b\r\n1,2\r\n");
        assert_eq!((d.bom, d.line_end), (3, LineEnd::CrLf));
        assert_eq!(dialect(b"a,b\r1,2\r").line_end, LineEnd::Cr);
        assert_eq!(dialect(b"a,b").line_end, LineEnd::None);
    }

    #[test]
    fn sample_rows_drop_a_cut_last_record() {
        let d = dialect(b"a,b\n1,2\n3,");
        assert_eq!(sample_rows(b"a,b\n1,2\n3,", &d, false, 10).len(), 2);
        assert_eq!(sample_rows(b"a,b\n1,2\n3,", &d, true, 10).len(), 3);
    }
}
