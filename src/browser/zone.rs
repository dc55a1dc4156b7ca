//! Time-zone offsets from the browser's `Intl`, so that the wasm carries no
//! zone database. `sla_engine::time::zone::Zone` asks once or twice per day of
//! data and caches.

use js_sys::{Array, Function, Object, Reflect};
use sla_import::zone::{Offsets, Zone};
use wasm_bindgen::{JsCast, JsValue};

/// An IANA zone resolved by `Intl.DateTimeFormat`.
pub struct IntlZone {
    name: String,
    format_to_parts: Function,
    formatter: JsValue,
}

fn intl_constructor() -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    Reflect::get(&intl, &"DateTimeFormat".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

impl IntlZone {
    /// `None` when the browser does not know the zone.
    pub fn new(name: &str) -> Option<IntlZone> {
        let constructor = intl_constructor()?;
        let options = Object::new();
        let set = |key: &str, value: &str| Reflect::set(&options, &key.into(), &value.into()).ok();
        set("timeZone", name)?;
        set("hourCycle", "h23")?;
        for key in ["year", "month", "day", "hour", "minute", "second"] {
            set(key, "numeric")?;
        }
        let args = Array::of2(&"en-US".into(), &options);
        let formatter = Reflect::construct(&constructor, &args).ok()?;
        let format_to_parts = Reflect::get(&formatter, &"formatToParts".into())
            .ok()?
            .dyn_into::<Function>()
            .ok()?;
        // The canonical name (`europe/berlin` → `Europe/Berlin`).
        let resolved = Reflect::get(&formatter, &"resolvedOptions".into())
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| f.call0(&formatter).ok())
            .and_then(|o| Reflect::get(&o, &"timeZone".into()).ok())
            .and_then(|z| z.as_string())
            .unwrap_or_else(|| name.to_string());
        Some(IntlZone {
            name: resolved,
            format_to_parts,
            formatter,
        })
    }
}

impl Offsets for IntlZone {
    fn name(&self) -> &str {
        &self.name
    }

    fn offset_at(&self, unix_seconds: i64) -> Option<i32> {
        let millis = unix_seconds as f64 * 1000.0;
        let date = js_sys::Date::new(&JsValue::from_f64(millis));
        let parts = self.format_to_parts.call1(&self.formatter, &date).ok()?;
        let parts: Array = parts.dyn_into().ok()?;
        let mut fields = [0i64; 6];
        for part in parts.iter() {
            let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
            let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
            let slot = match kind.as_str() {
                "year" => 0,
                "month" => 1,
                "day" => 2,
                "hour" => 3,
                "minute" => 4,
                "second" => 5,
                _ => continue,
            };
            *fields.get_mut(slot)? = value.parse().ok()?;
        }
        let [year, month, day, hour, minute, second] = fields;
        let date = chrono::NaiveDate::from_ymd_opt(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )?;
        let local = date
            .and_hms_opt(
                u32::try_from(hour % 24).ok()?,
                u32::try_from(minute).ok()?,
                u32::try_from(second).ok()?,
            )?
            .and_utc()
            .timestamp();
        i32::try_from(local - unix_seconds).ok()
    }
}

/// The zone the browser is in (`Europe/Berlin`), `UTC` if it cannot say.
pub fn browser_zone() -> String {
    intl_constructor()
        .and_then(|c| Reflect::construct(&c, &Array::new()).ok())
        .and_then(|f| {
            let resolved = Reflect::get(&f, &"resolvedOptions".into()).ok()?;
            resolved.dyn_into::<Function>().ok()?.call0(&f).ok()
        })
        .and_then(|o| Reflect::get(&o, &"timeZone".into()).ok())
        .and_then(|z| z.as_string())
        .unwrap_or_else(|| "UTC".into())
}

/// Every IANA zone the browser knows (`Intl.supportedValuesOf`), for the picker.
pub fn zone_names() -> Vec<String> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok();
    let names = intl
        .as_ref()
        .and_then(|i| Reflect::get(i, &"supportedValuesOf".into()).ok())
        .and_then(|f| f.dyn_into::<Function>().ok())
        .and_then(|f| f.call1(intl.as_ref()?, &"timeZone".into()).ok())
        .and_then(|a| a.dyn_into::<Array>().ok());
    let mut list: Vec<String> = names
        .map(|a| a.iter().filter_map(|v| v.as_string()).collect())
        .unwrap_or_default();
    if !list.iter().any(|z| z == "UTC") {
        list.insert(0, "UTC".into());
    }
    list
}

fn resolve(name: &str) -> Option<Box<dyn Offsets>> {
    IntlZone::new(name).map(|z| Box::new(z) as Box<dyn Offsets>)
}

/// Makes [`Zone::named`] (the engine's reports, the import) ask the
/// browser's `Intl` for IANA names. Called once at start.
pub fn install() {
    Zone::set_resolver(resolve);
}

/// A zone by name: a fixed offset (`UTC`, `+01:00`) or an IANA name the browser knows.
pub fn zone(name: &str) -> Option<Zone> {
    Zone::named(name)
}
