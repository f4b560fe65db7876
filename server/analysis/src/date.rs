//! Calendar dates as the language writes them (`"2027-03-31"`), and the date
//! of today that the analysis compares planned controls with.

/// A date of the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// The environment variable that fixes the date of today (`2026-12-04`),
/// for reproducible reports and tests; the system clock's date (UTC) when
/// it is not set or not a date.
pub const TODAY_ENV: &str = "IMS_TODAY";

impl Date {
    /// `YYYY-MM-DD`, and a day that exists in that month; `None` otherwise.
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(year) && all_digits(month) && all_digits(day)) {
            return None;
        }
        let date =
            Date { year: year.parse().ok()?, month: month.parse().ok()?, day: day.parse().ok()? };
        let valid = (1..=12).contains(&date.month)
            && date.day >= 1
            && date.day <= days_in_month(date.year, date.month);
        valid.then_some(date)
    }

    /// Today: [`TODAY_ENV`] if it holds a date, else the system clock (UTC).
    pub fn today() -> Date {
        if let Some(date) = std::env::var(TODAY_ENV).ok().and_then(|v| Date::parse(v.trim())) {
            return date;
        }
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days(i64::try_from(seconds / 86_400).unwrap_or(0))
    }

    /// How long from `now` until the next day begins (UTC, as
    /// [`Date::today`] counts days).
    pub fn until_tomorrow(now: std::time::SystemTime) -> std::time::Duration {
        let seconds = now.duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs());
        std::time::Duration::from_secs(86_400 - seconds % 86_400)
    }

    /// The date `days` days after 1970-01-01 (Howard Hinnant's
    /// `civil_from_days`).
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::Date;

    #[test]
    fn tomorrow_begins_at_the_next_utc_midnight() {
        use std::time::{Duration, UNIX_EPOCH};
        let at = |seconds: u64| Date::until_tomorrow(UNIX_EPOCH + Duration::from_secs(seconds));
        assert_eq!(at(0), Duration::from_secs(86_400));
        assert_eq!(at(86_399), Duration::from_secs(1));
        assert_eq!(at(86_400 * 20_000 + 3_600), Duration::from_secs(86_400 - 3_600));
        // The day it leads to is the next one.
        let now = 86_400 * 20_000 + 3_600;
        let next = now + at(now).as_secs();
        assert_eq!(Date::from_days(i64::try_from(next / 86_400).unwrap()), Date::from_days(20_001));
    }

    #[test]
    fn parses_real_dates_only() {
        assert_eq!(Date::parse("2027-03-31"), Some(Date { year: 2027, month: 3, day: 31 }));
        assert_eq!(Date::parse("2028-02-29").map(|d| d.to_string()).as_deref(), Some("2028-02-29"));
        for wrong in ["2027-02-29", "2027-13-01", "2027-04-31", "27-03-31", "2027-3-31", "soon", ""]
        {
            assert_eq!(Date::parse(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn counts_days_from_the_epoch() {
        assert_eq!(Date::from_days(0).to_string(), "1970-01-01");
        assert_eq!(Date::from_days(20_426).to_string(), "2025-12-04");
        assert_eq!(Date::from_days(11_016).to_string(), "2000-02-29");
    }
}
