//! The day Jekyll dates a post when the site sets `timezone`: a front matter `date` with a time
//! is an instant, shown in that zone. YAML reads a time without an offset as UTC (Psych), unless
//! the value is quoted: then Jekyll parses it as a time of the site's zone. A date without a
//! time, and the date of a file name, are days of the site's zone as written.

use crate::date::{DateTime, Day};
use crate::site_config::SiteConfig;
use jiff::tz::{Offset, TimeZone};
use regex::Regex;
use std::sync::LazyLock;

/// The site's `timezone` (an IANA name, as Jekyll sets `TZ`), when set and known. Without it
/// Jekyll uses the building machine's zone, which postlint cannot know.
pub(super) fn site_zone(config: &SiteConfig) -> Option<TimeZone> {
    TimeZone::get(config.get_str("timezone")?.trim()).ok()
}

/// `2024-03-05 23:30:00 +0900`: the wall clock and the offset as written.
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d*)?[ \t]*(Z|[+-]\d{1,2}(?::?\d{2})?)?$",
    )
    .expect("valid regex")
});

/// The date and time `zone` shows for a front matter `date` written as `written` (`quoted`:
/// YAML read it as a string), when that moves it; `None` when it has no time or stays a time
/// of the zone as written.
pub(super) fn in_zone(written: &str, quoted: bool, zone: &TimeZone) -> Option<DateTime> {
    let caps = TIMESTAMP.captures(written.trim())?;
    let number = |i: usize| {
        caps.get(i)
            .map_or(Some(0), |m| m.as_str().parse::<i16>().ok())
    };
    let offset = match caps.get(7).map(|m| m.as_str()) {
        Some("Z") => 0,
        Some(offset) => offset_seconds(offset)?,
        None if quoted => return None,
        None => 0,
    };
    let wall = jiff::civil::DateTime::new(
        number(1)?,
        i8::try_from(number(2)?).ok()?,
        i8::try_from(number(3)?).ok()?,
        i8::try_from(number(4)?).ok()?,
        i8::try_from(number(5)?).ok()?,
        i8::try_from(number(6)?).ok()?,
        0,
    )
    .ok()?;
    let instant = Offset::from_seconds(offset).ok()?.to_timestamp(wall).ok()?;
    let local = zone.to_datetime(instant);
    Some(DateTime {
        day: Day {
            year: i32::from(local.year()),
            month: u32::try_from(local.month()).ok()?,
            day: u32::try_from(local.day()).ok()?,
        },
        hour: u32::try_from(local.hour()).ok()?,
        minute: u32::try_from(local.minute()).ok()?,
        second: u32::try_from(local.second()).ok()?,
    })
}

/// `+9`, `-0800`, `+05:30` (Psych's reading: one or two digits of hours, then minutes).
fn offset_seconds(text: &str) -> Option<i32> {
    let sign = if text.starts_with('-') { -1 } else { 1 };
    let digits = text[1..].replace(':', "");
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.as_str(), "0"),
        3 => digits.split_at(1),
        _ => digits.split_at(2),
    };
    let hours: i32 = hours.parse().ok()?;
    let minutes: i32 = minutes.parse().ok()?;
    Some(sign * (hours * 3600 + minutes * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day_in(zone: &str, written: &str, quoted: bool) -> Option<String> {
        let zone = TimeZone::get(zone).ok()?;
        in_zone(written, quoted, &zone).map(|d| format!("{} {:02}", d.day, d.hour))
    }

    #[test]
    fn times_move_into_the_site_zone() {
        assert_eq!(
            day_in("Asia/Seoul", "2024-02-29 20:00:00 -0800", false).as_deref(),
            Some("2024-03-01 13")
        );
        // No offset: UTC, as YAML reads it.
        assert_eq!(
            day_in("Asia/Seoul", "2024-03-09 23:30:00", false).as_deref(),
            Some("2024-03-10 08")
        );
        assert_eq!(
            day_in("America/Los_Angeles", "2024-03-05 02:00:00 +0000", false).as_deref(),
            Some("2024-03-04 18")
        );
        assert_eq!(
            day_in("America/Los_Angeles", "2024-07-05T02:00:00Z", false).as_deref(),
            Some("2024-07-04 19")
        );
        assert_eq!(
            day_in("Asia/Kolkata", "2024-03-05 20:00 +05:30", false).as_deref(),
            Some("2024-03-05 20")
        );
    }

    #[test]
    fn days_and_quoted_times_stay() {
        assert_eq!(day_in("Asia/Seoul", "2024-03-09", false), None);
        assert_eq!(day_in("Asia/Seoul", "2024-03-09 23:30:00", true), None);
        assert_eq!(day_in("Asia/Seoul", "not a date", false), None);
    }
}
