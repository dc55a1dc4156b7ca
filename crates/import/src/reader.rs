//! A streaming CSV record reader: input arrives in chunks of any size (a
//! browser reads a file in slices), records come out with their physical
//! line number and their record number.
//!
//! Parsing is `csv-core`'s (the state machine of the `csv` crate, which
//! needs no `std::io::Read` and so can be fed from asynchronous slices). It
//! accepts `\n`, `\r\n` and a lone `\r` as line ends, skips blank lines and
//! never fails: malformed quoting gives *a* parse, which the value checks
//! then report. A record longer than [`MAX_RECORD_BYTES`] (an unclosed
//! quote swallowing the file) stops the import with a clear message instead
//! of growing without bound.

use csv_core::{ReadRecordResult, Reader, ReaderBuilder};

/// The longest record accepted. Real rows are a few hundred bytes.
pub const MAX_RECORD_BYTES: usize = 1 << 20;

/// How a file separates fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Syntax {
    pub delimiter: u8,
    /// `Some(b'"')` normally; `None` reads quotes as ordinary characters.
    pub quote: Option<u8>,
}

impl Default for Syntax {
    fn default() -> Syntax {
        Syntax {
            delimiter: b',',
            quote: Some(b'"'),
        }
    }
}

/// One record: its fields' bytes (not yet decoded), where it starts.
#[derive(Debug, Clone, Copy)]
pub struct Record<'a> {
    /// Physical line (1-based) where the record starts.
    pub line: u64,
    /// Record number (1-based, counting the header row if there is one).
    pub number: u64,
    bytes: &'a [u8],
    ends: &'a [usize],
}

impl<'a> Record<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Field `i`'s bytes, `None` past the last field.
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { *self.ends.get(i - 1)? };
        self.bytes.get(start..end)
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// What [`RecordReader::read`] found.
#[derive(Debug)]
pub enum Step<'a> {
    Record(Record<'a>),
    /// The input is used up; give more (or call [`RecordReader::finish`] at the end of the file).
    NeedInput,
    /// A record grew past [`MAX_RECORD_BYTES`]; it started on this line.
    TooLong {
        line: u64,
    },
}

/// The reader. Feed it with [`RecordReader::read`] until it asks for input.
pub struct RecordReader {
    core: Reader,
    /// Line ends consumed so far.
    lines: u64,
    /// The previous byte consumed was `\r` (a `\n` after it ends the same line).
    after_cr: bool,
    /// Between records (leading blank lines are skipped here, so that the
    /// record's first line is known).
    between: bool,
    start_line: u64,
    records: u64,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    finished: bool,
}

impl RecordReader {
    pub fn new(syntax: Syntax) -> RecordReader {
        let mut builder = ReaderBuilder::new();
        builder.delimiter(syntax.delimiter);
        match syntax.quote {
            Some(quote) => {
                builder.quote(quote);
            }
            None => {
                builder.quoting(false);
            }
        }
        RecordReader {
            core: builder.build(),
            lines: 0,
            after_cr: false,
            between: true,
            start_line: 1,
            records: 0,
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 64],
            ends_len: 0,
            finished: false,
        }
    }

    /// Records read so far.
    pub fn records(&self) -> u64 {
        self.records
    }

    /// Physical lines begun so far.
    pub fn line(&self) -> u64 {
        self.lines + 1
    }

    fn count_lines(&mut self, bytes: &[u8]) {
        if !self.after_cr && !bytes.contains(&b'\r') {
            self.lines += bytes.iter().filter(|b| **b == b'\n').count() as u64;
            return;
        }
        for &b in bytes {
            match b {
                b'\n' if self.after_cr => self.after_cr = false,
                b'\n' => self.lines += 1,
                b'\r' => {
                    self.lines += 1;
                    self.after_cr = true;
                }
                _ => self.after_cr = false,
            }
        }
    }

    /// Reads the next record from `input`, advancing it past what was consumed.
    pub fn read<'s>(&'s mut self, input: &mut &[u8]) -> Step<'s> {
        loop {
            if self.between {
                let blank = input
                    .iter()
                    .take_while(|b| **b == b'\n' || **b == b'\r')
                    .count();
                let (skipped, rest) = input.split_at(blank);
                self.count_lines(skipped);
                *input = rest;
                if input.is_empty() {
                    return Step::NeedInput;
                }
                self.between = false;
                self.start_line = self.lines + 1;
            }
            let (result, nin, nout, nend) = self.core.read_record(
                input,
                self.out.get_mut(self.out_len..).unwrap_or_default(),
                self.ends.get_mut(self.ends_len..).unwrap_or_default(),
            );
            let (consumed, rest) = input.split_at(nin.min(input.len()));
            self.count_lines(consumed);
            *input = rest;
            self.out_len += nout;
            self.ends_len += nend;
            match result {
                ReadRecordResult::InputEmpty => return Step::NeedInput,
                ReadRecordResult::OutputFull => {
                    if self.out.len() >= MAX_RECORD_BYTES {
                        return Step::TooLong {
                            line: self.start_line,
                        };
                    }
                    let grown = self.out.len() * 2;
                    self.out.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::Record => return Step::Record(self.take_record()),
                ReadRecordResult::End => return Step::NeedInput,
            }
        }
    }

    fn take_record(&mut self) -> Record<'_> {
        self.records += 1;
        self.between = true;
        let (out_len, ends_len) = (self.out_len, self.ends_len);
        self.out_len = 0;
        self.ends_len = 0;
        // csv-core's ends are cumulative within the record.
        Record {
            line: self.start_line,
            number: self.records,
            bytes: self.out.get(..out_len).unwrap_or_default(),
            ends: self.ends.get(..ends_len).unwrap_or_default(),
        }
    }

    /// The end of the file: the last record if it had no line end.
    pub fn finish(&mut self) -> Option<Record<'_>> {
        if self.finished || self.between {
            self.finished = true;
            return None;
        }
        self.finished = true;
        let (result, _, nout, nend) = self.core.read_record(
            &[],
            self.out.get_mut(self.out_len..).unwrap_or_default(),
            self.ends.get_mut(self.ends_len..).unwrap_or_default(),
        );
        self.out_len += nout;
        self.ends_len += nend;
        match result {
            ReadRecordResult::Record => Some(self.take_record()),
            ReadRecordResult::OutputEndsFull => {
                // Room for the last field's end.
                self.ends.push(self.out_len);
                self.ends_len += 1;
                Some(self.take_record())
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (line, fields) of every record, feeding `input` in pieces of `chunk` bytes.
    fn records(input: &[u8], syntax: Syntax, chunk: usize) -> Vec<(u64, Vec<String>)> {
        let mut reader = RecordReader::new(syntax);
        let mut all = Vec::new();
        for piece in input.chunks(chunk.max(1)) {
            let mut rest = piece;
            loop {
                match reader.read(&mut rest) {
                    Step::Record(r) => all.push((
                        r.line,
                        r.iter()
                            .map(|f| String::from_utf8_lossy(f).into_owned())
                            .collect(),
                    )),
                    Step::NeedInput => break,
                    Step::TooLong { line } => panic!("too long at {line}"),
                }
            }
        }
        if let Some(r) = reader.finish() {
            all.push((
                r.line,
                r.iter()
                    .map(|f| String::from_utf8_lossy(f).into_owned())
                    .collect(),
            ));
        }
        all
    }

    fn row(line: u64, fields: &[&str]) -> (u64, Vec<String>) {
        (line, fields.iter().map(|f| (*f).to_string()).collect())
    }

    #[test]
    fn lines_with_every_line_end_and_any_chunk_size() {
        for input in [
            &b"a,b\n1,2\n\n3,\"x\ny\"\n4,5"[..],
            &b"a,b\r\n1,2\r\n\r\n3,\"x\ny\"\r\n4,5\r\n"[..],
            &b"a,b\r1,2\r\r3,\"x\ny\"\r4,5\r"[..],
        ] {
            for chunk in [1, 2, 3, 7, 1000] {
                assert_eq!(
                    records(input, Syntax::default(), chunk),
                    vec![
                        row(1, &["a", "b"]),
                        row(2, &["1", "2"]),
                        row(4, &["3", "x\ny"]),
                        row(6, &["4", "5"]),
                    ],
                    "chunk {chunk} of {input:?}"
                );
            }
        }
    }

    #[test]
    fn quotes_delimiters_and_ragged_rows() {
        let input = b"s;start;cause\n\"mail;web\";1;\"said \"\"hi\"\"\"\nx\ny;2;c;extra;\n";
        let syntax = Syntax {
            delimiter: b';',
            quote: Some(b'"'),
        };
        assert_eq!(
            records(input, syntax, 5),
            vec![
                row(1, &["s", "start", "cause"]),
                row(2, &["mail;web", "1", "said \"hi\""]),
                row(3, &["x"]),
                row(4, &["y", "2", "c", "extra", ""]),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_stops_at_the_bound() {
        let mut input = b"a,b\n1,\"never closed".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        let mut reader = RecordReader::new(Syntax::default());
        let mut rest = &input[..];
        assert!(matches!(reader.read(&mut rest), Step::Record(_)));
        assert!(matches!(reader.read(&mut rest), Step::TooLong { line: 2 }));
    }

    #[test]
    fn quoting_off_reads_quotes_as_text() {
        let syntax = Syntax {
            delimiter: b'\t',
            quote: None,
        };
        assert_eq!(records(b"a\t\"b\n", syntax, 3), vec![row(1, &["a", "\"b"])]);
    }
}
