//! A streaming CSV record reader: input arrives in chunks of any size (a
//! browser reads a file in slices), records come out with their physical
//! line number and their record number.
//!
//! Parsing is `csv-core`'s (the state machine of the `csv` crate, which
//! needs no `std::io::Read` and so can be fed from asynchronous slices). It
//! accepts `\n`, `\r\n` and a lone `\r` as line ends and skips blank lines.
//! Malformed quoting inside a record gives *a* parse, which the value checks
//! then report. Two things stop the reader instead:
//!
//! - a quote that opens a value and never closes: `csv-core` would read the
//!   rest of the file into that one value and end the record quietly, so
//!   [`RecordReader::finish`] asks it whether the input ended inside quotes
//!   and reports an [`OpenQuote`] (with the line where the quote opens)
//!   instead of the record;
//! - a record longer than [`MAX_RECORD_BYTES`] ([`Step::TooLong`]; usually the
//!   same open quote in a file too large to read to its end first), rather
//!   than growing without bound.
//!
//! Neither check costs anything per record: both run only when the input
//! ends or the record's buffer is full.
//!
//! Most lines of an export hold no quote and no `\r`: such a line, whole in
//! the input, is split at its delimiters by one scan ([`RecordReader::plain_line`])
//! instead of `csv-core`'s state machine and a second pass counting lines.
//! It gives the same fields `csv-core` would (tested against it); any other
//! line goes through `csv-core`.

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
    /// Bytes between two fields in `bytes`: 0 when `csv-core` wrote the
    /// fields one after the other, 1 for a plain line kept with its
    /// delimiters.
    gap: usize,
    /// `bytes` as text, when the caller found it valid UTF-8
    /// ([`Record::with_utf8`]).
    text: Option<&'a str>,
}

impl<'a> Record<'a> {
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// Where field `i` is in `bytes`, `None` past the last field.
    fn span(&self, i: usize) -> Option<(usize, usize)> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 {
            0
        } else {
            *self.ends.get(i - 1)? + self.gap
        };
        Some((start, end))
    }

    /// Field `i`'s bytes, `None` past the last field.
    pub fn get(&self, i: usize) -> Option<&'a [u8]> {
        let (start, end) = self.span(i)?;
        self.bytes.get(start..end)
    }

    /// The record with its bytes checked as UTF-8 once, so that
    /// [`Record::utf8`] gives each field's text without checking it again.
    pub fn with_utf8(self) -> Record<'a> {
        Record {
            text: std::str::from_utf8(self.bytes).ok(),
            ..self
        }
    }

    /// Field `i` as text, when [`Record::with_utf8`] found the record valid
    /// UTF-8 (and the field ends on characters); `None` otherwise, or past
    /// the last field.
    pub fn utf8(&self, i: usize) -> Option<&'a str> {
        let (start, end) = self.span(i)?;
        self.text?.get(start..end)
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
    /// The reader is done: [`RecordReader::finish`] gives nothing more.
    TooLong {
        line: u64,
        /// The quote still open in the record, if that is why it grew
        /// ([`OpenQuote::lines_after`] counts the lines read so far).
        open_quote: Option<OpenQuote>,
    },
}

/// A quoted value that is still open where the input ends (or where its
/// record grew past [`MAX_RECORD_BYTES`]): everything after its quote was
/// read as part of that one value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenQuote {
    /// Physical line (1-based) of the quote that opens the value.
    pub line: u64,
    /// The value's position in its record (1-based).
    pub field: usize,
    /// Physical lines after [`line`](OpenQuote::line) that the value took
    /// in: at the end of the input, every line left in the file.
    pub lines_after: u64,
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
    /// `csv-core` has read: it strips a byte-order mark only before that.
    core_has_read: bool,
    /// Plain lines are split without `csv-core` (off only in tests, which
    /// compare both ways).
    plain_lines: bool,
    /// Per byte, whether a plain line cannot hold it (see [`PLAIN`]).
    classes: [u8; 256],
    /// The record in `out` is a plain line (its fields kept with their delimiters).
    plain: bool,
}

/// [`RecordReader::classes`]: a byte a plain line holds anywhere.
const PLAIN: u8 = 0;
/// The delimiter.
const DELIMITER: u8 = 1;
/// `\n`, the end of a plain line.
const LINE_END: u8 = 2;
/// The quote or `\r`: the line is left to `csv-core`.
const SPECIAL: u8 = 3;

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
        let mut classes = [PLAIN; 256];
        classes[usize::from(syntax.delimiter)] = DELIMITER;
        classes[usize::from(b'\n')] = LINE_END;
        classes[usize::from(b'\r')] = SPECIAL;
        if let Some(quote) = syntax.quote {
            classes[usize::from(quote)] = SPECIAL;
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
            core_has_read: false,
            plain_lines: true,
            classes,
            plain: false,
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
                if let Some(taken) = self.plain_line(input) {
                    *input = input.get(taken..).unwrap_or_default();
                    // The line's end: no `\r` in it, so one line.
                    self.lines += 1;
                    self.after_cr = false;
                    return Step::Record(self.take_record());
                }
            }
            self.core_has_read = true;
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
                        // The reader is done: it stops here.
                        let open_quote = self.end_record().err();
                        return Step::TooLong {
                            line: self.start_line,
                            open_quote,
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

    /// A plain line at the start of `input` (a record begins there): no
    /// quote, no `\r`, its `\n` in `input`, and no longer than `out`. It is
    /// copied whole into `out` and its fields' ends noted, as `csv-core`
    /// would split it (fields between delimiters, the line end not part of
    /// the last). Returns the bytes taken (the line and its `\n`), `None`
    /// (nothing taken) for any other line.
    fn plain_line(&mut self, input: &[u8]) -> Option<usize> {
        // `csv-core` strips a byte-order mark at its first read: the first
        // record is always its own, as it was before plain lines.
        if !self.plain_lines || !self.core_has_read {
            return None;
        }
        let mut ends_len = 0;
        let mut at = 0;
        let end = loop {
            let byte = *input.get(at)?;
            match self.classes[usize::from(byte)] {
                PLAIN => {}
                DELIMITER | LINE_END => {
                    if ends_len >= self.ends.len() {
                        let grown = self.ends.len() * 2;
                        self.ends.resize(grown, 0);
                    }
                    if let Some(slot) = self.ends.get_mut(ends_len) {
                        *slot = at;
                    }
                    ends_len += 1;
                    if byte == b'\n' {
                        break at;
                    }
                }
                _ => return None,
            }
            at += 1;
        };
        self.out.get_mut(..end)?.copy_from_slice(input.get(..end)?);
        self.out_len = end;
        self.ends_len = ends_len;
        self.plain = true;
        Some(end + 1)
    }

    fn take_record(&mut self) -> Record<'_> {
        self.records += 1;
        self.between = true;
        let (out_len, ends_len) = (self.out_len, self.ends_len);
        self.out_len = 0;
        self.ends_len = 0;
        // csv-core's ends are cumulative within the record; a plain line's
        // are its delimiters' positions.
        let gap = usize::from(std::mem::take(&mut self.plain));
        Record {
            line: self.start_line,
            number: self.records,
            bytes: self.out.get(..out_len).unwrap_or_default(),
            ends: self.ends.get(..ends_len).unwrap_or_default(),
            gap,
            text: None,
        }
    }

    /// Ends the record in progress as the end of the input would, telling a
    /// value whose quote never closed from a record that only lacks its line
    /// end. The reader is done afterwards.
    ///
    /// `csv-core` does not expose its state (and its `Clone` loses the
    /// parser's tables), so it is given one line end: outside quotes that
    /// ends the record exactly as the end of the input does (the fields are
    /// the same), inside quotes it is taken into the value. Where the quote
    /// opened follows from the value read so far: `csv-core` copies every
    /// byte after an opening quote into the value (a doubled quote as one),
    /// line ends included, so the value's line ends are the lines since the
    /// quote. This runs once, at the end: nothing is tracked per record.
    ///
    /// `Ok(true)` when a record is complete (to take), `Ok(false)` when there
    /// was none.
    fn end_record(&mut self) -> Result<bool, OpenQuote> {
        self.finished = true;
        // Room for the line end, or for the last field's end.
        if self.out_len >= self.out.len() {
            self.out.push(0);
        }
        if self.ends_len >= self.ends.len() {
            self.ends.push(0);
        }
        let value_end = self.out_len;
        let (result, _, nout, nend) = self.core.read_record(
            b"\n",
            self.out.get_mut(self.out_len..).unwrap_or_default(),
            self.ends.get_mut(self.ends_len..).unwrap_or_default(),
        );
        self.out_len += nout;
        self.ends_len += nend;
        match result {
            ReadRecordResult::Record => return Ok(true),
            // Only a quoted value takes a line end in (no record begun yet
            // skips it, as a blank line).
            _ if nout == 0 => return Ok(false),
            _ => {}
        }
        let value_start = match self.ends_len.checked_sub(1) {
            Some(last) => self.ends.get(last).copied().unwrap_or_default(),
            None => 0,
        };
        let value = self.out.get(value_start..value_end).unwrap_or_default();
        let line_ends = line_ends(value);
        let ends_on_line_end = matches!(value.last(), Some(b'\n' | b'\r'));
        Err(OpenQuote {
            line: (self.lines + 1).saturating_sub(line_ends),
            field: self.ends_len + 1,
            lines_after: line_ends - u64::from(ends_on_line_end),
        })
    }

    /// The end of the file: the last record if it had no line end.
    ///
    /// # Errors
    /// The input ends inside a quoted value: the quote that opens it never
    /// closes, and the record (which would hold the rest of the file in that
    /// value) is not returned.
    pub fn finish(&mut self) -> Result<Option<Record<'_>>, OpenQuote> {
        if self.finished || self.between {
            self.finished = true;
            return Ok(None);
        }
        Ok(if self.end_record()? {
            Some(self.take_record())
        } else {
            None
        })
    }
}

/// Line ends in `bytes`, counted as [`RecordReader`] counts lines: `\r\n`,
/// a lone `\r` and `\n` are one each.
fn line_ends(bytes: &[u8]) -> u64 {
    let mut count = 0;
    let mut after_cr = false;
    for &b in bytes {
        match b {
            b'\n' if after_cr => after_cr = false,
            b'\n' => count += 1,
            b'\r' => {
                count += 1;
                after_cr = true;
            }
            _ => after_cr = false,
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    type Fields = (u64, Vec<String>);

    fn fields(record: &Record<'_>) -> Fields {
        (
            record.line,
            record
                .iter()
                .map(|f| String::from_utf8_lossy(f).into_owned())
                .collect(),
        )
    }

    /// (line, fields) of every record, feeding `input` in pieces of `chunk`
    /// bytes; the open quote at the end, if any.
    fn read_all(input: &[u8], syntax: Syntax, chunk: usize) -> (Vec<Fields>, Option<OpenQuote>) {
        read_all_with(input, syntax, chunk, true)
    }

    /// [`read_all`], with plain lines split by `csv-core` too when
    /// `plain_lines` is false.
    fn read_all_with(
        input: &[u8],
        syntax: Syntax,
        chunk: usize,
        plain_lines: bool,
    ) -> (Vec<Fields>, Option<OpenQuote>) {
        let mut reader = RecordReader::new(syntax);
        reader.plain_lines = plain_lines;
        let mut all = Vec::new();
        for piece in input.chunks(chunk.max(1)) {
            let mut rest = piece;
            loop {
                match reader.read(&mut rest) {
                    Step::Record(r) => all.push(fields(&r)),
                    Step::NeedInput => break,
                    Step::TooLong { line, .. } => panic!("too long at {line}"),
                }
            }
        }
        match reader.finish() {
            Ok(last) => {
                all.extend(last.as_ref().map(fields));
                (all, None)
            }
            Err(open) => (all, Some(open)),
        }
    }

    /// The records of `input`, which closes every quote it opens.
    fn records(input: &[u8], syntax: Syntax, chunk: usize) -> Vec<Fields> {
        let (all, open) = read_all(input, syntax, chunk);
        assert_eq!(open, None, "{input:?}");
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
        assert!(matches!(
            reader.read(&mut rest),
            Step::TooLong {
                line: 2,
                open_quote: Some(OpenQuote {
                    line: 2,
                    field: 2,
                    lines_after: 0
                })
            }
        ));
    }

    #[test]
    fn a_long_record_without_an_open_quote_is_only_too_long() {
        let mut input = b"a,b\n1,".to_vec();
        input.extend(std::iter::repeat_n(b'x', MAX_RECORD_BYTES + 10));
        let mut reader = RecordReader::new(Syntax::default());
        let mut rest = &input[..];
        assert!(matches!(reader.read(&mut rest), Step::Record(_)));
        assert!(matches!(
            reader.read(&mut rest),
            Step::TooLong {
                line: 2,
                open_quote: None
            }
        ));
    }

    #[test]
    fn a_quote_still_open_at_the_bound_says_where_it_opened() {
        // A record that starts on line 2, closes a value of three lines, and
        // opens a quote on line 4 that runs on for more lines than fit in 1 MB.
        let mut input = b"a,b,c\n1,\"x\ny\nz\",\"open".to_vec();
        let line = b"\n0123456789012345678901234567890123456789";
        let lines = MAX_RECORD_BYTES / line.len() + 1;
        for _ in 0..lines {
            input.extend_from_slice(line);
        }
        for chunk in [4096, MAX_RECORD_BYTES / 3] {
            let mut reader = RecordReader::new(Syntax::default());
            let mut found = None;
            for piece in input.chunks(chunk) {
                let mut rest = piece;
                loop {
                    match reader.read(&mut rest) {
                        Step::Record(_) => {}
                        Step::NeedInput => break,
                        Step::TooLong { line, open_quote } => {
                            found = Some((line, open_quote));
                            break;
                        }
                    }
                }
                if found.is_some() {
                    break;
                }
            }
            let (line, open) = found.expect("too long");
            let open = open.expect("an open quote");
            assert_eq!((line, open.line, open.field), (2, 4, 3), "chunk {chunk}");
            // Every line read so far after the quote's line, "at least".
            assert!(open.lines_after > 20_000, "{open:?}");
        }
    }

    #[test]
    fn a_quote_that_never_closes_is_reported_where_it_opens() {
        // line 4, the sixth value; 17 lines after it (with or without a
        // final line end, with every kind of line end, in any chunks).
        let mut lf = b"h1,h2,h3,h4,h5,h6\n".to_vec();
        for i in 2..=21 {
            let cause = if i == 4 { "\"unterminated" } else { "ok" };
            lf.extend_from_slice(format!("a,b,c,d,e,{cause}\n").as_bytes());
        }
        let crlf: Vec<u8> = String::from_utf8_lossy(&lf)
            .replace('\n', "\r\n")
            .into_bytes();
        let cr: Vec<u8> = String::from_utf8_lossy(&lf)
            .replace('\n', "\r")
            .into_bytes();
        let unterminated = lf.get(..lf.len() - 1).expect("a line end").to_vec();
        for input in [lf, crlf, cr, unterminated] {
            for chunk in [1, 7, 4096] {
                let (rows, open) = read_all(&input, Syntax::default(), chunk);
                assert_eq!(rows.len(), 3, "header and lines 2 and 3 only");
                assert_eq!(
                    open,
                    Some(OpenQuote {
                        line: 4,
                        field: 6,
                        lines_after: 17
                    }),
                    "chunk {chunk} of {input:?}"
                );
            }
        }
    }

    #[test]
    fn an_open_quote_on_the_last_line_and_after_a_closed_one() {
        let open = |input: &[u8]| read_all(input, Syntax::default(), 3).1;
        assert_eq!(
            open(b"a,b\n1,\"2"),
            Some(OpenQuote {
                line: 2,
                field: 2,
                lines_after: 0
            })
        );
        // The first value of a record, after a doubled quote and a line break.
        assert_eq!(
            open(b"a,b\n\"x\"\"y\nz,1\n"),
            Some(OpenQuote {
                line: 2,
                field: 1,
                lines_after: 1
            })
        );
        // A record that spans lines 2-3 with a closed value, then opens one.
        assert_eq!(
            open(b"a,b,c\n\"x\ny\",\"p\nq\nr"),
            Some(OpenQuote {
                line: 3,
                field: 2,
                lines_after: 2
            })
        );
    }

    #[test]
    fn closed_quotes_at_the_end_are_not_open() {
        for input in [
            &b"a,b\n1,\"2\""[..],
            &b"a,b\n1,\"2\"\"\""[..],
            &b"a,b\n1,\"2\"x"[..],
            &b"a,b\n1,2\"x"[..],
            &b"a,b\n1,\"2\"\n\n"[..],
            &b"a,b\n1,\n"[..],
        ] {
            for chunk in [1, 2, 100] {
                let (rows, open) = read_all(input, Syntax::default(), chunk);
                assert_eq!((rows.len(), open), (2, None), "{input:?}");
            }
        }
    }

    #[test]
    fn quoting_off_reads_quotes_as_text() {
        let syntax = Syntax {
            delimiter: b'\t',
            quote: None,
        };
        assert_eq!(records(b"a\t\"b\n", syntax, 3), vec![row(1, &["a", "\"b"])]);
        assert_eq!(read_all(b"a\t\"b", syntax, 3).1, None);
    }

    mod plain_lines {
        use super::*;
        use proptest::prelude::*;

        /// Bytes that matter to the split: delimiters, quotes, every line
        /// end, spaces, a byte-order mark's bytes, a UTF-8 `é`.
        fn byte() -> impl Strategy<Value = u8> {
            prop::sample::select(vec![
                b'a', b'b', b',', b';', b'"', b'"', b'\n', b'\n', b'\r', b' ', 0xEF, 0xBB, 0xBF,
                0xC3, 0xA9,
            ])
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn split_as_csv_core_splits_them(
                input in prop::collection::vec(byte(), 0..120),
                chunk in 1usize..40,
                quoting in any::<bool>(),
            ) {
                let syntax = Syntax {
                    delimiter: b',',
                    quote: quoting.then_some(b'"'),
                };
                prop_assert_eq!(
                    read_all_with(&input, syntax, chunk, true),
                    read_all_with(&input, syntax, chunk, false)
                );
            }
        }

        #[test]
        fn a_byte_order_mark_is_stripped_by_csv_core_at_the_start_only() {
            let input = b"\xef\xbb\xbfa,b\n\xef\xbb\xbfc,d\ne,f\n\xef\xbb\xbfg,h\n";
            for chunk in [1, 4, 100] {
                assert_eq!(
                    read_all_with(input, Syntax::default(), chunk, true),
                    read_all_with(input, Syntax::default(), chunk, false)
                );
            }
        }

        #[test]
        fn record_text_is_each_field_and_none_for_a_split_character() {
            let mut reader = RecordReader::new(Syntax::default());
            let mut rest = &b"x\xc3\xa9, b ,\n"[..];
            let Step::Record(record) = reader.read(&mut rest) else {
                panic!("a record");
            };
            let record = record.with_utf8();
            assert_eq!(
                (0..4).map(|i| record.utf8(i)).collect::<Vec<_>>(),
                vec![Some("x\u{e9}"), Some(" b "), Some(""), None]
            );
            // `é` split by quoting across two fields: each half is invalid.
            let mut reader = RecordReader::new(Syntax::default());
            let mut rest = &b"\"\xc3\",\"\xa9\"\n"[..];
            let Step::Record(record) = reader.read(&mut rest) else {
                panic!("a record");
            };
            let record = record.with_utf8();
            assert_eq!((record.utf8(0), record.utf8(1)), (None, None));
        }
    }
}
