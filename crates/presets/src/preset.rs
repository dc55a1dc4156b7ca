//! A vendor preset: one vendor's published SLA for one service and
//! deployment, as data. Presets are read from JSON files (the format is in
//! `docs/presets.md`); reading checks every field and every rule between
//! fields, and each error names the file and the JSON path at fault.

use chrono::NaiveDate;
use serde::de::{self, Deserializer};
use serde::Deserialize;
use sla_engine::credits::schedule::{StepSchedule, Tier as EngineTier, TierEdge};
use sla_engine::money::{Currency, Money, Rounding};
use sla_engine::{Percent, TimeSpan};
use thiserror::Error;

mod bundled;

/// The `format` value of a preset file.
pub const FORMAT: &str = "sla-preset";
/// The version of the preset format this crate reads.
pub const FORMAT_VERSION: u32 = 1;
/// The largest preset file accepted.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// A problem in a preset file: the file, the JSON path of the field at fault
/// (`.` for the whole file), the line and column when the JSON itself could
/// not be read, and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}: {}{path}: {message}", location(*.line, *.column))]
pub struct PresetError {
    pub file: String,
    pub path: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

fn location(line: Option<usize>, column: Option<usize>) -> String {
    match (line, column) {
        (Some(line), Some(column)) => format!("line {line}, column {column}, "),
        _ => String::new(),
    }
}

/// How far a part of a preset was checked against the vendor's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    /// Compared with the vendor's own published text.
    Verified,
    /// Compared with a third party's copy or quotation of the vendor's text.
    ThirdParty,
    /// Written from memory: no text was found to compare it with.
    Memory,
    /// The text leaves a choice open; this is the calculator's reading of it.
    Interpretation,
}

impl CheckStatus {
    pub fn label(self) -> &'static str {
        match self {
            CheckStatus::Verified => "verified against the vendor's text",
            CheckStatus::ThirdParty => "checked against a third-party copy of the text",
            CheckStatus::Memory => "from memory, not checked against a text",
            CheckStatus::Interpretation => "the calculator's reading of the text",
        }
    }
}

/// One part of a preset and how it was checked.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// What was checked, e.g. `credit tiers`.
    pub part: String,
    pub status: CheckStatus,
    /// The text it was compared with (an address, a title), or why none.
    pub against: String,
}

/// Where a preset's terms come from.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The vendor's page for these terms.
    pub url: String,
    /// The date of the terms transcribed (their "last updated" date).
    #[serde(deserialize_with = "date")]
    pub terms_date: NaiveDate,
    /// How the vendor labels that version, e.g. `Last Updated: May 5, 2022`.
    pub terms_version: String,
    /// When the transcription was made.
    #[serde(deserialize_with = "date")]
    pub transcribed_on: NaiveDate,
    pub checks: Vec<Check>,
    /// What a reader must know about the transcription (what could not be checked).
    pub note: String,
}

/// How the monthly uptime figure is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// `100 % − share of the month's minutes with downtime` (AWS EC2, Azure VMs, GCE).
    Minutes,
    /// `100 % − average error rate of the month's N-minute intervals` (S3).
    ErrorRateIntervals,
    /// `(month − downtime) ÷ month`, to the nanosecond (the template).
    Exact,
}

/// Which minutes count as downtime under [`Method::Minutes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MinuteCounting {
    /// Every clock minute in which the service was unavailable at any instant.
    AnyPart,
    /// Only clock minutes in which the service was unavailable for all 60 s.
    WholeMinute,
}

/// How an interval only partly covered by an outage is rated under
/// [`Method::ErrorRateIntervals`] (the log gives no request counts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartialInterval {
    /// The interval takes the outage's error rate, as if every request of
    /// the interval had been made while it lasted.
    WholeInterval,
    /// The error rate is weighted by the share of the interval the outage covers.
    TimeWeighted,
}

/// What the uptime is measured on, and so which records of a log count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// A regional service (S3): region-wide records count; zone and instance
    /// records do not describe it.
    RegionService,
    /// A deployment across two or more zones: down only while every zone of
    /// the deployment is down at once (or the whole region is).
    MultiZone,
    /// Several instances inside one zone (an Azure availability set): a
    /// region or zone outage takes them all down, one instance does not.
    ZoneGroup,
    /// One instance: region, zone and instance records all take it down.
    Instance,
}

/// Why an outage may be excluded by an SLA; the same ids are used in outage logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// Force majeure, Internet problems beyond the vendor's demarcation point.
    OutsideControl,
    /// The customer's actions, equipment, software or third parties' software.
    CustomerCaused,
    /// The vendor suspended or terminated the customer's use under the agreement.
    Suspension,
    /// Preview, beta and other pre-general-availability features.
    PreGa,
    /// Quotas and limits applied by the system.
    Quota,
    /// Scheduled (announced) maintenance.
    ScheduledMaintenance,
}

impl Category {
    pub const ALL: [Category; 6] = [
        Category::OutsideControl,
        Category::CustomerCaused,
        Category::Suspension,
        Category::PreGa,
        Category::Quota,
        Category::ScheduledMaintenance,
    ];

    /// The id used in files and logs: `scheduled_maintenance`.
    pub fn id(self) -> &'static str {
        match self {
            Category::OutsideControl => "outside_control",
            Category::CustomerCaused => "customer_caused",
            Category::Suspension => "suspension",
            Category::PreGa => "pre_ga",
            Category::Quota => "quota",
            Category::ScheduledMaintenance => "scheduled_maintenance",
        }
    }

    /// `scheduled maintenance`.
    pub fn label(self) -> &'static str {
        match self {
            Category::OutsideControl => "outside the vendor's control",
            Category::CustomerCaused => "caused by the customer",
            Category::Suspension => "suspension by the vendor",
            Category::PreGa => "a preview feature",
            Category::Quota => "a quota or limit",
            Category::ScheduledMaintenance => "scheduled maintenance",
        }
    }

    /// The category for an id (`scheduled_maintenance`; `-` and spaces work as `_`).
    pub fn from_id(id: &str) -> Option<Category> {
        let id = id.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Category::ALL.into_iter().find(|c| c.id() == id)
    }
}

/// One exclusion of the SLA, with its wording.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Exclusion {
    pub category: Category,
    pub text: String,
}

/// The definition of monthly uptime and downtime.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Uptime {
    pub method: Method,
    pub unit: Unit,
    /// Set for [`Method::Minutes`].
    pub minute_counting: Option<MinuteCounting>,
    /// Set for [`Method::ErrorRateIntervals`] (5 for S3).
    pub interval_minutes: Option<u32>,
    /// Set for [`Method::ErrorRateIntervals`].
    pub partial_interval: Option<PartialInterval>,
    /// Unavailability spans shorter than this do not count (GCE: 1 minute).
    pub minimum_downtime_period: Option<TimeSpan>,
    /// The vendor's definition of the monthly uptime percentage.
    pub definition: String,
    /// The vendor's definition of downtime (unavailability).
    pub downtime: String,
}

/// One credit tier as the vendor writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tier {
    /// The upper edge of the tier.
    pub level: Percent,
    /// Exclusive for "less than", inclusive for "or less".
    pub edge: TierEdge,
    /// The lower edge as written ("but equal to or greater than 99.0 %"), if any.
    pub at_least: Option<Percent>,
    /// The share of the monthly bill credited.
    pub credit: Percent,
    /// The vendor's wording of the tier.
    pub text: String,
}

/// The largest credit in one month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cap {
    /// As a share of the monthly bill for the service.
    pub percent: Percent,
    pub text: String,
}

/// A credit below which nothing is issued ("greater than one dollar").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinimumCredit {
    /// Credits of this amount or less are not issued.
    pub amount: Money,
    pub text: String,
}

/// The credit schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credits {
    /// What the percentages are a share of.
    pub basis: String,
    pub tiers: Vec<Tier>,
    pub cap: Cap,
    pub minimum: Option<MinimumCredit>,
    /// How a credit is rounded to the bill's minor unit (the vendors do not say; half up by default).
    pub rounding: Rounding,
}

/// When a claim must reach the vendor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// By the last day of the `months`-th month after the month of the incident
    /// (AWS: 2, "the end of the second billing cycle after which the incident occurred").
    EndOfMonthAfterIncident { months: u32 },
    /// Within `days` days after the last day of the month (GCE: 60 days from
    /// becoming eligible, read as the end of the month).
    DaysAfterMonthEnd { days: u32 },
    /// Within `days` days after the day each incident started.
    DaysAfterIncident { days: u32 },
}

/// How to claim a credit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub deadline: Deadline,
    /// The vendor's wording of the deadline.
    pub text: String,
    /// The subject line the vendor asks for, if any (`SLA Credit Request`).
    pub subject: Option<String>,
    /// Where and how to file it.
    pub how: String,
    /// What the claim must contain.
    pub include: Vec<String>,
}

/// A worked example a preset carries, checked by the tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Example {
    /// An uptime figure and the credit it earns.
    Tier {
        uptime: Percent,
        credit: Percent,
        source: String,
    },
    /// An incident date and the last day to claim.
    Deadline {
        incident: NaiveDate,
        deadline: NaiveDate,
        source: String,
    },
}

/// A vendor's SLA for one service and deployment. Exists only valid: built by
/// [`Preset::from_json`] (or [`crate::bundled`]), which checks every field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preset {
    /// Short stable id, e.g. `aws-ec2-region`.
    pub id: String,
    /// A short name for tables and sentences, e.g. `AWS EC2 region-level`.
    pub name: String,
    pub vendor: String,
    pub service: String,
    /// The scope or variant, e.g. `Region-Level SLA (two or more AZs)`.
    pub variant: String,
    pub source: Source,
    /// The promised monthly uptime.
    pub commitment: Percent,
    pub uptime: Uptime,
    pub exclusions: Vec<Exclusion>,
    pub credits: Credits,
    pub claim: Claim,
    pub examples: Vec<Example>,
    /// The file it was read from.
    pub file: String,
    schedule: StepSchedule,
}

impl Preset {
    /// The tiers as the engine's step schedule (edges compared exactly).
    pub fn schedule(&self) -> &StepSchedule {
        &self.schedule
    }

    /// `Amazon Web Services — Amazon EC2 (Region-Level SLA)`.
    pub fn title(&self) -> String {
        format!("{} — {} ({})", self.vendor, self.service, self.variant)
    }

    /// Whether the preset excludes outages of this category.
    pub fn excludes(&self, category: Category) -> Option<&Exclusion> {
        self.exclusions.iter().find(|e| e.category == category)
    }

    /// Reads and checks a preset file; `file` names it in errors.
    ///
    /// # Errors
    /// Every problem found, each with the file and the JSON path: not JSON,
    /// another format or version, an unknown or missing field, a value that
    /// does not parse, or rules between fields (tiers not falling, a gap
    /// between tiers, a first tier above the commitment, a method without its
    /// settings).
    ///
    /// # Example
    /// ```
    /// let text = include_str!("../../../presets/aws-s3-standard.json");
    /// let preset = sla_presets::Preset::from_json("aws-s3-standard.json", text).unwrap();
    /// assert_eq!(preset.commitment.to_string(), "99.9%");
    /// ```
    pub fn from_json(file: &str, text: &str) -> Result<Preset, Vec<PresetError>> {
        let at = |path: &str, message: String| PresetError {
            file: file.to_owned(),
            path: path.to_owned(),
            line: None,
            column: None,
            message,
        };
        if text.len() > MAX_FILE_BYTES {
            return Err(vec![at(".", "the file is larger than 1 MB".into())]);
        }
        let header: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            vec![PresetError {
                file: file.to_owned(),
                path: ".".into(),
                line: Some(e.line()),
                column: Some(e.column()),
                message: format!("not valid JSON: {}", strip_position(&e.to_string())),
            }]
        })?;
        let Some(object) = header.as_object() else {
            return Err(vec![at(".", "a preset file must be a JSON object".into())]);
        };
        match object.get("format").and_then(|f| f.as_str()) {
            Some(FORMAT) => {}
            Some(other) => {
                return Err(vec![at(
                    "format",
                    format!("this is a `{other}` file; expected `{FORMAT}`"),
                )])
            }
            None => {
                return Err(vec![at(
                    "format",
                    format!("missing; a preset file starts with \"format\": \"{FORMAT}\""),
                )])
            }
        }
        match object.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(FORMAT_VERSION) => {}
            Some(v) => {
                return Err(vec![at(
                    "version",
                    format!(
                        "version {v} is not known; this calculator reads version {FORMAT_VERSION}"
                    ),
                )])
            }
            None => {
                return Err(vec![at(
                    "version",
                    format!("missing or not a whole number; write \"version\": {FORMAT_VERSION}"),
                )])
            }
        }
        let mut deserializer = serde_json::Deserializer::from_str(text);
        let raw: RawPreset = serde_path_to_error::deserialize(&mut deserializer).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            vec![PresetError {
                file: file.to_owned(),
                path,
                line: Some(inner.line()),
                column: Some(inner.column()),
                message: strip_position(&inner.to_string()),
            }]
        })?;
        raw.check(file)
    }
}

impl Preset {
    /// Reads a bundled preset file: the same fields and rules as
    /// [`Preset::from_json`], read from `sla-json`'s value tree rather than
    /// through serde. The bundled files are read with the checked reader by
    /// the tests (`bundled`), which also check that both readers give the
    /// same presets, so on a page they cannot fail; if one did, the error
    /// names the file and the JSON path. A page that reads only bundled
    /// files then carries neither serde_json nor serde's derived readers.
    ///
    /// # Errors
    /// Not JSON (with line and column), a field unknown, missing or of the
    /// wrong type, not a preset file of this version, or a rule between
    /// fields, each with its path.
    pub fn from_bundled(file: &str, text: &str) -> Result<Preset, Vec<PresetError>> {
        let at = |path: String, message: String| {
            vec![PresetError {
                file: file.to_owned(),
                path,
                line: None,
                column: None,
                message,
            }]
        };
        let value = sla_json::parse(text).map_err(|e| {
            vec![PresetError {
                file: file.to_owned(),
                path: ".".into(),
                line: Some(e.line),
                column: Some(e.column),
                message: format!("not valid JSON: {}", e.message),
            }]
        })?;
        let raw = bundled::raw_preset(&value).map_err(|(path, message)| at(path, message))?;
        if raw.format != FORMAT || raw.version != FORMAT_VERSION {
            return Err(at(
                "format".into(),
                format!("not a `{FORMAT}` file of version {FORMAT_VERSION}"),
            ));
        }
        raw.check(file)
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

// ---- the file as written -------------------------------------------------

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPreset {
    format: String,
    version: u32,
    id: String,
    name: String,
    vendor: String,
    service: String,
    variant: String,
    source: Source,
    commitment: Pct,
    uptime: RawUptime,
    #[serde(default)]
    exclusions: Vec<Exclusion>,
    credits: RawCredits,
    claim: RawClaim,
    #[serde(default)]
    examples: Vec<RawExample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUptime {
    method: Method,
    unit: Unit,
    minute_counting: Option<MinuteCounting>,
    interval_minutes: Option<u32>,
    partial_interval: Option<PartialInterval>,
    minimum_downtime_period: Option<Span>,
    definition: String,
    downtime: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTier {
    below: Option<Pct>,
    at_or_below: Option<Pct>,
    at_least: Option<Pct>,
    credit: Pct,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCap {
    percent: Pct,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMinimum {
    amount: String,
    currency: String,
    text: String,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
enum RawRounding {
    HalfUp,
    Down,
    Up,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCredits {
    basis: String,
    tiers: Vec<RawTier>,
    cap: RawCap,
    minimum: Option<RawMinimum>,
    rounding: Option<RawRounding>,
}

#[derive(Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
enum RawDeadline {
    EndOfMonthAfterIncident { months: u32 },
    DaysAfterMonthEnd { days: u32 },
    DaysAfterIncident { days: u32 },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClaim {
    deadline: RawDeadline,
    text: String,
    subject: Option<String>,
    how: String,
    include: Vec<String>,
}

#[derive(Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
enum RawExample {
    Tier {
        uptime: Pct,
        credit: Pct,
        source: String,
    },
    Deadline {
        #[serde(deserialize_with = "date")]
        incident: NaiveDate,
        #[serde(deserialize_with = "date")]
        deadline: NaiveDate,
        source: String,
    },
}

/// A percentage written as a string (`"99.99"`), exact.
struct Pct(Percent);

impl<'de> Deserialize<'de> for Pct {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Pct, D::Error> {
        let text = String::deserialize(deserializer).map_err(|_: D::Error| {
            de::Error::custom("write a percentage as a string, e.g. \"99.99\"")
        })?;
        Percent::parse(&text)
            .map(Pct)
            .map_err(|e| de::Error::custom(format!("`{text}` is not a percentage: {e}")))
    }
}

/// A duration written as a string (`"1m"`, `"60s"`).
struct Span(TimeSpan);

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Span, D::Error> {
        let text = String::deserialize(deserializer)?;
        TimeSpan::parse(&text)
            .map(Span)
            .map_err(|e| de::Error::custom(format!("`{text}` is not a duration: {e}")))
    }
}

fn date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
    let text = String::deserialize(deserializer)?;
    sla_engine::time::iso::date(&text)
        .ok_or_else(|| de::Error::custom(format!("`{text}` is not a date; write 2026-07-31")))
}

impl RawPreset {
    fn check(self, file: &str) -> Result<Preset, Vec<PresetError>> {
        let mut errors = Vec::new();
        let mut problem = |path: String, message: String| {
            errors.push(PresetError {
                file: file.to_owned(),
                path,
                line: None,
                column: None,
                message,
            })
        };

        let id_ok = !self.id.is_empty()
            && self.id.len() <= 64
            && self
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !id_ok {
            problem(
                "id".into(),
                format!(
                    "`{}` is not an id; use 1 to 64 lower-case letters, digits and `-`",
                    self.id.chars().take(70).collect::<String>()
                ),
            );
        }
        for (path, text) in [
            ("name", &self.name),
            ("vendor", &self.vendor),
            ("service", &self.service),
            ("variant", &self.variant),
            ("source.url", &self.source.url),
            ("uptime.definition", &self.uptime.definition),
            ("uptime.downtime", &self.uptime.downtime),
            ("credits.basis", &self.credits.basis),
            ("claim.text", &self.claim.text),
            ("claim.how", &self.claim.how),
        ] {
            if text.trim().is_empty() {
                problem(path.into(), "must not be empty".into());
            }
        }
        if self.source.checks.is_empty() {
            problem(
                "source.checks".into(),
                "list at least one part and how it was checked".into(),
            );
        }

        // The method and its settings.
        let u = &self.uptime;
        match u.method {
            Method::Minutes => {
                if u.minute_counting.is_none() {
                    problem(
                        "uptime.minute_counting".into(),
                        "the minutes method needs \"any_part\" or \"whole_minute\"".into(),
                    );
                }
            }
            Method::ErrorRateIntervals => match u.interval_minutes {
                // Dividing an hour keeps whole intervals in months with a DST change.
                Some(m) if (1..=60).contains(&m) && 60 % m == 0 => {}
                Some(m) => problem(
                    "uptime.interval_minutes".into(),
                    format!("{m} does not divide an hour into whole intervals; use 1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60"),
                ),
                None => problem(
                    "uptime.interval_minutes".into(),
                    "the error_rate_intervals method needs the interval length in minutes".into(),
                ),
            },
            Method::Exact => {}
        }
        if u.method != Method::Minutes && u.minute_counting.is_some() {
            problem(
                "uptime.minute_counting".into(),
                "only the minutes method counts minutes".into(),
            );
        }
        if u.method != Method::ErrorRateIntervals
            && (u.interval_minutes.is_some() || u.partial_interval.is_some())
        {
            problem(
                if u.interval_minutes.is_some() {
                    "uptime.interval_minutes"
                } else {
                    "uptime.partial_interval"
                }
                .into(),
                "only the error_rate_intervals method has intervals".into(),
            );
        }
        if u.method == Method::ErrorRateIntervals && u.unit != Unit::RegionService {
            problem(
                "uptime.unit".into(),
                "an error-rate definition is measured on a regional service: use \"region_service\"".into(),
            );
        }
        if u.method == Method::ErrorRateIntervals && u.minimum_downtime_period.is_some() {
            problem(
                "uptime.minimum_downtime_period".into(),
                "an error-rate definition has no minimum downtime period".into(),
            );
        }

        // Exclusions: each category once.
        for (i, exclusion) in self.exclusions.iter().enumerate() {
            if self.exclusions[..i]
                .iter()
                .any(|e| e.category == exclusion.category)
            {
                problem(
                    format!("exclusions[{i}].category"),
                    format!("`{}` is listed twice", exclusion.category.id()),
                );
            }
        }

        // Tiers: edges falling, contiguous, the first not above the commitment.
        let mut tiers = Vec::new();
        for (i, raw) in self.credits.tiers.iter().enumerate() {
            let (level, edge) = match (&raw.below, &raw.at_or_below) {
                (Some(Pct(level)), None) => (*level, TierEdge::Exclusive),
                (None, Some(Pct(level))) => (*level, TierEdge::Inclusive),
                _ => {
                    problem(
                        format!("credits.tiers[{i}]"),
                        "give exactly one of \"below\" (less than) or \"at_or_below\" (or less)"
                            .into(),
                    );
                    continue;
                }
            };
            tiers.push(Tier {
                level,
                edge,
                at_least: raw.at_least.as_ref().map(|p| p.0),
                credit: raw.credit.0,
                text: raw.text.clone(),
            });
        }
        if self.credits.tiers.is_empty() {
            problem(
                "credits.tiers".into(),
                "a schedule needs at least one tier".into(),
            );
        }
        for (i, pair) in tiers.windows(2).enumerate() {
            match pair[0].at_least {
                Some(at_least) if at_least != pair[1].level => problem(
                    format!("credits.tiers[{i}].at_least"),
                    format!(
                        "{} leaves a gap or an overlap with the next tier, which starts below {}",
                        at_least, pair[1].level
                    ),
                ),
                Some(_) if pair[1].edge == TierEdge::Inclusive => problem(
                    format!("credits.tiers[{}].at_or_below", i + 1),
                    format!(
                        "the tier above includes {} (\"equal to or greater than\"); this one must start below it",
                        pair[1].level
                    ),
                ),
                _ => {}
            }
        }
        if let Some(last) = tiers.last() {
            if last.at_least.is_some_and(|p| p != Percent::ZERO) {
                problem(
                    format!("credits.tiers[{}].at_least", tiers.len() - 1),
                    "the last tier must reach down to 0 % (leave \"at_least\" out)".into(),
                );
            }
        }
        if let Some(first) = tiers.first() {
            if first.level > self.commitment.0 {
                problem(
                    "credits.tiers[0]".into(),
                    format!(
                        "the first tier starts at {}, above the commitment of {}: a credit would be due while the commitment is met",
                        first.level, self.commitment.0
                    ),
                );
            }
        }
        let schedule = StepSchedule::new(
            tiers
                .iter()
                .map(|t| EngineTier {
                    level: t.level,
                    edge: t.edge,
                    credit: t.credit,
                })
                .collect(),
        );
        let schedule = match schedule {
            Ok(schedule) => Some(schedule),
            Err(e) => {
                if !self.credits.tiers.is_empty() {
                    problem("credits.tiers".into(), e.to_string());
                }
                None
            }
        };

        let minimum = match &self.credits.minimum {
            None => None,
            Some(raw) => match Currency::new(&raw.currency) {
                Err(e) => {
                    problem("credits.minimum.currency".into(), e.to_string());
                    None
                }
                Ok(currency) => match Money::parse(&raw.amount, currency) {
                    Ok(amount) if amount.minor_units() >= 0 => Some(MinimumCredit {
                        amount,
                        text: raw.text.clone(),
                    }),
                    Ok(_) => {
                        problem(
                            "credits.minimum.amount".into(),
                            "must not be negative".into(),
                        );
                        None
                    }
                    Err(e) => {
                        problem("credits.minimum.amount".into(), e.to_string());
                        None
                    }
                },
            },
        };
        if self.credits.cap.percent.0 == Percent::ZERO {
            problem(
                "credits.cap.percent".into(),
                "a cap of 0 % would forbid every credit".into(),
            );
        }

        let deadline = match self.claim.deadline {
            RawDeadline::EndOfMonthAfterIncident { months } => {
                Deadline::EndOfMonthAfterIncident { months }
            }
            RawDeadline::DaysAfterMonthEnd { days } => Deadline::DaysAfterMonthEnd { days },
            RawDeadline::DaysAfterIncident { days } => Deadline::DaysAfterIncident { days },
        };
        if let Deadline::EndOfMonthAfterIncident { months: m @ 13.. } = deadline {
            problem(
                "claim.deadline.months".into(),
                format!("{m} months is more than a year; at most 12"),
            );
        }
        if let Deadline::DaysAfterMonthEnd { days: d @ 367.. }
        | Deadline::DaysAfterIncident { days: d @ 367.. } = deadline
        {
            problem(
                "claim.deadline.days".into(),
                format!("{d} days is more than a year; at most 366"),
            );
        }

        let (Some(schedule), true) = (schedule, errors.is_empty()) else {
            return Err(errors);
        };
        let rounding = match self.credits.rounding {
            None | Some(RawRounding::HalfUp) => Rounding::HalfUp,
            Some(RawRounding::Down) => Rounding::Down,
            Some(RawRounding::Up) => Rounding::Up,
        };
        Ok(Preset {
            id: self.id,
            name: self.name,
            vendor: self.vendor,
            service: self.service,
            variant: self.variant,
            source: self.source,
            commitment: self.commitment.0,
            uptime: Uptime {
                method: self.uptime.method,
                unit: self.uptime.unit,
                minute_counting: self.uptime.minute_counting,
                interval_minutes: self.uptime.interval_minutes,
                partial_interval: match self.uptime.method {
                    Method::ErrorRateIntervals => Some(
                        self.uptime
                            .partial_interval
                            .unwrap_or(PartialInterval::WholeInterval),
                    ),
                    _ => None,
                },
                minimum_downtime_period: self.uptime.minimum_downtime_period.map(|s| s.0),
                definition: self.uptime.definition,
                downtime: self.uptime.downtime,
            },
            exclusions: self.exclusions,
            credits: Credits {
                basis: self.credits.basis,
                tiers,
                cap: Cap {
                    percent: self.credits.cap.percent.0,
                    text: self.credits.cap.text,
                },
                minimum,
                rounding,
            },
            claim: Claim {
                deadline,
                text: self.claim.text,
                subject: self.claim.subject,
                how: self.claim.how,
                include: self.claim.include,
            },
            examples: self
                .examples
                .into_iter()
                .map(|e| match e {
                    RawExample::Tier {
                        uptime,
                        credit,
                        source,
                    } => Example::Tier {
                        uptime: uptime.0,
                        credit: credit.0,
                        source,
                    },
                    RawExample::Deadline {
                        incident,
                        deadline,
                        source,
                    } => Example::Deadline {
                        incident,
                        deadline,
                        source,
                    },
                })
                .collect(),
            file: file.to_owned(),
            schedule,
        })
    }
}

/// Reads several preset files; ids must be unique across them.
///
/// # Errors
/// Every problem of every file, and each id used twice (named at the second file).
pub fn read_all<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<Preset>, Vec<PresetError>> {
    read_all_with(files, Preset::from_json)
}

/// [`read_all`] with another reader of one file ([`Preset::from_bundled`]).
///
/// # Errors
/// As [`read_all`].
pub fn read_all_with<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a str)>,
    read: fn(&str, &str) -> Result<Preset, Vec<PresetError>>,
) -> Result<Vec<Preset>, Vec<PresetError>> {
    let mut presets: Vec<Preset> = Vec::new();
    let mut errors = Vec::new();
    for (name, text) in files {
        match read(name, text) {
            Ok(preset) => {
                if let Some(first) = presets.iter().find(|p| p.id == preset.id) {
                    errors.push(PresetError {
                        file: name.to_owned(),
                        path: "id".into(),
                        line: None,
                        column: None,
                        message: format!("`{}` is already the id of {}", preset.id, first.file),
                    });
                } else {
                    presets.push(preset);
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(presets)
    } else {
        Err(errors)
    }
}
