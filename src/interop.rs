//! The workbench's OpenSLO and iCalendar module (`interop.html`, the
//! `sla-interop` binary): `sla-interop`'s readers and writers (the YAML
//! parser, the OpenSLO mapping both ways, the `.ics` reader with its RRULE
//! expansion and the writer) in a wasm of their own, which the workbench
//! loads the first time the user reads or writes one of these files, so
//! that its first load does not carry them.
//!
//! Both sides of the call are here, so the format they exchange is defined
//! once: the module's functions ([`openslo_import_json`] and the others
//! ending in `_json`, exported by `src/bin/interop.rs`) take and give text,
//! results as JSON; the workbench's async functions ([`openslo_import`] and
//! the others) load the module on first use ([`load`]), call it and read
//! the JSON back into `sla-interop`'s types. Only the module's binary calls
//! the first, so only its wasm links `sla-interop`'s code.
//!
//! Every call gives a [`Reply`]: the outer error means the module could not
//! be loaded or called (offline before it was ever cached), the inner one
//! is the module's own answer (a file it could not read).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sla_engine::model::{AgreementFile, CalendarDef};
use sla_interop::ics::{self, IcsNote, IcsOptions};
use sla_interop::openslo::{self, AgreementDefaults, Exported, ImportError, Imported};
use wasm_bindgen::JsValue;

/// The name of the module (`interop.html`, see `cargo xtask build`'s `LAZY`).
pub const MODULE: &str = "interop";

/// Why the module could not be used: it did not load, or did not answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Unavailable(pub String);

/// A call's answer: `Err` when the module could not be used, else the
/// module's own result.
pub type Reply<T> = Result<Result<T, String>, Unavailable>;

/// What an OpenSLO file gave.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum OpenSloRead {
    Read(Imported),
    /// Nothing could be read: where and why, and the error as a sentence.
    Unreadable {
        error: ImportError,
        text: String,
    },
}

/// What an `.ics` file gave for a calendar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IcsRead {
    /// The calendar with the file's holidays and windows added
    /// ([`ics::IcsImport::apply_to`]); `None` when none was given.
    pub calendar: Option<CalendarDef>,
    /// How many holidays and maintenance windows the file has in the range.
    pub found: usize,
    /// The file's zone (`X-WR-TIMEZONE`), when it names one.
    pub time_zone: Option<String>,
    pub notes: Vec<IcsNote>,
    /// The range expanded, as dates (`2026-01-01`).
    pub from: String,
    pub to: String,
}

// ---------------------------------------------------------------------------
// The module's side: text in, JSON out.

fn json<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| {
        serde_json::to_string(&Err::<(), String>(e.to_string())).unwrap_or_default()
    })
}

fn parsed<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|e| format!("the {what} given to the module: {e}"))
}

/// [`openslo::import()`]: an [`OpenSloRead`].
pub fn openslo_import_json(text: &str) -> String {
    json(&match openslo::import(text) {
        Ok(imported) => OpenSloRead::Read(imported),
        Err(error) => OpenSloRead::Unreadable {
            text: error.to_string(),
            error,
        },
    })
}

/// [`Imported::agreement_file`] of an [`Imported`] (JSON) with the
/// [`AgreementDefaults`] (JSON): a `Result` of the agreement file's JSON.
pub fn openslo_agreement_file_json(imported: &str, defaults: &str) -> String {
    json(&(|| {
        let imported: Imported = parsed(imported, "OpenSLO import")?;
        let defaults: AgreementDefaults = parsed(defaults, "defaults")?;
        serde_json::to_value(imported.agreement_file(&defaults)).map_err(|e| e.to_string())
    })())
}

/// [`openslo::export()`] of an agreement file (JSON): a `Result` of an
/// [`Exported`].
pub fn openslo_export_json(file: &str) -> String {
    json(&parsed::<AgreementFile>(file, "agreement file").map(|file| openslo::export(&file)))
}

/// [`IcsOptions::parse`]: a `Result` of `()`, the message when a date
/// cannot be read.
pub fn ics_range_json(from: &str, to: &str) -> String {
    json(&IcsOptions::parse(from, to).map(|_| ()))
}

/// [`ics::import()`] of `content` over `from..=to`, applied to `calendar`
/// (JSON, `null` for none): a `Result` of an [`IcsRead`].
pub fn ics_import_json(content: &str, from: &str, to: &str, calendar: &str) -> String {
    json(&(|| {
        let options = IcsOptions::parse(from, to)?;
        let mut calendar: Option<CalendarDef> = parsed(calendar, "calendar")?;
        let import = ics::import(content, &options).map_err(|e| e.to_string())?;
        if let Some(calendar) = &mut calendar {
            import.apply_to(calendar);
        }
        Ok::<_, String>(IcsRead {
            calendar,
            found: import.holidays.len() + import.maintenance.len(),
            time_zone: import.time_zone,
            notes: import.notes,
            from: options.from.to_string(),
            to: options.to.to_string(),
        })
    })())
}

/// [`ics::export()`] of a calendar (JSON), stamped `now_ms` (milliseconds
/// since the epoch): a `Result` of the `.ics` text.
pub fn ics_export_json(calendar: &str, now_ms: f64) -> String {
    json(
        &parsed::<CalendarDef>(calendar, "calendar").and_then(|calendar| {
            ics::export(&calendar, (now_ms as i64).saturating_mul(1_000_000))
                .map_err(|e| e.to_string())
        }),
    )
}

// ---------------------------------------------------------------------------
// The workbench's side: load on first use, call, read the JSON back.

/// Whether the module is loaded: a call then does not wait for a download.
pub fn is_loaded() -> bool {
    crate::browser::lazy_loaded(MODULE).is_some()
}

/// Uses `bindings` as the module's exports instead of loading it: the
/// component tests, whose page has no module to load, give
/// [`local_bindings`].
pub fn provide(bindings: JsValue) {
    crate::browser::provide_lazy(MODULE, bindings);
}

/// Loads the module, once (see [`crate::browser::load_lazy`]).
///
/// # Errors
/// The module did not load; the message says why.
pub async fn load() -> Result<(), Unavailable> {
    crate::browser::lazy_exports(MODULE)
        .await
        .map(|_| ())
        .map_err(Unavailable)
}

/// Calls the module's export `name` with `args`; its text.
async fn call(name: &str, args: &[JsValue]) -> Result<String, Unavailable> {
    let bindings = crate::browser::lazy_exports(MODULE)
        .await
        .map_err(Unavailable)?;
    let answer = crate::browser::call_export(&bindings, MODULE, name, args).map_err(Unavailable)?;
    answer
        .as_string()
        .ok_or_else(|| Unavailable(format!("`{name}` of the module `{MODULE}` gave no text")))
}

/// Reads a call's JSON answer.
fn answer<T: DeserializeOwned>(name: &str, text: &str) -> Result<T, Unavailable> {
    serde_json::from_str(text)
        .map_err(|e| Unavailable(format!("`{name}` of the module `{MODULE}` answered {e}")))
}

fn text_of<T: Serialize>(value: &T) -> JsValue {
    JsValue::from_str(&serde_json::to_string(value).unwrap_or_default())
}

/// Reads an OpenSLO file ([`openslo::import()`] in the module).
///
/// # Errors
/// The module could not be used.
pub async fn openslo_import(text: &str) -> Result<OpenSloRead, Unavailable> {
    let name = "openslo_import";
    answer(name, &call(name, &[text.into()]).await?)
}

/// The agreement file (JSON) that `imported` and `defaults` make
/// ([`Imported::agreement_file`] in the module).
pub async fn openslo_agreement_file(
    imported: &Imported,
    defaults: &AgreementDefaults,
) -> Reply<Value> {
    let name = "openslo_agreement_file";
    answer(
        name,
        &call(name, &[text_of(imported), text_of(defaults)]).await?,
    )
}

/// An agreement file as OpenSLO ([`openslo::export()`] in the module).
pub async fn openslo_export(file: &AgreementFile) -> Reply<Exported> {
    let name = "openslo_export";
    answer(name, &call(name, &[text_of(file)]).await?)
}

/// Checks a range of dates for an `.ics` import ([`IcsOptions::parse`]).
pub async fn ics_range(from: &str, to: &str) -> Reply<()> {
    let name = "ics_range";
    answer(name, &call(name, &[from.into(), to.into()]).await?)
}

/// Reads an `.ics` file over `from..=to` and adds it to `calendar`
/// ([`ics::import()`] and [`ics::IcsImport::apply_to`] in the module).
pub async fn ics_import(
    content: &str,
    from: &str,
    to: &str,
    calendar: Option<&CalendarDef>,
) -> Reply<IcsRead> {
    let name = "ics_import";
    answer(
        name,
        &call(
            name,
            &[content.into(), from.into(), to.into(), text_of(&calendar)],
        )
        .await?,
    )
}

/// A calendar as an `.ics` file stamped `now_ms` ([`ics::export()`] in the
/// module).
pub async fn ics_export(calendar: &CalendarDef, now_ms: f64) -> Reply<String> {
    let name = "ics_export";
    answer(
        name,
        &call(name, &[text_of(calendar), JsValue::from_f64(now_ms)]).await?,
    )
}

/// The module's exports made in this wasm, for [`provide`]: the component
/// tests mount the workbench without the module, and call the same code
/// through the same JavaScript calls.
pub fn local_bindings() -> JsValue {
    use wasm_bindgen::closure::Closure;
    let bindings = js_sys::Object::new();
    let set = |name: &str, function: JsValue| {
        let _ = js_sys::Reflect::set(&bindings, &name.into(), &function);
    };
    set(
        "openslo_import",
        Closure::<dyn Fn(String) -> String>::new(|t: String| openslo_import_json(&t))
            .into_js_value(),
    );
    set(
        "openslo_agreement_file",
        Closure::<dyn Fn(String, String) -> String>::new(|i: String, d: String| {
            openslo_agreement_file_json(&i, &d)
        })
        .into_js_value(),
    );
    set(
        "openslo_export",
        Closure::<dyn Fn(String) -> String>::new(|f: String| openslo_export_json(&f))
            .into_js_value(),
    );
    set(
        "ics_range",
        Closure::<dyn Fn(String, String) -> String>::new(|f: String, t: String| {
            ics_range_json(&f, &t)
        })
        .into_js_value(),
    );
    set(
        "ics_import",
        Closure::<dyn Fn(String, String, String, String) -> String>::new(
            |c: String, f: String, t: String, cal: String| ics_import_json(&c, &f, &t, &cal),
        )
        .into_js_value(),
    );
    set(
        "ics_export",
        Closure::<dyn Fn(String, f64) -> String>::new(|c: String, now: f64| {
            ics_export_json(&c, now)
        })
        .into_js_value(),
    );
    bindings.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WEB_SHOP: &str = include_str!("../crates/interop/tests/fixtures/openslo-web-shop.yaml");
    const BERLIN: &str = include_str!("../crates/interop/tests/fixtures/holidays-berlin-2026.ics");

    #[test]
    fn an_openslo_import_reads_back_as_it_was() {
        let Ok(OpenSloRead::Read(read)) = serde_json::from_str(&openslo_import_json(WEB_SHOP))
        else {
            panic!("an import");
        };
        assert_eq!(Ok(read.clone()), openslo::import(WEB_SHOP));
        let defaults = AgreementDefaults::default();
        let file: Result<Value, String> = serde_json::from_str(&openslo_agreement_file_json(
            &serde_json::to_string(&read).unwrap_or_default(),
            &serde_json::to_string(&defaults).unwrap_or_default(),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            file,
            serde_json::to_value(read.agreement_file(&defaults)).map_err(|e| e.to_string())
        );
    }

    #[test]
    fn an_unreadable_openslo_file_keeps_its_place_and_sentence() {
        let text = "apiVersion: openslo/v1\nkind: [\n";
        let Ok(OpenSloRead::Unreadable { error, text: said }) =
            serde_json::from_str(&openslo_import_json(text))
        else {
            panic!("an error");
        };
        let expected = openslo::import(text)
            .err()
            .unwrap_or_else(|| panic!("an error"));
        assert_eq!(said, expected.to_string());
        assert_eq!(error, expected);
    }

    #[test]
    fn an_ics_import_is_applied_to_the_calendar_given() {
        let calendar = CalendarDef {
            id: "c".into(),
            name: String::new(),
            time_zone: "Europe/Berlin".into(),
            hours: "24x7".into(),
            holidays: vec!["2026-01-01".into()],
            exclusions: Vec::new(),
        };
        let answer: Result<IcsRead, String> = serde_json::from_str(&ics_import_json(
            BERLIN,
            "2026-01-01",
            "2026-12-31",
            &serde_json::to_string(&Some(&calendar)).unwrap_or_default(),
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        let read = answer.unwrap_or_else(|e| panic!("{e}"));
        let options =
            IcsOptions::parse("2026-01-01", "2026-12-31").unwrap_or_else(|e| panic!("{e}"));
        let import = ics::import(BERLIN, &options).unwrap_or_else(|e| panic!("{e}"));
        let mut expected = calendar.clone();
        import.apply_to(&mut expected);
        assert_eq!(read.calendar, Some(expected));
        assert_eq!(read.found, import.holidays.len() + import.maintenance.len());
        assert_eq!(read.notes, import.notes);
        assert_eq!(
            (read.from.as_str(), read.to.as_str()),
            ("2026-01-01", "2026-12-31")
        );
    }

    #[test]
    fn the_modules_errors_are_its_messages() {
        let range: Result<(), String> =
            serde_json::from_str(&ics_range_json("2026-13-01", "2026-12-31")).unwrap_or(Ok(()));
        assert_eq!(
            range,
            Err(IcsOptions::parse("2026-13-01", "2026-12-31")
                .err()
                .unwrap_or_default())
        );
        let import: Result<IcsRead, String> = serde_json::from_str(&ics_import_json(
            "not a calendar",
            "2026-01-01",
            "2026-12-31",
            "null",
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            import,
            Err("not an iCalendar file: there is no BEGIN:VCALENDAR".into())
        );
    }
}
