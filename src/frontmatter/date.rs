//! Dates as front matter and file names write them: whether the calendar values are possible,
//! and which day they name.

use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Day {
    fn next(self) -> Day {
        if self.day < days_in_month(self.year, self.month) {
            Day {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Day {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Day {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }

    fn previous(self) -> Day {
        if self.day > 1 {
            Day {
                day: self.day - 1,
                ..self
            }
        } else if self.month > 1 {
            let month = self.month - 1;
            Day {
                month,
                day: days_in_month(self.year, month),
                ..self
            }
        } else {
            Day {
                year: self.year - 1,
                month: 12,
                day: 31,
            }
        }
    }
}

/// A date (and maybe a time) read from text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateValue {
    /// The day as written, in the value's own time zone.
    pub local: Day,
    /// The same instant's day in UTC, when the value has a time and a zone offset.
    pub utc: Option<Day>,
    /// Whether a zone (`Z`, `+09:00`, `-0500`) is written.
    pub has_zone: bool,
}

impl DateValue {
    /// Whether the value names `day`, in its own zone or in UTC (generators differ in which
    /// zone they take the day in, so either is accepted).
    pub fn names(&self, day: Day) -> bool {
        self.local == day || self.utc == Some(day)
    }
}

pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// English month names, as Jekyll and Hugo print and parse them.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Why a date is impossible, for `invalid date `…`: <reason>`.
pub fn check_day(year: i32, month: u32, day: u32) -> Result<Day, String> {
    if !(1..=12).contains(&month) {
        return Err("month must be 1–12".to_string());
    }
    if !(1..=31).contains(&day) {
        return Err("day must be 1–31".to_string());
    }
    let last = days_in_month(year, month);
    if day > last {
        return Err(format!(
            "{} {year} has {last} days",
            MONTHS[month as usize - 1]
        ));
    }
    Ok(Day { year, month, day })
}

fn check_time(hour: u32, minute: u32, second: u32) -> Result<(), String> {
    if hour > 23 {
        return Err("hour must be 0–23".to_string());
    }
    if minute > 59 {
        return Err("minute must be 0–59".to_string());
    }
    if second > 60 {
        return Err("second must be 0–59".to_string());
    }
    Ok(())
}

/// `2022-11-20`, `2022/11/20`, with an optional time (`T10:00`, ` 10:00:00.5`) and zone (`Z`,
/// `+09:00`, ` -0500`, ` +0900 KST`).
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^([0-9]{4})([-/])([0-9]{1,2})([-/])([0-9]{1,2})(?:(?:[Tt]|[ \t]+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]+)?)?(?:[ \t]*(Z|z|[+-][0-9]{1,2}(?::?[0-9]{2})?))?)?",
    )
    .expect("valid regex")
});

/// `20 Nov 2022`, `Sun, 20 Nov 2022 …`, `November 20, 2022`, `Nov 20 2022`.
static NAMED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?:[A-Za-z]{3,9},?[ \t]+)?(?:([0-9]{1,2})[ \t-]+([A-Za-z]{3,9})\.?[ \t-]+([0-9]{4})|([A-Za-z]{3,9})\.?[ \t]+([0-9]{1,2})(?:st|nd|rd|th)?,?[ \t]+([0-9]{4}))(?:[^0-9]|$)",
    )
    .expect("valid regex")
});

fn month_number(name: &str) -> Option<u32> {
    let lower = name.to_ascii_lowercase();
    if lower.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| m.to_ascii_lowercase().starts_with(&lower))
        .map(|i| i as u32 + 1)
}

/// Reads a date string. `None`: not a format postlint knows (the schema's patterns judge it);
/// `Some(Err(reason))`: a known format with impossible values.
pub fn parse(text: &str) -> Option<Result<DateValue, String>> {
    let text = text.trim();
    if let Some(c) = NUMERIC.captures(text) {
        if c[2] != c[4] {
            return None;
        }
        let number =
            |i: usize| -> u32 { c.get(i).and_then(|m| m.as_str().parse().ok()).unwrap_or(0) };
        let year: i32 = c[1].parse().ok()?;
        return Some(numeric(
            year,
            number(3),
            number(5),
            c.get(6).map(|_| (number(6), number(7), number(8))),
            c.get(9).map(|m| m.as_str()),
        ));
    }
    let c = NAMED.captures(text)?;
    let (day, month, year) = match (c.get(1), c.get(4)) {
        (Some(day), _) => (day.as_str(), &c[2], &c[3]),
        (None, Some(month)) => (&c[5], month.as_str(), &c[6]),
        (None, None) => return None,
    };
    let month = month_number(month)?;
    let day: u32 = day.parse().ok()?;
    let year: i32 = year.parse().ok()?;
    Some(check_day(year, month, day).map(|local| DateValue {
        local,
        utc: None,
        has_zone: false,
    }))
}

fn numeric(
    year: i32,
    month: u32,
    day: u32,
    time: Option<(u32, u32, u32)>,
    zone: Option<&str>,
) -> Result<DateValue, String> {
    let local = check_day(year, month, day)?;
    let mut utc = None;
    if let Some((hour, minute, second)) = time {
        check_time(hour, minute, second)?;
        if let Some(offset) = zone.and_then(offset_minutes) {
            let minutes = i64::from(hour * 60 + minute) - offset;
            utc = Some(if minutes < 0 {
                local.previous()
            } else if minutes >= 24 * 60 {
                local.next()
            } else {
                local
            });
        }
    }
    Ok(DateValue {
        local,
        utc,
        has_zone: zone.is_some(),
    })
}

fn offset_minutes(zone: &str) -> Option<i64> {
    if zone.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let sign = if zone.starts_with('-') { -1 } else { 1 };
    let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
    let (hours, minutes) = match digits.len() {
        1 | 2 => (digits.parse::<i64>().ok()?, 0),
        3 | 4 => {
            let split = digits.len() - 2;
            (
                digits[..split].parse::<i64>().ok()?,
                digits[split..].parse::<i64>().ok()?,
            )
        }
        _ => return None,
    };
    Some(sign * (hours * 60 + minutes))
}

/// A post's date from its path, the way the generator reads it.
pub mod file_name {
    use super::*;

    /// Docusaurus (`blogUtils.ts`): the last `YYYY-MM-DD` / `YYYY/MM/DD` in the path below the
    /// blog folder, followed by `-`, `/` or the name: `2022-11-10-post.md`,
    /// `2022-11-10-post/index.md`, `2022/11/10/post.md`.
    static DOCUSAURUS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})").expect("valid regex")
    });

    /// Jekyll's `Document::DATE_FILENAME_MATCHER`, applied to the file name.
    static JEKYLL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([0-9]{2,4})-([0-9]{1,2})-([0-9]{1,2})-([^/]*)(\.[^./]+)$")
            .expect("valid regex")
    });

    /// The (year, month, day) a Docusaurus post's path below the blog folder names, if any.
    pub fn docusaurus(relative: &str) -> Option<(i32, u32, u32)> {
        if !(relative.ends_with(".md") || relative.ends_with(".mdx")) {
            return None;
        }
        // The folder part of Docusaurus's pattern is greedy: the last date wins.
        let c = DOCUSAURUS.captures_iter(relative).last()?;
        Some((c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
    }

    /// The (year, month, day) of a Jekyll post's file name, or `None` when Jekyll would not take the file
    /// for a post at all.
    pub fn jekyll(name: &str) -> Option<(i32, u32, u32)> {
        let c = JEKYLL.captures(name)?;
        Some((c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Day {
        Day {
            year: y,
            month: m,
            day: d,
        }
    }

    #[test]
    fn impossible_values_are_named() {
        assert_eq!(
            parse("2022-13-45"),
            Some(Err("month must be 1–12".to_string()))
        );
        assert_eq!(
            parse("2022-02-30"),
            Some(Err("February 2022 has 28 days".to_string()))
        );
        assert_eq!(
            parse("2022-11-20 25:00:00"),
            Some(Err("hour must be 0–23".to_string()))
        );
        assert!(matches!(parse("2024-02-29"), Some(Ok(_))));
    }

    #[test]
    fn zones_give_a_utc_day_too() {
        let v = parse("2022-11-20 23:30:00 -0500").unwrap().unwrap();
        assert_eq!(v.local, day(2022, 11, 20));
        assert_eq!(v.utc, Some(day(2022, 11, 21)));
        assert!(v.names(day(2022, 11, 20)) && v.names(day(2022, 11, 21)));
        let v = parse("2022-11-20T08:00:00+09:00").unwrap().unwrap();
        assert_eq!(v.utc, Some(day(2022, 11, 19)));
        let v = parse("2022-11-20 10:00:00 +0900").unwrap().unwrap();
        assert_eq!(v.utc, Some(day(2022, 11, 20)));
        assert!(v.has_zone);
        let v = parse("2022-12-31T23:00:00-02:00").unwrap().unwrap();
        assert_eq!(v.utc, Some(day(2023, 1, 1)));
    }

    #[test]
    fn other_shapes() {
        assert_eq!(
            parse("2022/11/20").unwrap().unwrap().local,
            day(2022, 11, 20)
        );
        assert_eq!(parse("2022-1-5").unwrap().unwrap().local, day(2022, 1, 5));
        assert_eq!(
            parse("November 20, 2022").unwrap().unwrap().local,
            day(2022, 11, 20)
        );
        assert_eq!(
            parse("Sun, 20 Nov 2022 10:00:00 +0900")
                .unwrap()
                .unwrap()
                .local,
            day(2022, 11, 20)
        );
        assert_eq!(parse("2022-11/20"), None);
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("2022"), None);
    }

    #[test]
    fn file_names() {
        assert_eq!(
            file_name::docusaurus("2022-11-10-post.md"),
            Some((2022, 11, 10))
        );
        assert_eq!(
            file_name::docusaurus("2022-11-10-post/index.mdx"),
            Some((2022, 11, 10))
        );
        assert_eq!(
            file_name::docusaurus("2022/11/10/post.md"),
            Some((2022, 11, 10))
        );
        assert_eq!(file_name::docusaurus("post.md"), None);
        assert_eq!(
            file_name::jekyll("2022-11-20-devfest.md"),
            Some((2022, 11, 20))
        );
        assert_eq!(file_name::jekyll("2022-11-20.md"), None);
        assert_eq!(file_name::jekyll("20221120-devfest.md"), None);
        assert_eq!(file_name::jekyll("devfest.md"), None);
    }
}
