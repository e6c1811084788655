//! Dates as posts write them, in one place: calendar days and their arithmetic, the strict
//! reading that names impossible values (`frontmatter-schema`, `date-mismatch`), the loose
//! reading generators apply when they build URLs (routes), and dates in file names.

use regex::Regex;
use std::fmt;
use std::sync::LazyLock;

/// A calendar day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Day {
    pub(crate) year: i32,
    pub(crate) month: u32,
    pub(crate) day: u32,
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Day {
    fn next(self) -> Day {
        Day::from_days(self.days() + 1)
    }

    fn previous(self) -> Day {
        Day::from_days(self.days() - 1)
    }

    /// Days since 1970-01-01 (proleptic Gregorian calendar).
    fn days(&self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(days: i64) -> Day {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// 1 = Monday … 7 = Sunday.
    pub(crate) fn weekday(&self) -> u32 {
        // 1970-01-01 was a Thursday.
        ((self.days() + 3).rem_euclid(7) + 1) as u32
    }

    /// 1 for January 1st.
    pub(crate) fn year_day(&self) -> u32 {
        let jan1 = Day {
            month: 1,
            day: 1,
            ..*self
        };
        (self.days() - jan1.days() + 1) as u32
    }

    /// ISO 8601 week-based year and week number.
    pub(crate) fn iso_week(&self) -> (i32, u32) {
        let thursday = Day::from_days(self.days() - i64::from(self.weekday()) + 4);
        (thursday.year, (thursday.year_day() - 1) / 7 + 1)
    }
}

/// A day and a time of day, read loosely, as generators read a post's date to build its URL.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct DateTime {
    pub(crate) day: Day,
    pub(crate) hour: u32,
    pub(crate) minute: u32,
    pub(crate) second: u32,
}

impl DateTime {
    /// `2022-11-10`, `2022-11-10 10:00:00 +0900`, `2022-11-10T10:00`, `2022-1-5`, quoted or
    /// not; the zone is left out (the day and time as written). `None` for anything else.
    pub(crate) fn parse_loose(text: &str) -> Option<DateTime> {
        let text = text.trim().trim_matches(['"', '\'']);
        let mut parts = text.splitn(3, ['-', '/']);
        let year: i32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        let rest = parts.next()?;
        let day_len = rest.bytes().take_while(u8::is_ascii_digit).count();
        let day: u32 = rest[..day_len].parse().ok()?;
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || !(1000..=9999).contains(&year)
        {
            return None;
        }
        let mut date = DateTime {
            day: Day { year, month, day },
            hour: 0,
            minute: 0,
            second: 0,
        };
        let time = rest[day_len..].trim_start_matches(['T', ' ', 't']);
        let mut hms = time
            .split(|c: char| !c.is_ascii_digit())
            .take(3)
            .map(|n| n.parse::<u32>().ok());
        if let (Some(Some(h)), Some(Some(m))) = (hms.next(), hms.next()) {
            date.hour = h;
            date.minute = m;
            date.second = hms.next().flatten().unwrap_or(0);
        }
        Some(date)
    }
}

/// A date (and maybe a time) read from text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateValue {
    /// The day as written, in the value's own time zone.
    pub(crate) local: Day,
    /// The same instant's day in UTC, when the value has a time and a zone offset.
    pub(crate) utc: Option<Day>,
    /// Whether a zone (`Z`, `+09:00`, `-0500`) is written.
    pub(crate) has_zone: bool,
}

impl DateValue {
    /// Whether the value names `day`, in its own zone or in UTC (generators differ in which
    /// zone they take the day in, so either is accepted).
    pub(crate) fn names(&self, day: Day) -> bool {
        self.local == day || self.utc == Some(day)
    }
}

pub(crate) fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// English month names, as Jekyll and Hugo print and parse them.
pub(crate) const MONTHS: [&str; 12] = [
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

/// English weekday names, Monday first, as Jekyll and Hugo print them.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Why a date is impossible, for `invalid date `…`: <reason>`.
pub(crate) fn check_day(year: i32, month: u32, day: u32) -> Result<Day, String> {
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
pub(crate) fn parse(text: &str) -> Option<Result<DateValue, String>> {
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
pub(crate) mod file_name {
    use super::*;

    /// Jekyll's `Document::DATE_FILENAME_MATCHER`, applied to the file name.
    static JEKYLL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^([0-9]{2,4})-([0-9]{1,2})-([0-9]{1,2})-([^/]*)(\.[^./]+)$")
            .expect("valid regex")
    });

    /// The Docusaurus blog plugin's `DATE_FILENAME_REGEX`,
    /// `^(?<folder>.*)(?<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})[-/]?(?<text>.*?)(?:/index)?.mdx?$`,
    /// without a regex (it runs once per post) on a path below the blog folder: the folder
    /// before the date, the date as written, and the text after it. The rightmost date wins, as
    /// the greedy folder makes it: `2022-11-10-post.md`, `2022-11-10-post/index.md`,
    /// `2022/11/10/post.md`.
    pub(crate) fn docusaurus_parts(relative: &str) -> Option<(&str, &str, &str)> {
        let stem = relative
            .strip_suffix(".mdx")
            .or_else(|| relative.strip_suffix(".md"))?;
        let bytes = stem.as_bytes();
        let (start, len) = (0..bytes.len())
            .rev()
            .find_map(|p| date_at(&bytes[p..]).map(|len| (p, len)))?;
        let mut rest = &stem[start + len..];
        if let Some(r) = rest.strip_prefix(['-', '/']) {
            rest = r;
        }
        let text = rest.strip_suffix("/index").unwrap_or(rest);
        Some((&stem[..start], &stem[start..start + len], text))
    }

    /// The (year, month, day) a Docusaurus post's path below the blog folder names, if any.
    pub(crate) fn docusaurus(relative: &str) -> Option<(i32, u32, u32)> {
        let (_, date, _) = docusaurus_parts(relative)?;
        let mut numbers = date.split(['-', '/']);
        Some((
            numbers.next()?.parse().ok()?,
            numbers.next()?.parse().ok()?,
            numbers.next()?.parse().ok()?,
        ))
    }

    /// The length of `\d{4}[-/]\d{1,2}[-/]\d{1,2}` at the start of `s`.
    fn date_at(s: &[u8]) -> Option<usize> {
        let digits = |from: usize, max: usize| {
            s.get(from..).map_or(0, |t| {
                t.iter()
                    .take(max)
                    .take_while(|b| b.is_ascii_digit())
                    .count()
            })
        };
        let separator = |at: usize| matches!(s.get(at), Some(b'-' | b'/'));
        if digits(0, 4) != 4 || !separator(4) {
            return None;
        }
        let month = digits(5, 2);
        if month == 0 || !separator(5 + month) {
            return None;
        }
        let day = digits(6 + month, 2);
        (day > 0).then_some(6 + month + day)
    }

    /// The (year, month, day) of a Jekyll post's file name, or `None` when Jekyll would not take the file
    /// for a post at all.
    pub(crate) fn jekyll(name: &str) -> Option<(i32, u32, u32)> {
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

    #[test]
    fn loose_dates_and_calendar_arithmetic() {
        let d = DateTime::parse_loose("2022-11-10 23:10:05 +0900").unwrap();
        assert_eq!(
            (d.day.year, d.day.month, d.day.day, d.hour, d.second),
            (2022, 11, 10, 23, 5)
        );
        assert_eq!(d.day.weekday(), 4);
        assert_eq!(d.day.year_day(), 314);
        let jan1 = DateTime::parse_loose("2021-01-01").unwrap().day;
        assert_eq!(jan1.iso_week(), (2020, 53));
        assert_eq!(
            DateTime::parse_loose("2022-1-5").unwrap().day.to_string(),
            "2022-01-05"
        );
        assert!(DateTime::parse_loose("not a date").is_none());
        assert_eq!(day(2024, 2, 28).next(), day(2024, 2, 29));
        assert_eq!(day(2023, 1, 1).previous(), day(2022, 12, 31));
    }

    #[test]
    fn docusaurus_parts() {
        assert_eq!(
            file_name::docusaurus_parts("a/2022-11-10-post/index.md"),
            Some(("a/", "2022-11-10", "post"))
        );
        assert_eq!(file_name::docusaurus_parts("post.md"), None);
    }
}
