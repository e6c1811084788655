//! Backoff and `Retry-After`.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Exponential backoff: `base * 2^attempt`, at most `cap`.
pub(crate) fn backoff(base: Duration, attempt: u32, cap: Duration) -> Duration {
    let factor = 1u32.checked_shl(attempt.min(16)).unwrap_or(u32::MAX);
    base.saturating_mul(factor).min(cap)
}

/// A `Retry-After` value: delay seconds or an HTTP date (RFC 9110 §10.2.3), as a wait from `now`.
pub(crate) fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let at = parse_http_date(value)?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), and the obsolete RFC 850
/// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`) forms.
pub(crate) fn parse_http_date(s: &str) -> Option<SystemTime> {
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let mut month = None;
    let mut time = None;
    let mut numbers = Vec::new();
    for tok in s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|t| !t.is_empty())
    {
        if tok.contains(':') {
            time = Some(tok);
        } else if tok.bytes().all(|b| b.is_ascii_digit()) {
            numbers.push(tok.parse::<i64>().ok()?);
        } else if let Some(m) = MONTHS
            .iter()
            .position(|m| tok.len() == 3 && tok.eq_ignore_ascii_case(m))
        {
            month = Some(m as i64 + 1);
        }
    }
    let (day, mut year) = match numbers[..] {
        [d, y] => (d, y),
        _ => return None,
    };
    if year < 100 {
        year += if year >= 70 { 1900 } else { 2000 };
    }
    let month = month?;
    let mut hms = time?.split(':').map(|p| p.parse::<i64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    if !(1..=31).contains(&day) || h > 23 || m > 59 || sec > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + h * 3600 + m * 60 + sec;
    let secs = u64::try_from(secs).ok()?;
    Some(UNIX_EPOCH + Duration::from_secs(secs))
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_http_dates() {
        let t = UNIX_EPOCH + Duration::from_secs(784_111_777);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT"), Some(t));
        assert_eq!(parse_http_date("Sun Nov  6 08:49:37 1994"), Some(t));
        assert_eq!(
            parse_http_date("Thu, 01 Jan 1970 00:00:00 GMT"),
            Some(UNIX_EPOCH)
        );
        assert!(parse_http_date("Wed, 29 Feb 2024 12:00:00 GMT").is_some());
        assert_eq!(parse_http_date("soon"), None);
        assert_eq!(parse_http_date("Sun, 06 Nov 1994 GMT"), None);
    }

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = UNIX_EPOCH + Duration::from_secs(784_111_770);
        assert_eq!(
            parse_retry_after(" 120 ", now),
            Some(Duration::from_secs(120))
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", now),
            Some(Duration::from_secs(7))
        );
        // a date in the past means "now"
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("-5", now), None);
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let b = Duration::from_millis(100);
        let cap = Duration::from_secs(1);
        assert_eq!(backoff(b, 0, cap), Duration::from_millis(100));
        assert_eq!(backoff(b, 1, cap), Duration::from_millis(200));
        assert_eq!(backoff(b, 3, cap), Duration::from_millis(800));
        assert_eq!(backoff(b, 4, cap), cap);
        assert_eq!(backoff(b, 200, cap), cap);
    }
}
