//! Currencies (ISO 4217) and exact money amounts in minor units.
//!
//! ```
//! use payments_core::money::{Currency, Money};
//!
//! let eur = Currency::from_code("eur")?;
//! let price = Money::from_major("12.95", eur)?;
//! assert_eq!(price.minor_units(), 1295);
//! assert_eq!(price.to_major_string(), "12.95");
//! assert_eq!(price.to_string(), "12.95 EUR");
//!
//! // More decimals than the currency has is an error, never a rounding.
//! assert!(Money::from_major("12.955", eur).is_err());
//! # Ok::<(), payments_core::money::MoneyError>(())
//! ```

mod table;

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Errors from currency lookup and amount arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The code is not an active ISO 4217 currency with a minor unit.
    #[error("unknown currency code {0:?}")]
    UnknownCurrency(String),
    /// The text is not a plain decimal number (`-12.95`, `1295`).
    #[error("invalid amount {0:?}: expected a plain decimal number such as 12.95")]
    InvalidAmount(String),
    /// The amount has more (non-zero) decimals than the currency allows.
    #[error("amount {amount} has more decimals than {currency} allows ({exponent})")]
    TooManyDecimals {
        /// The amount as given.
        amount: String,
        /// The currency code.
        currency: &'static str,
        /// Number of decimals the currency allows.
        exponent: u8,
    },
    /// The amount does not fit in 64-bit minor units.
    #[error("amount out of range: {0}")]
    Overflow(String),
    /// Arithmetic between two different currencies.
    #[error("currency mismatch: {left} and {right}")]
    CurrencyMismatch {
        /// Currency of the left operand.
        left: &'static str,
        /// Currency of the right operand.
        right: &'static str,
    },
}

/// An ISO 4217 currency: alphabetic code, numeric code and minor-unit exponent.
#[derive(Clone, Copy)]
pub struct Currency {
    code: &'static str,
    numeric: u16,
    exponent: u8,
    name: &'static str,
}

impl Currency {
    const fn new(code: &'static str, numeric: u16, exponent: u8, name: &'static str) -> Self {
        Self {
            code,
            numeric,
            exponent,
            name,
        }
    }

    /// Euro (2 decimals).
    pub const EUR: Currency = Currency::new("EUR", 978, 2, "Euro");
    /// US Dollar (2 decimals).
    pub const USD: Currency = Currency::new("USD", 840, 2, "US Dollar");
    /// Pound Sterling (2 decimals).
    pub const GBP: Currency = Currency::new("GBP", 826, 2, "Pound Sterling");
    /// Yen (0 decimals).
    pub const JPY: Currency = Currency::new("JPY", 392, 0, "Yen");
    /// Kuwaiti Dinar (3 decimals).
    pub const KWD: Currency = Currency::new("KWD", 414, 3, "Kuwaiti Dinar");
    /// Azerbaijan Manat (2 decimals).
    pub const AZN: Currency = Currency::new("AZN", 944, 2, "Azerbaijan Manat");
    /// Russian Ruble (2 decimals).
    pub const RUB: Currency = Currency::new("RUB", 643, 2, "Russian Ruble");

    /// Looks a currency up by its alphabetic code, case-insensitively.
    pub fn from_code(code: &str) -> Result<Currency, MoneyError> {
        let upper = code.trim().to_ascii_uppercase();
        table::CURRENCIES
            .binary_search_by(|c| c.code.cmp(upper.as_str()))
            .ok()
            .and_then(|i| table::CURRENCIES.get(i))
            .copied()
            .ok_or_else(|| MoneyError::UnknownCurrency(code.to_owned()))
    }

    /// Looks a currency up by its ISO 4217 numeric code (978 for EUR).
    pub fn from_numeric(numeric: u16) -> Result<Currency, MoneyError> {
        table::CURRENCIES
            .iter()
            .find(|c| c.numeric == numeric)
            .copied()
            .ok_or_else(|| MoneyError::UnknownCurrency(numeric.to_string()))
    }

    /// Every currency of the table, sorted by alphabetic code.
    pub fn all() -> &'static [Currency] {
        table::CURRENCIES
    }

    /// Alphabetic code, for example `EUR`.
    pub const fn code(&self) -> &'static str {
        self.code
    }

    /// Numeric code, for example 978.
    pub const fn numeric(&self) -> u16 {
        self.numeric
    }

    /// Numeric code as the three-digit string ISO uses (`008` for ALL).
    pub fn numeric_string(&self) -> String {
        format!("{:03}", self.numeric)
    }

    /// Number of decimals of the minor unit: 2 for EUR, 0 for JPY, 3 for KWD.
    pub const fn exponent(&self) -> u8 {
        self.exponent
    }

    /// English name from the ISO table.
    pub const fn name(&self) -> &'static str {
        self.name
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Currency({})", self.code)
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code)
    }
}

impl PartialEq for Currency {
    fn eq(&self, other: &Self) -> bool {
        self.code == other.code
    }
}

impl Eq for Currency {}

impl Hash for Currency {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.code.hash(state);
    }
}

impl PartialOrd for Currency {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Currency {
    fn cmp(&self, other: &Self) -> Ordering {
        self.code.cmp(other.code)
    }
}

impl std::str::FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::from_code(s)
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code)
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        Currency::from_code(&code).map_err(serde::de::Error::custom)
    }
}

/// An exact amount of money: integer minor units and a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    minor_units: i64,
    currency: Currency,
}

impl Money {
    /// An amount in minor units (cents for EUR): `Money::from_minor(1295, EUR)` is 12.95 EUR.
    pub const fn from_minor(minor_units: i64, currency: Currency) -> Money {
        Money {
            minor_units,
            currency,
        }
    }

    /// Parses a decimal string in major units (`"12.95"`, `"-3"`, `"0.5"`).
    ///
    /// Accepted: an optional sign, digits, and an optional `.` followed by digits. Rejected:
    /// exponents, spaces, thousands separators, and any non-zero digit past the currency's
    /// exponent (trailing zeros such as `"12.950"` are exact and accepted).
    pub fn from_major(amount: &str, currency: Currency) -> Result<Money, MoneyError> {
        let invalid = || MoneyError::InvalidAmount(amount.to_owned());
        let (negative, unsigned) = match amount.as_bytes().first() {
            Some(b'-') => (true, amount.get(1..).unwrap_or("")),
            Some(b'+') => (false, amount.get(1..).unwrap_or("")),
            _ => (false, amount),
        };
        let (int_part, frac_part) = match unsigned.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (unsigned, None),
        };
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if int_part.is_empty() || !all_digits(int_part) {
            return Err(invalid());
        }
        let frac = match frac_part {
            Some(f) if f.is_empty() || !all_digits(f) => return Err(invalid()),
            Some(f) => f,
            None => "",
        };
        let exponent = usize::from(currency.exponent);
        let (kept, extra) = if frac.len() > exponent {
            (
                frac.get(..exponent).unwrap_or(""),
                frac.get(exponent..).unwrap_or(""),
            )
        } else {
            (frac, "")
        };
        if extra.bytes().any(|b| b != b'0') {
            return Err(MoneyError::TooManyDecimals {
                amount: amount.to_owned(),
                currency: currency.code,
                exponent: currency.exponent,
            });
        }
        let overflow = || MoneyError::Overflow(amount.to_owned());
        let mut minor: i128 = 0;
        for b in int_part.bytes().chain(kept.bytes()) {
            minor = minor
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(b - b'0')))
                .ok_or_else(overflow)?;
            if minor > i128::from(i64::MAX) + 1 {
                return Err(overflow());
            }
        }
        for _ in kept.len()..exponent {
            minor = minor.checked_mul(10).ok_or_else(overflow)?;
        }
        let signed = if negative { -minor } else { minor };
        let minor_units = i64::try_from(signed).map_err(|_| overflow())?;
        Ok(Money::from_minor(minor_units, currency))
    }

    /// Converts a decimal in major units exactly (see [`Money::from_major`]).
    pub fn from_decimal(amount: Decimal, currency: Currency) -> Result<Money, MoneyError> {
        let normalized = amount.normalize();
        if normalized.scale() > u32::from(currency.exponent) {
            return Err(MoneyError::TooManyDecimals {
                amount: amount.to_string(),
                currency: currency.code,
                exponent: currency.exponent,
            });
        }
        let mut scaled = normalized;
        scaled.rescale(u32::from(currency.exponent));
        // After rescaling to the currency's exponent the mantissa is the minor-unit count.
        let mantissa = scaled.mantissa();
        if scaled.scale() != u32::from(currency.exponent) {
            return Err(MoneyError::Overflow(amount.to_string()));
        }
        let minor_units =
            i64::try_from(mantissa).map_err(|_| MoneyError::Overflow(amount.to_string()))?;
        Ok(Money::from_minor(minor_units, currency))
    }

    /// Amount in minor units.
    pub const fn minor_units(&self) -> i64 {
        self.minor_units
    }

    /// The currency.
    pub const fn currency(&self) -> Currency {
        self.currency
    }

    /// The amount in major units as an exact decimal.
    pub fn to_decimal(&self) -> Decimal {
        Decimal::from_i128_with_scale(
            i128::from(self.minor_units),
            u32::from(self.currency.exponent),
        )
    }

    /// The amount in major units with exactly the currency's decimals:
    /// `"12.95"` (EUR), `"1295"` (JPY), `"1.295"` (KWD), `"-0.05"`.
    pub fn to_major_string(&self) -> String {
        let exponent = usize::from(self.currency.exponent);
        let digits = self.minor_units.unsigned_abs().to_string();
        let sign = if self.minor_units < 0 { "-" } else { "" };
        if exponent == 0 {
            return format!("{sign}{digits}");
        }
        let padded = format!("{digits:0>width$}", width = exponent + 1);
        let split = padded.len() - exponent;
        let (int_part, frac_part) = padded.split_at(split);
        format!("{sign}{int_part}.{frac_part}")
    }

    /// `self + other`; an error for different currencies or on overflow.
    pub fn checked_add(&self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        self.minor_units
            .checked_add(other.minor_units)
            .map(|m| Money::from_minor(m, self.currency))
            .ok_or_else(|| MoneyError::Overflow(format!("{self} + {other}")))
    }

    /// `self - other`; an error for different currencies or on overflow.
    pub fn checked_sub(&self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        self.minor_units
            .checked_sub(other.minor_units)
            .map(|m| Money::from_minor(m, self.currency))
            .ok_or_else(|| MoneyError::Overflow(format!("{self} - {other}")))
    }

    /// True when the amount is zero.
    pub const fn is_zero(&self) -> bool {
        self.minor_units == 0
    }

    /// True when the amount is below zero.
    pub const fn is_negative(&self) -> bool {
        self.minor_units < 0
    }

    fn same_currency(&self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch {
                left: self.currency.code,
                right: other.currency.code,
            })
        }
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.to_major_string(), self.currency.code)
    }
}

#[cfg(test)]
mod tests;
